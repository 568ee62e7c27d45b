using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TumorRegistry.Infrastructure.Security;

namespace TumorRegistry.Integration.Tests.Infrastructure;

/// <summary>
/// The tests' identity provider: bearer tokens signed with a symmetric key the test hosts are configured with, for any
/// name, roles and facilities. Test clients sign in this way; the API keys and local accounts have tests of their own.
/// </summary>
public static class TestPrincipals
{
    public const string Issuer = "https://idp.test.invalid";
    public const string Audience = "tumorregistry-tests";
    public const string SigningKey = "tests-only-signing-key-0123456789-abcdefghij";
    public static readonly string[] AllRoles = [.. RegistryRoles.All];

    /// <summary>The default client's principal: every role, every facility.</summary>
    public const string DefaultUser = "test.user";

    public static IWebHostBuilder UseTestIdentityProvider(this IWebHostBuilder builder) => builder
        .UseSetting("Security:Jwt:Issuer", Issuer)
        .UseSetting("Security:Jwt:Audience", Audience)
        .UseSetting("Security:Jwt:SigningKey", SigningKey);

    public static string Token(string name, IEnumerable<string> roles, IEnumerable<string> facilities, DateTime? expires = null,
        string? key = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["preferred_username"] = name, ["sub"] = name, ["roles"] = roles.ToArray(), ["facilities"] = facilities.ToArray(),
        };
        var notBefore = expires is { } e && e < DateTime.UtcNow ? e.AddHours(-1) : DateTime.UtcNow.AddMinutes(-1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer, Audience = Audience, Claims = claims, NotBefore = notBefore, IssuedAt = notBefore,
            Expires = expires ?? DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(key ?? SigningKey)),
                SecurityAlgorithms.HmacSha256),
        });
    }

    public static void SignIn(this HttpClient client, string name, IEnumerable<string> roles, IEnumerable<string> facilities) =>
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(name, roles, facilities));

    /// <summary>A client signed in as <paramref name="name"/> with the roles and facilities given.</summary>
    public static HttpClient As(this WebApplicationFactory<Program> api, string name, string[] roles, params string[] facilities)
    {
        var client = api.CreateClient();
        client.SignIn(name, roles, facilities.Length == 0 ? [RegistryRoles.AllFacilities] : facilities);
        return client;
    }

    public static HttpClient Anonymous(this WebApplicationFactory<Program> api)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    public static HttpClient WithBearer(this WebApplicationFactory<Program> api, string token)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
