using Microsoft.AspNetCore.Http.Extensions;
using TumorRegistry.Api.Security.Audit;

namespace TumorRegistry.Api.Security.Authorization;

/// <summary>
/// Lists by facility (worklists, edits, follow-up) show a principal only their facilities: a facility not held is
/// answered 404 (as if it had no cases); no facility means the one held, or 400 when several are.
/// </summary>
public sealed class FacilityListMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var security = http.GetEndpoint()?.Metadata.GetMetadata<EndpointSecurity>();
        if (security is not { FacilityList: true } || !http.User.IsSignedIn() || http.User.HoldsAllFacilities())
        {
            await next(http);
            return;
        }
        var asked = http.Request.Query["facility"].ToString().Trim();
        var held = http.User.Facilities();
        if (asked.Length > 0 && !http.User.Holds(asked))
        {
            http.Items[PhiAuditMiddleware.DeniedItem] = "facility not held";
            await Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such facility.").ExecuteAsync(http);
            return;
        }
        if (asked.Length == 0)
        {
            if (held.Count != 1)
            {
                await Results.ValidationProblem(new Dictionary<string, string[]>
                    { ["facility"] = [held.Count == 0 ? "You hold no facility." : $"Name one of your facilities: {string.Join(", ", held)}."] })
                    .ExecuteAsync(http);
                return;
            }
            var query = new QueryBuilder(http.Request.Query.Where(q => q.Key != "facility")
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? "")))) { { "facility", held[0] } };
            http.Request.QueryString = query.ToQueryString();
        }
        await next(http);
    }
}
