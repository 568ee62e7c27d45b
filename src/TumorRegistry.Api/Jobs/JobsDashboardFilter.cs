using Hangfire.Dashboard;
using TumorRegistry.Infrastructure.Security;

namespace TumorRegistry.Api.Jobs;

/// <summary>
/// The dashboard's own check, behind the endpoint's "jobs" policy (EndpointPolicies): a signed-in manager or admin.
/// Hangfire answers 401 when nobody is signed in and 403 otherwise.
/// </summary>
public sealed class JobsDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && (user.IsInRole(RegistryRoles.Manager) || user.IsInRole(RegistryRoles.Admin));
    }
}
