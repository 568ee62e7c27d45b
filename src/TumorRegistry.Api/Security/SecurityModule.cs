using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TumorRegistry.Api.Security.Admin;
using TumorRegistry.Api.Security.Audit;
using TumorRegistry.Api.Security.Authentication;
using TumorRegistry.Api.Security.Authorization;
using TumorRegistry.Api.Security.Hardening;
using TumorRegistry.Infrastructure.Security;

namespace TumorRegistry.Api.Security;

/// <summary>Sign-in, roles, facility scoping, the PHI audit and the hardening, in two calls from Program.cs.</summary>
public static class SecurityModule
{
    public static IServiceCollection AddRegistrySecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        // Validated API keys are cached while the revocation listener is connected (docs/security.md).
        services.AddSingleton<ApiKeyCache>().AddHostedService<ApiKeyRevocations>();
        services.AddSingleton<AccountStore>().AddSingleton<ApiKeyStore>().AddSingleton<AuditStore>().AddSingleton<RecordScope>();
        services.AddSingleton<DemoAccounts>();
        services.AddHttpContextAccessor();
        services.AddRegistryAuthentication(options.Jwt);
        services.AddAuthorizationBuilder().AddRegistryPolicies();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "tr_antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        // "Request starting GET /worklists?abstractor=…" would put query values into the log; the PHI audit records requests.
        services.AddLogging(b => b.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPartition.GetFixedWindowLimiter(
                PartitionKey(http), _ => new FixedWindowRateLimiterOptions
                    { PermitLimit = options.RequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, ct) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.",
                    detail: "Wait for the seconds in Retry-After.").ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    // Signed-in principals are limited each on their own; anonymous callers by address (sign-in attempts included).
    private static string PartitionKey(HttpContext http) => http.User.IsSignedIn()
        ? $"user:{http.User.FindFirst(RegistryPrincipal.MethodClaim)?.Value}:{http.User.Identity!.Name}"
        : $"ip:{http.Connection.RemoteIpAddress}";

    /// <summary>
    /// The middleware in order (headers, who, limits, audit, what may be called, bodies, facility lists) and the group
    /// every module maps its endpoints into, which gives each endpoint its policy from <see cref="EndpointPolicies"/>.
    /// </summary>
    public static RouteGroupBuilder UseRegistrySecurity(this WebApplication app)
    {
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseMiddleware<PhiAuditMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<BodyTypeMiddleware>();
        app.UseMiddleware<ControlCharacterMiddleware>();
        app.UseMiddleware<FacilityListMiddleware>();
        var api = app.MapGroup("").WithRegistryPolicies();
        api.MapSignIn();
        api.MapRegistryAdmin();
        return api;
    }
}
