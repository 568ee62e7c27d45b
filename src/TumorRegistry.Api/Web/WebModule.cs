using Microsoft.AspNetCore.Authentication.Cookies;

namespace TumorRegistry.Api.Web;

/// <summary>Marks the endpoints of the web pages: a browser is sent to the sign-in page instead of getting a bare 401.</summary>
public sealed class WebPageEndpoint;

/// <summary>
/// The server-rendered pages (Razor Pages, no JavaScript): every page lives beside its feature's slice and is mapped
/// into the secured group, so it gets its policy from EndpointPolicies like any API endpoint.
/// </summary>
public static class WebModule
{
    public const string SignInPath = "/signin";

    public static IServiceCollection AddWebPages(this IServiceCollection services)
    {
        // Pages sit in the feature folders (Cases/Pages, FollowUp/Pages, ...), so the root is the project itself.
        services.AddRazorPages(o => o.RootDirectory = "/");
        services.AddSingleton<CodePickers>();
        services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, o =>
        {
            var toLogin = o.Events.OnRedirectToLogin;
            var toDenied = o.Events.OnRedirectToAccessDenied;
            o.Events.OnRedirectToLogin = c => FromBrowser(c.HttpContext) ? Redirect(c.HttpContext, SignInPath + "?returnUrl=" + Uri.EscapeDataString(c.Request.Path + c.Request.QueryString)) : toLogin(c);
            o.Events.OnRedirectToAccessDenied = c => FromBrowser(c.HttpContext) ? DeniedAsync(c.HttpContext) : toDenied(c);
        });
        return services;
    }

    public static IEndpointConventionBuilder MapWebPages(this IEndpointRouteBuilder app) =>
        app.MapRazorPages().WithMetadata(new WebPageEndpoint());

    // A page asked for by a browser (it accepts HTML); API clients and the tests' HTTP clients keep their 401/403.
    private static bool FromBrowser(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<WebPageEndpoint>() is not null
        && http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    // The refusal stays a 403 (no redirect to a page that would answer 200), as a page a person can read.
    private static Task DeniedAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        http.Response.ContentType = "text/html; charset=utf-8";
        return http.Response.WriteAsync("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Not allowed · TumorRegistry</title>
            <style>body{font:15px/1.45 system-ui,sans-serif;color:#1b1b1b;margin:2rem}a{color:#0b4f9c}</style></head>
            <body><main><h1>Not allowed</h1><p>Your role does not give you this page. <a href="/">Back to your home page</a>.</p></main></body></html>
            """);
    }

    private static Task Redirect(HttpContext http, string to)
    {
        http.Response.Redirect(to);
        return Task.CompletedTask;
    }
}
