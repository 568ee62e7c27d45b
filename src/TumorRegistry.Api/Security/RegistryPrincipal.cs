using System.Security.Claims;
using TumorRegistry.Infrastructure.Security;

namespace TumorRegistry.Api.Security;

/// <summary>
/// The one principal model every way in produces: a name, the registry's roles and the facilities held
/// ("*" for a central registry). Handlers and policies read only these claims.
/// </summary>
public static class RegistryPrincipal
{
    public const string FacilityClaim = "tr_facility";
    public const string MethodClaim = "tr_auth";

    public static ClaimsPrincipal Create(string name, IEnumerable<string> roles, IEnumerable<string> facilities, string method)
    {
        var identity = new ClaimsIdentity(method, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        identity.AddClaim(new Claim(MethodClaim, method));
        foreach (var role in roles.Select(r => r.ToLowerInvariant()).Where(RegistryRoles.All.Contains).Distinct())
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        foreach (var facility in facilities.Where(f => !string.IsNullOrWhiteSpace(f)).Distinct())
            identity.AddClaim(new Claim(FacilityClaim, facility.Trim()));
        return new ClaimsPrincipal(identity);
    }

    public static bool IsSignedIn(this ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true;

    public static IReadOnlyList<string> Facilities(this ClaimsPrincipal user) =>
        user.FindAll(FacilityClaim).Select(c => c.Value).ToList();

    public static bool HoldsAllFacilities(this ClaimsPrincipal user) => user.HasClaim(FacilityClaim, RegistryRoles.AllFacilities);

    public static bool Holds(this ClaimsPrincipal user, string? facility) =>
        user.HoldsAllFacilities() || (facility is not null && user.HasClaim(FacilityClaim, facility));

    public static bool HoldsAny(this ClaimsPrincipal user, IEnumerable<string> facilities) =>
        user.HoldsAllFacilities() || facilities.Any(f => user.HasClaim(FacilityClaim, f));
}
