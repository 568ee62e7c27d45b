using TumorRegistry.Api.Security.Authorization;

namespace TumorRegistry.Api.Security.Hardening;

/// <summary>
/// Endpoints that read their body themselves (populations, life tables, NAACCR XML) take only their content types:
/// text/plain and form types are what another origin's page can post without a preflight, so they are refused (415).
/// JSON endpoints refuse other types in their binding already.
/// </summary>
public sealed class BodyTypeMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var types = http.GetEndpoint()?.Metadata.GetMetadata<EndpointSecurity>()?.BodyTypes;
        var contentType = (http.Request.ContentType ?? "").Split(';')[0].Trim();
        if (types is null || types.Contains(contentType, StringComparer.OrdinalIgnoreCase))
        {
            await next(http);
            return;
        }
        await Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type.",
            detail: $"Send the body as {string.Join(" or ", types)}.").ExecuteAsync(http);
    }
}
