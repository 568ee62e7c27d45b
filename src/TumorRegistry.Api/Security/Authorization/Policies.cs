using Microsoft.AspNetCore.Authorization;
using TumorRegistry.Infrastructure.Security;
using R = TumorRegistry.Infrastructure.Security.RegistryRoles;

namespace TumorRegistry.Api.Security.Authorization;

/// <summary>The endpoint policies: which roles may call what. Facility scoping is decided beside them (AuthorizationBehavior).</summary>
public static class Policies
{
    public const string Abstract = "abstract";
    public const string ReadIdentified = "read-identified";
    public const string Worklists = "worklists";
    public const string FollowUp = "follow-up";
    public const string Import = "import";
    public const string Statistics = "statistics";
    public const string LifeTableImport = "life-table-import";
    public const string PopulationImport = "population-import";
    public const string Jobs = "jobs";
    public const string Admin = "admin";
    public const string SignedIn = "signed-in";
    public const string Cohorts = "cohorts";
    public const string Quality = "quality";
    /// <summary>The workload page (cases by abstractor and facility): the manager's.</summary>
    public const string Workload = "workload";
    /// <summary>Linkage review (issue 14): deciding pairs shows identifiers, registrars only; counts also for managers.</summary>
    public const string LinkageReview = "linkage-review";
    public const string LinkageCounts = "linkage-counts";
    /// <summary>The registry's user-defined NAACCR dictionaries: what every import accepts, so the manager's or the admin's.</summary>
    public const string NaaccrDictionaries = "naaccr-dictionaries";

    public static readonly IReadOnlyDictionary<string, string[]> Roles = new Dictionary<string, string[]>
    {
        [Abstract] = [R.Registrar],
        [ReadIdentified] = [R.Registrar, R.Manager],
        [Worklists] = [R.Registrar, R.Manager],
        [FollowUp] = [R.Manager],
        [Import] = [R.Registrar, R.Manager],
        [Statistics] = [R.Epidemiologist, R.Manager, R.Admin],
        // Replacing (replace=true) is the admin's alone: see Add.
        [LifeTableImport] = [R.Epidemiologist, R.Admin],
        // The newest population of a state becomes the one behind /incidence, so every import may replace: admin only.
        [PopulationImport] = [R.Admin],
        [Jobs] = [R.Manager, R.Admin],
        [Admin] = [R.Admin],
        [SignedIn] = R.All.ToArray(),
        // Defining cohorts: the statistics roles and the registrars who screen trials with them.
        [Cohorts] = [R.Registrar, R.Manager, R.Epidemiologist, R.Admin],
        // Data quality (issue 15): the registry manager's, and the admin's; the lists are identified (Phi rows).
        [Quality] = [R.Manager, R.Admin],
        [Workload] = [R.Manager],
        [LinkageReview] = [R.Registrar],
        [LinkageCounts] = [R.Registrar, R.Manager],
        [NaaccrDictionaries] = [R.Manager, R.Admin],
    };

    /// <summary>Policies that also need every facility ("*"): the whole registry's work, a central registrar's.</summary>
    public static IReadOnlySet<string> AllFacilitiesOnly { get; } = new HashSet<string> { LinkageReview };

    public static AuthorizationBuilder AddRegistryPolicies(this AuthorizationBuilder auth)
    {
        foreach (var (name, roles) in Roles.Where(p => p.Key != LifeTableImport && !AllFacilitiesOnly.Contains(p.Key)))
            auth.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles));
        // Linking patients compares records across the whole registry, so the worklist (both records identified), its
        // decisions and the duplicate search belong to a central registrar; a hospital's registrar gets 403.
        foreach (var name in AllFacilitiesOnly)
            auth.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(Roles[name])
                .RequireClaim(RegistryPrincipal.FacilityClaim, RegistryRoles.AllFacilities));
        auth.AddPolicy(LifeTableImport, p => p.RequireAuthenticatedUser().RequireRole(Roles[LifeTableImport])
            .RequireAssertion(c => c.User.IsInRole(RegistryRoles.Admin) ||
                !(c.Resource is HttpContext http && string.Equals(http.Request.Query["replace"], "true", StringComparison.OrdinalIgnoreCase))));
        // An endpoint that slipped past the table still needs a signed-in principal (and fails the matrix test).
        auth.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return auth;
    }
}
