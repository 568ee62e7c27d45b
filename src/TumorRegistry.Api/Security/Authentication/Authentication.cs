using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace TumorRegistry.Api.Security.Authentication;

/// <summary>
/// Three ways in behind one policy scheme: an API key header, a bearer token of the identity provider, else the
/// cookie of a local sign-in. Each yields the same <see cref="RegistryPrincipal"/>.
/// </summary>
public static class RegistryAuthentication
{
    public const string Scheme = "Registry";
    public const string CookieName = "tr_session";

    public static IServiceCollection AddRegistryAuthentication(this IServiceCollection services, JwtOptions jwt)
    {
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key, bearer token or cookie", o => o.ForwardDefaultSelector = http =>
                ApiKeyHandler.KeyIn(http.Request) is not null ? ApiKeyHandler.SchemeName
                : http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? JwtBearerDefaults.AuthenticationScheme
                : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, _ => { })
            .AddCookie(o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure whenever the request came over HTTPS
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                // An API answers 401/403, it does not redirect to a login page.
                o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
            })
            .AddJwtBearer(o => ConfigureJwt(o, jwt));
        return services;
    }

    private static void ConfigureJwt(JwtBearerOptions o, JwtOptions jwt)
    {
        o.MapInboundClaims = false;
        if (!string.IsNullOrWhiteSpace(jwt.Authority)) o.Authority = jwt.Authority;
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = jwt.Issuer,
            ValidateAudience = true,
            ValidAudience = jwt.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = jwt.NameClaim,
            RoleClaimType = jwt.RoleClaim,
            ValidateIssuerSigningKey = true,
            // No authority and no key: every token fails, bearer is simply not a way in.
            IssuerSigningKey = new SymmetricSecurityKey(SigningKeyBytes(jwt.SigningKey)),
        };
        o.Events = new JwtBearerEvents
        {
            // The token's claims become the registry's principal; unknown roles are dropped.
            OnTokenValidated = c =>
            {
                var p = c.Principal!;
                var name = p.FindFirst(jwt.NameClaim)?.Value ?? p.FindFirst("sub")?.Value;
                if (string.IsNullOrWhiteSpace(name)) { c.Fail("The token names no user."); return Task.CompletedTask; }
                c.Principal = RegistryPrincipal.Create(name, Values(p, jwt.RoleClaim), Values(p, jwt.FacilityClaim), JwtBearerDefaults.AuthenticationScheme);
                return Task.CompletedTask;
            },
        };
    }

    // A claim may come as several claims or as one space- or comma-separated value.
    private static IEnumerable<string> Values(ClaimsPrincipal p, string type) =>
        p.FindAll(type).SelectMany(c => c.Value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static byte[] SigningKeyBytes(string? key)
    {
        if (string.IsNullOrWhiteSpace(key)) return System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        try { var b = Convert.FromBase64String(key); if (b.Length >= 32) return b; } catch (FormatException) { }
        var bytes = Encoding.UTF8.GetBytes(key);
        if (bytes.Length < 32) throw new InvalidOperationException("Security:Jwt:SigningKey must be at least 32 bytes.");
        return bytes;
    }
}
