using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;
using TumorRegistry.Api.Security.Audit;
using TumorRegistry.Infrastructure.Linkage;

namespace TumorRegistry.Api.Linkage.Pages;

/// <summary>The linkage review worklist: pairs in the band side by side, confirmed or rejected with a reason
/// (the same calls as POST /linkage/pairs/{id}/confirm|reject). Registrars only; every listed patient audited.</summary>
public sealed class ReviewModel(NpgsqlDataSource db, PatientLinkage linkage) : PageModel
{
    public List<ReviewPair> Pairs { get; private set; } = [];
    public ReviewCounts Counts { get; private set; } = null!;
    public string? Problem { get; private set; }
    public string? Done { get; private set; }

    public async Task OnGetAsync(string? decided)
    {
        Done = decided switch { "confirmed" => "The link was confirmed.", "rejected" => "The pair was rejected.", _ => null };
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync(long pairId, string? decision, string? reason)
    {
        var confirm = decision == "confirm";
        var result = await LinkageReview.DecideAsync(pairId, confirm, new LinkDecisionBody(reason), HttpContext, linkage, HttpContext.RequestAborted);
        if (result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status204NoContent })
            return Redirect($"/linkage/review?decided={(confirm ? "confirmed" : "rejected")}");
        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? 400;
        Problem = status switch
        {
            400 => "Nothing was saved: give a reason for the decision.",
            404 => "That pair is no longer in the worklist.",
            _ => "Someone decided that pair already: nothing was saved.",
        };
        Response.StatusCode = status;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Pairs = await LinkageReview.ListAsync(db, linkage, 50, HttpContext.RequestAborted);
        Counts = await LinkageReview.CountsAsync(db, linkage, HttpContext.RequestAborted);
        PhiAuditMiddleware.Listed(HttpContext, Pairs.SelectMany(p => new[] { ((Guid?)p.First.PatientId, (Guid?)null), (p.Second.PatientId, null) }));
    }
}
