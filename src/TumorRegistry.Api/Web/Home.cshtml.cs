using Hangfire;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TumorRegistry.Api.Cases.Worklists;
using TumorRegistry.Api.FollowUp;
using TumorRegistry.Api.Security.Audit;
using TumorRegistry.Domain.FollowUp;
using TumorRegistry.Infrastructure.FollowUp;
using TumorRegistry.Infrastructure.Security;

namespace TumorRegistry.Api.Web;

/// <summary>What needs the signed-in person's attention today, by role: their open cases, failing edits, due follow-ups, failed jobs.</summary>
public sealed class HomeModel(IMediator mediator, FollowUpReader followUp, JobStorage jobs, TimeProvider clock, FollowUpRules rules) : PageModel
{
    public WorklistPage? MyOpenCases { get; private set; }
    public long FailingEdits { get; private set; }
    public int? DueFollowUps { get; private set; }
    public int? LostPatients { get; private set; }
    public long? FailedJobs { get; private set; }
    public string? Facility { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (facility, _) = PageFacilities.Choose(User, null);
        Facility = facility;
        if (User.IsInRole(RegistryRoles.Registrar))
        {
            MyOpenCases = await mediator.Send(new GetWorklist(null, facility, User.Identity!.Name, 1, 20) { OpenOnly = true }, ct);
            FailingEdits = (await mediator.Send(new GetWorklist("failing_edits", facility, null, 1, 1), ct)).Total;
            PhiAuditMiddleware.Listed(HttpContext, MyOpenCases.Cases.Select(c => ((Guid?)c.PatientId, (Guid?)c.CaseId)));
        }
        if (User.IsInRole(RegistryRoles.Manager))
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var due = await DueList.ReadAsync(followUp, today, facility, rules, ct);
            DueFollowUps = due.Count;
            LostPatients = due.Count(d => d.Due.Lost);
        }
        if (User.IsInRole(RegistryRoles.Manager) || User.IsInRole(RegistryRoles.Admin))
            FailedJobs = jobs.GetMonitoringApi().FailedCount();
    }
}
