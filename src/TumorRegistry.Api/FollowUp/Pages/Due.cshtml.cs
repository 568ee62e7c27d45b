using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TumorRegistry.Api.Security.Audit;
using TumorRegistry.Api.Web;
using TumorRegistry.Domain.FollowUp;
using TumorRegistry.Infrastructure.FollowUp;

namespace TumorRegistry.Api.FollowUp.Pages;

/// <summary>The follow-up due list (the rules of GET /follow-up/due), lost patients apart, with the letters to print and
/// a form per patient to record the answer.</summary>
public sealed class DueModel(FollowUpReader reader, TimeProvider clock, FollowUpRules rules) : PageModel
{
    public const int PageSize = 50;
    public IReadOnlyList<DueCase> Cases { get; private set; } = [];
    public int Total { get; private set; }
    public int Lost { get; private set; }
    public int PageNumber { get; private set; }
    public DateOnly AsOf { get; private set; }
    public string? Facility { get; private set; }
    public bool LostOnly { get; private set; }
    public string? Recorded { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? facility, string? lost, int? page, string? recorded)
    {
        var (chosen, notHeld) = PageFacilities.Choose(User, facility);
        if (notHeld) return NotFound();
        (Facility, LostOnly, PageNumber, Recorded) = (chosen, lost is "true" or "on", Math.Max(page ?? 1, 1), recorded);
        AsOf = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var due = (await DueList.ReadAsync(reader, AsOf, Facility, rules, HttpContext.RequestAborted)).Select(d => d.Due).ToList();
        Lost = due.Count(d => d.Lost);
        var shown = LostOnly ? due.Where(d => d.Lost).ToList() : due;
        Total = shown.Count;
        Cases = shown.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        PhiAuditMiddleware.Listed(HttpContext, Cases.Select(c => ((Guid?)c.PatientId, (Guid?)c.CaseId)));
        return Page();
    }

    public string Link(int page) => "/manager/follow-up" + QueryString.Create(new Dictionary<string, string?>
        { ["facility"] = Facility, ["lost"] = LostOnly ? "true" : null, ["page"] = page.ToString() }.Where(p => p.Value is not null));

    public string LettersLink => "/follow-up/letters" + (Facility is null ? "" : QueryString.Create("facility", Facility).ToString());
}
