using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TumorRegistry.Api.Security.Audit;
using TumorRegistry.Domain.Primaries;
using TumorRegistry.Infrastructure.Primaries;

namespace TumorRegistry.Api.Primaries.Pages;

/// <summary>
/// The multiple primary review worklist (GET /primaries/review as a page) with a decision form per tumor. It lives at
/// /registrar/primaries beside the other registrar pages, as the API owns /primaries/review.
/// </summary>
public sealed class ReviewModel(PrimaryReviewStore store) : PageModel
{
    public IReadOnlyList<ReviewItem> Items { get; private set; } = [];
    public ReviewCounts Counts { get; private set; } = new(0, 0, 0);
    public bool Resolved { get; private set; }
    public string? Problem { get; private set; }

    public async Task OnGetAsync(string? resolved)
    {
        Resolved = resolved == "1";
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync(Guid reviewId, string? decision, string? reason)
    {
        var ct = HttpContext.RequestAborted;
        var item = await store.GetAsync(reviewId, ct);
        if (item is null || !PrimaryReviewEndpoints.Sees(HttpContext, item.Facilities)) return NotFound();
        var body = decision?.StartsWith("same:") == true && Guid.TryParse(decision[5..], out var c)
            ? new ResolvePrimaryBody(MultiplePrimaryResolved.Same, c, reason)
            : new ResolvePrimaryBody(decision, null, reason);
        var errors = PrimaryReviewEndpoints.Validate(body, item);
        if (errors.Count > 0 || item.ResolvedAt is not null)
        {
            Problem = item.ResolvedAt is not null ? "This tumor was resolved by someone else: nothing was saved."
                : "Nothing was saved: " + string.Join(" ", errors.Values.SelectMany(v => v));
            Response.StatusCode = item.ResolvedAt is not null ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            await LoadAsync();
            return Page();
        }
        await store.ResolveAsync(item, body.Decision!, body.SameAsCaseId, body.Reason!.Trim(), User.Identity!.Name!, ct);
        PhiAuditMiddleware.Listed(HttpContext, [((Guid?)item.PatientId, body.SameAsCaseId)]);
        return Redirect("/registrar/primaries?resolved=1");
    }

    async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var visible = (await store.ListAsync(openOnly: false, ct)).Where(i => PrimaryReviewEndpoints.Holds(User, i.Facilities)).ToList();
        Items = visible.Where(i => i.ResolvedAt is null).ToList();
        Counts = PrimaryReviewEndpoints.Counts(visible);
        PhiAuditMiddleware.Listed(HttpContext, Items.Select(i => ((Guid?)i.PatientId, (Guid?)null)));
    }
}
