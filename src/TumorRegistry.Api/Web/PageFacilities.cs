using System.Security.Claims;
using TumorRegistry.Api.Security;

namespace TumorRegistry.Api.Web;

/// <summary>
/// The facility a page lists, by the rules of the API's lists (FacilityListMiddleware): a central registrar (*) may see
/// all or name one; anyone else sees one facility they hold, the first unless they name another.
/// </summary>
public static class PageFacilities
{
    /// <summary>null facility = every facility (holders of * only); NotHeld when the one asked for is not held.</summary>
    public static (string? Facility, bool NotHeld) Choose(ClaimsPrincipal user, string? asked)
    {
        var wanted = string.IsNullOrWhiteSpace(asked) ? null : asked.Trim();
        if (user.HoldsAllFacilities()) return (wanted, false);
        var held = user.Facilities();
        if (wanted is null) return (held.Count > 0 ? held[0] : "", false);
        return user.Holds(wanted) ? (wanted, false) : (null, true);
    }

    /// <summary>The facilities a principal may pick from (empty for * holders: they type one or leave it blank).</summary>
    public static IReadOnlyList<string> Held(ClaimsPrincipal user) => user.HoldsAllFacilities() ? [] : user.Facilities();
}
