using TumorRegistry.Infrastructure.Security;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Security;

/// <summary>The principals the security tests call with, and the facilities they hold.</summary>
public sealed record Principal(string Name, string[] Roles, string[] Facilities, string? Token)
{
    public const string FacilityA = "0000000101";
    public const string FacilityB = "0000000202";

    public bool SignedIn => Roles.Length > 0;
    public bool Holds(string facility) => Facilities.Contains(facility) || Facilities.Contains(RegistryRoles.AllFacilities);

    public static Principal Of(string name, string[] roles, params string[] facilities) =>
        new(name, roles, facilities, TestPrincipals.Token(name, roles, facilities));

    public static readonly Principal Anonymous = new("anonymous", [], [], null);
    public static readonly Principal RegistrarA = Of("reg.a", [RegistryRoles.Registrar], FacilityA);
    public static readonly Principal RegistrarB = Of("reg.b", [RegistryRoles.Registrar], FacilityB);
    public static readonly Principal Manager = Of("mgr.a", [RegistryRoles.Manager], FacilityA);
    public static readonly Principal Epidemiologist = Of("epi", [RegistryRoles.Epidemiologist], RegistryRoles.AllFacilities);
    public static readonly Principal Admin = Of("adm", [RegistryRoles.Admin], RegistryRoles.AllFacilities);
    /// <summary>Every role, but the token expired an hour ago.</summary>
    public static readonly Principal Expired = new("expired", [], [], TestPrincipals.Token("expired", RegistryRoles.All, [RegistryRoles.AllFacilities],
        DateTime.UtcNow.AddHours(-1)));

    public override string ToString() => Name;
}
