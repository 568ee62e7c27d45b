using TumorRegistry.Domain.Primaries;
using TumorRegistry.Infrastructure.Primaries;

namespace TumorRegistry.Api.Primaries;

public sealed record TumorItemsBody(string? CaseId, Dictionary<string, string?>? Items);

/// <summary>Either a patient (their cases are the existing tumors) or the existing tumors' items, and the incoming tumor.</summary>
public sealed record DecidePrimaryBody(Guid? PatientId, List<TumorItemsBody>? Existing, Dictionary<string, string?>? Incoming);

public sealed record PrimaryDecisionView(string Outcome, string? SameAsCaseId, string Module, string Rule, string RuleId, string Reason,
    IReadOnlyList<PairDecisionView> Comparisons, Guid? ReviewId);

public sealed record PairDecisionView(string? CaseId, string Result, string RuleId, string Reason);

public static class DecidePrimaryEndpoint
{
    public static void MapDecidePrimary(this IEndpointRouteBuilder app) =>
        app.MapPost("/decide", async (DecidePrimaryBody body, MultiplePrimaryRules rules, PrimaryReviewStore store, HttpContext http,
                CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                var incoming = Read(body.Incoming, null, "incoming", errors);
                if (body.PatientId is not null && body.Existing is not null)
                    errors["existing"] = ["Give a patientId or the existing tumors, not both."];
                var existing = new List<TumorFacts>();
                foreach (var (t, i) in (body.Existing ?? []).Select((t, i) => (t, i)))
                    if (Read(t.Items, t.CaseId ?? $"existing[{i}]", $"existing[{i}]", errors) is { } f) existing.Add(f);
                if (errors.Count > 0 || incoming is null) return Results.ValidationProblem(errors);

                var unreadable = new List<string>();
                if (body.PatientId is { } patientId)
                {
                    if (!await store.PatientExistsAsync(patientId, ct) || !PrimaryReviewEndpoints.Sees(http, await store.FacilitiesOfAsync(patientId, ct)))
                        return Results.Problem(statusCode: 404, title: "Not found", detail: $"No patient {patientId}.");
                    var tumors = await store.TumorsOfAsync(patientId, ct);
                    Security.Audit.PhiAuditMiddleware.Listed(http, tumors.Select(t => ((Guid?)patientId, (Guid?)t.CaseId)));
                    foreach (var (caseId, items) in tumors)
                    {
                        var read = TumorFacts.FromItems(items, caseId.ToString());
                        if (read.Facts is { } f) existing.Add(f);
                        else unreadable.Add($"case {caseId}: {string.Join(", ", read.Errors.Select(e => e.NaaccrId))}");
                    }
                }

                var decision = rules.Decide(existing, incoming);
                // A stored case the rules cannot read might be this tumor: never call it new or same past it.
                if (unreadable.Count > 0 && decision.Outcome != PrimaryOutcome.Questionable)
                    decision = decision with
                    {
                        Outcome = PrimaryOutcome.Questionable, SameAsCaseId = null, Module = "General", Rule = "General",
                        Reason = $"Items the rules need are missing or invalid on {string.Join("; ", unreadable)}",
                    };
                Guid? reviewId = null;
                if (body.PatientId is { } pid && decision.Outcome == PrimaryOutcome.Questionable)
                    reviewId = await store.QuestionAsync(pid, TumorFacts.Items.Where(k => body.Incoming!.ContainsKey(k))
                        .ToDictionary(k => k, k => body.Incoming![k] ?? ""), decision, http.User.Identity!.Name!, ct);
                return Results.Ok(View(decision, reviewId));
            })
            .WithName("DecidePrimary")
            .WithSummary("Same primary, new primary or questionable for an incoming tumor (by the Solid Tumor and hematopoietic rules), with the module and rule; questionable decisions for a patient go to review.")
            .Produces<PrimaryDecisionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

    static TumorFacts? Read(Dictionary<string, string?>? items, string? caseId, string prefix, Dictionary<string, string[]> errors)
    {
        if (items is null) { errors[prefix] = ["The tumor's items (naaccrId: value) are required."]; return null; }
        var read = TumorFacts.FromItems(items, caseId);
        foreach (var e in read.Errors) errors[$"{prefix}.{e.NaaccrId}"] = [e.Message];
        return read.Facts;
    }

    public static PrimaryDecisionView View(PrimaryDecision d, Guid? reviewId) => new(Outcome(d.Outcome), d.SameAsCaseId, d.Module, d.Rule,
        d.RuleId, d.Reason, d.Comparisons.Select(c => new PairDecisionView(c.CaseId, c.Result.ToString().ToLowerInvariant(), c.RuleId, c.Reason)).ToList(),
        reviewId);

    static string Outcome(PrimaryOutcome o) => o switch
    {
        PrimaryOutcome.SamePrimary => "same-primary",
        PrimaryOutcome.NewPrimary => "new-primary",
        _ => "questionable",
    };
}
