using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using TumorRegistry.Infrastructure.Security;

namespace TumorRegistry.Api.Security.Authentication;

/// <summary>API keys in <c>X-Api-Key: trk_…</c> or <c>Authorization: ApiKey trk_…</c>; the key's owner is the principal.</summary>
public sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    public static string? KeyIn(HttpRequest request)
    {
        var header = request.Headers[Header].ToString();
        if (header.Length > 0) return header.Trim();
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase) ? authorization[(SchemeName.Length + 1)..].Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (KeyIn(Request) is not { } key) return AuthenticateResult.NoResult();
        var info = await keys.ValidateAsync(key, Context.RequestAborted);
        if (info is null) return AuthenticateResult.Fail("The API key is unknown, revoked or expired.");
        var principal = RegistryPrincipal.Create(info.Owner, info.Roles, info.Facilities, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
