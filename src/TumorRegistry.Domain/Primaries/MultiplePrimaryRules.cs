namespace TumorRegistry.Domain.Primaries;

/// <summary>
/// The 2018+ Solid Tumor Rules and the hematopoietic rules over the shipped rule book: pure, no I/O.
/// Within a module the rules run in the data's order and the first that applies decides; a rule that needs a fact
/// the tumors lack (an unknown date or side) makes the pair questionable at that rule rather than guessing.
/// </summary>
public sealed class MultiplePrimaryRules(PrimaryRuleBook book)
{
    readonly RuleTests tests = new(book);

    /// <summary>
    /// Decides an incoming tumor against every existing tumor of the patient. Same primary when exactly one existing
    /// tumor is the same primary and no comparison is questionable; new primary when every comparison says multiple;
    /// otherwise questionable (several matches, or a comparison that could not be decided).
    /// </summary>
    public PrimaryDecision Decide(IReadOnlyList<TumorFacts> existingTumorsOfPatient, TumorFacts incoming)
    {
        var pairs = existingTumorsOfPatient.Select(e => Compare(e, incoming) with { CaseId = e.CaseId }).ToList();
        if (pairs.Count == 0)
            return new(PrimaryOutcome.NewPrimary, null, "General", "General", "The patient has no other tumor", pairs);

        var same = pairs.Where(p => p.Result == PairResult.Single).ToList();
        var unsure = pairs.Where(p => p.Result == PairResult.Questionable).ToList();
        if (same.Count == 1 && unsure.Count == 0)
            return new(PrimaryOutcome.SamePrimary, same[0].CaseId, same[0].Module, same[0].Rule, same[0].Reason, pairs);
        if (same.Count > 1)
            return new(PrimaryOutcome.Questionable, null, "General", "General",
                $"Same primary as more than one existing case ({string.Join(", ", same.Select(s => $"{s.CaseId} by {s.RuleId}"))})", pairs);
        if (unsure.Count > 0)
        {
            var first = unsure[0];
            var also = same.Count == 1 ? $"; same primary as {same[0].CaseId} by {same[0].RuleId}" : "";
            return new(PrimaryOutcome.Questionable, null, first.Module, first.Rule, first.Reason + also, pairs);
        }
        // The rule worth showing is the one a module applied (the tumor's own site), not "different modules".
        var decisive = pairs.FirstOrDefault(p => p.Module != "General") ?? pairs[0];
        var reason = pairs.Count == 1 ? decisive.Reason
            : "Multiple primaries against every existing case: " + string.Join("; ", pairs.Select(p => $"{p.CaseId} by {p.RuleId}"));
        return new(PrimaryOutcome.NewPrimary, null, decisive.Module, decisive.Rule, reason, pairs);
    }

    /// <summary>Two tumors of one patient: the module that applies and the first of its rules that decides.</summary>
    public PairDecision Compare(TumorFacts existing, TumorFacts incoming)
    {
        var a = ModuleOf(existing);
        var b = ModuleOf(incoming);
        if (a is null || b is null)
            return General(PairResult.Questionable,
                $"No module takes {(a is null ? $"{existing.PrimarySite} {existing.Histology}" : $"{incoming.PrimarySite} {incoming.Histology}")} (site or histology outside the rules)");
        if (a.Name != b.Name)
        {
            if (!a.Implemented || !b.Implemented)
                return General(PairResult.Questionable, $"The {(a.Implemented ? b.Name : a.Name)} module is not shipped: review");
            return General(PairResult.Multiple, a.Name == "Heme" || b.Name == "Heme"
                ? "A solid tumor and a hematopoietic neoplasm are separate primaries"
                : $"The tumors fall under different modules ({a.Name}, {b.Name}): different sites are multiple primaries");
        }
        if (!a.Implemented)
            return new(null, PairResult.Questionable, a.Name, "General", $"The {a.Name} module is not shipped: review");

        foreach (var rule in book.Rules.Where(r => r.Module == a.Name))
        {
            var (applies, why) = tests.Run(rule, existing, incoming);
            if (applies == Tri.Yes)
                return new(null, rule.Result, rule.Module, rule.Id, rule.Text);
            if (applies == Tri.Unknown)
                return new(null, PairResult.Questionable, rule.Module, rule.Id, $"Cannot apply \"{rule.Text}\": {why}");
        }
        return new(null, PairResult.Questionable, a.Name, "General", $"No rule of the {a.Name} module applied");
    }

    public RuleModule? ModuleOf(TumorFacts t) =>
        book.Modules.FirstOrDefault(m => m.Sites.Contains(t.PrimarySite) && m.Histologies.Contains(t.Histology));

    static PairDecision General(PairResult result, string reason) => new(null, result, "General", "General", reason);
}
