namespace TumorRegistry.Api.Security;

/// <summary>The "Security" configuration section (appsettings, or environment as Security__Jwt__Issuer and so on).</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";
    public JwtOptions Jwt { get; set; } = new();
    /// <summary>Requests per principal (or per address when anonymous) per minute.</summary>
    public int RequestsPerMinute { get; set; } = 1200;
}

/// <summary>Bearer tokens of the hospital's identity provider: who issues them, for whom, and which claims carry what.</summary>
public sealed class JwtOptions
{
    /// <summary>OpenID Connect authority whose metadata gives the signing keys (production).</summary>
    public string? Authority { get; set; }
    public string? Issuer { get; set; }
    public string? Audience { get; set; }
    /// <summary>A shared HMAC key (at least 32 bytes, base64 or text) instead of an authority: tests and closed set-ups.</summary>
    public string? SigningKey { get; set; }
    public string NameClaim { get; set; } = "preferred_username";
    public string RoleClaim { get; set; } = "roles";
    public string FacilityClaim { get; set; } = "facilities";

    public bool Configured => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(SigningKey);
}
