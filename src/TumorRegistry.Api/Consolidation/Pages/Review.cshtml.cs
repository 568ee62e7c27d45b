using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Api.Security.Audit;
using TumorRegistry.Api.Web;

namespace TumorRegistry.Api.Consolidation.Pages;

/// <summary>The consolidation review worklist (GET /consolidation/review's query): open conflicts with counts and age;
/// a registrar resolves one with the chosen value and a reason (the same command as the API).</summary>
public sealed class ReviewModel(IMediator mediator, NpgsqlDataSource db) : PageModel
{
    public ReviewList List { get; private set; } = null!;
    public string? Facility { get; private set; }
    public Guid? Failed { get; private set; }
    public Dictionary<string, List<string>> Messages { get; private set; } = [];
    public bool Resolved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? facility, bool resolved = false)
    {
        if (await LoadAsync(facility) is { } notFound) return notFound;
        Resolved = resolved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid conflictId, string? value, string? reason, int version, string? facility)
    {
        await using var cmd = db.CreateCommand("select case_id from consolidation_review where conflict_id = $1");
        cmd.Parameters.AddWithValue(conflictId);
        if (await cmd.ExecuteScalarAsync(HttpContext.RequestAborted) is not Guid caseId) return NotFound();
        var result = await mediator.SendFromPageAsync(HttpContext, caseId, new ResolveConflict(conflictId, value) { Reason = reason }, version, reason);
        if (result is CommandResult.Accepted) return Redirect("/registrar/consolidation/review?resolved=true" + (facility is null ? "" : "&facility=" + Uri.EscapeDataString(facility)));
        if (await LoadAsync(facility) is { } notFound) return notFound;
        Failed = conflictId;
        Messages = result switch
        {
            CommandResult.Refused r => PageCommands.Messages(r),
            CommandResult.Conflict => new() { ["case"] = ["Someone changed the case since you loaded this page: reload and choose again."] },
            CommandResult.NotFound => new() { ["case"] = ["No such case."] },
            _ => new() { ["case"] = ["Not allowed."] },
        };
        Response.StatusCode = result is CommandResult.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string? facility)
    {
        var (chosen, notHeld) = PageFacilities.Choose(User, facility);
        if (notHeld) return NotFound();
        Facility = chosen;
        List = await mediator.Send(new GetConsolidationReview(chosen, 200), HttpContext.RequestAborted);
        PhiAuditMiddleware.Listed(HttpContext, List.Items.Select(i => ((Guid?)i.PatientId, (Guid?)i.CaseId)));
        return null;
    }
}
