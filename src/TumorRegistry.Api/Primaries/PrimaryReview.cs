using TumorRegistry.Api.Security;
using TumorRegistry.Api.Security.Audit;
using TumorRegistry.Domain.Primaries;
using TumorRegistry.Infrastructure.Primaries;

namespace TumorRegistry.Api.Primaries;

public sealed record PrimaryReviewList(ReviewCounts Counts, IReadOnlyList<ReviewItem> Items);

public sealed record ResolvePrimaryBody(string? Decision, Guid? SameAsCaseId, string? Reason);

/// <summary>The multiple primary review worklist: questionable decisions with their age, and the registrar's resolution.</summary>
public static class PrimaryReviewEndpoints
{
    public static void MapPrimaryReview(this IEndpointRouteBuilder app)
    {
        app.MapGet("/review", async (string? status, PrimaryReviewStore store, HttpContext http, CancellationToken ct) =>
            {
                if (status is not (null or "open" or "all"))
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["status is open (the default) or all."] });
                var all = (await store.ListAsync(false, ct)).Where(i => Holds(http.User, i.Facilities)).ToList();
                var items = status == "all" ? all : all.Where(i => i.ResolvedAt is null).ToList();
                PhiAuditMiddleware.Listed(http, items.Select(i => ((Guid?)i.PatientId, (Guid?)null)));
                return Results.Ok(new PrimaryReviewList(Counts(all), items));
            })
            .WithName("GetPrimaryReview")
            .WithSummary("Questionable multiple primary decisions (open by default, or all), oldest first, with counts and age in days.")
            .Produces<PrimaryReviewList>().ProducesValidationProblem();

        app.MapPost("/review/{id:guid}/resolve", async (Guid id, ResolvePrimaryBody body, PrimaryReviewStore store, HttpContext http,
                CancellationToken ct) =>
            {
                var item = await store.GetAsync(id, ct);
                if (item is null || !Sees(http, item.Facilities)) return Results.Problem(statusCode: 404, title: "Not found", detail: $"No multiple primary review {id}.");
                var errors = Validate(body, item);
                if (errors.Count > 0) return Results.ValidationProblem(errors);
                if (item.ResolvedAt is not null)
                    return Results.Problem(statusCode: 409, title: "Already resolved",
                        detail: $"Review {id} was resolved ({item.Decision}) by {item.ResolvedBy}; record a new decision on the case instead.");
                await store.ResolveAsync(item, body.Decision!, body.SameAsCaseId, body.Reason!.Trim(), http.User.Identity!.Name!, ct);
                PhiAuditMiddleware.Listed(http, [((Guid?)item.PatientId, body.SameAsCaseId)]);
                return Results.Ok(await store.GetAsync(id, ct));
            })
            .WithName("ResolvePrimaryReview")
            .WithSummary("Resolve a questionable decision: same primary as a case (one the rules compared) or a new primary, with a reason.")
            .Produces<ReviewItem>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>A registrar sees a patient when holding all facilities or one of the facilities of the patient's cases.</summary>
    public static bool Holds(System.Security.Claims.ClaimsPrincipal user, IReadOnlyList<string> facilities) =>
        user.HoldsAllFacilities() || facilities.Count == 0 || user.HoldsAny(facilities);

    /// <summary>As <see cref="Holds"/>, and a refusal is recorded in the PHI audit row (answered 404).</summary>
    public static bool Sees(HttpContext http, IReadOnlyList<string> facilities)
    {
        var seen = Holds(http.User, facilities);
        if (!seen) http.Items[PhiAuditMiddleware.DeniedItem] = "record not in facilities";
        return seen;
    }

    /// <summary>Counts over the items the principal may see: open, resolved, age of the oldest open one.</summary>
    public static ReviewCounts Counts(IReadOnlyList<ReviewItem> visible)
    {
        var open = visible.Where(i => i.ResolvedAt is null).ToList();
        return new(open.Count, visible.Count - open.Count, open.Count == 0 ? 0 : open.Max(i => i.AgeDays));
    }

    public static Dictionary<string, string[]> Validate(ResolvePrimaryBody body, ReviewItem item)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.Decision is not (MultiplePrimaryResolved.Same or MultiplePrimaryResolved.New))
            errors["decision"] = ["decision is same (same primary as a case) or new (a new primary)."];
        else if (body.Decision == MultiplePrimaryResolved.Same && (body.SameAsCaseId is not { } c || !item.ComparedCases.Contains(c)))
            errors["sameAsCaseId"] = ["Name the case (one of the patient's compared cases) this tumor is the same primary as."];
        else if (body.Decision == MultiplePrimaryResolved.New && body.SameAsCaseId is not null)
            errors["sameAsCaseId"] = ["A new primary names no case."];
        if (string.IsNullOrWhiteSpace(body.Reason)) errors["reason"] = ["Resolving a review needs a reason."];
        return errors;
    }
}
