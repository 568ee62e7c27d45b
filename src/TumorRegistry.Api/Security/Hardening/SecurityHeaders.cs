namespace TumorRegistry.Api.Security.Hardening;

/// <summary>Headers on every response: no sniffing, no framing, no referrer, and a policy that lets pages load nothing foreign.</summary>
public static class SecurityHeaders
{
    // Letters and reports are self-contained HTML with inline styles and inline SVG; nothing else may load.
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var h = http.Response.Headers;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h.ContentSecurityPolicy = ContentSecurityPolicy;
            h["Referrer-Policy"] = "no-referrer";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            h.Remove("Server");
            return Task.CompletedTask;
        });
        return next(http);
    });
}
