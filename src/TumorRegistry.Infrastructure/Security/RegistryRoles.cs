namespace TumorRegistry.Infrastructure.Security;

/// <summary>The four roles of the registry and the facility wildcard a central-registry user holds.</summary>
public static class RegistryRoles
{
    public const string Registrar = "registrar";
    public const string Manager = "manager";
    public const string Epidemiologist = "epidemiologist";
    public const string Admin = "admin";
    public static readonly IReadOnlyList<string> All = [Registrar, Manager, Epidemiologist, Admin];

    /// <summary>Holds every facility (a central registry).</summary>
    public const string AllFacilities = "*";

    /// <summary>The roles named, checked against the four; an unknown role is an error, not ignored.</summary>
    public static string[] Parse(IEnumerable<string> roles)
    {
        var parsed = roles.SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(r => r.ToLowerInvariant()).Distinct().ToArray();
        var unknown = parsed.Where(r => !All.Contains(r)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"{unknown.Count} unknown role(s); roles are {string.Join(", ", All)}.");
        if (parsed.Length == 0) throw new ArgumentException($"Name at least one role of {string.Join(", ", All)}.");
        return parsed;
    }

    public static string[] ParseFacilities(IEnumerable<string> facilities) =>
        facilities.SelectMany(f => f.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToArray();
}
