namespace TumorRegistry.Domain.Primaries;

/// <summary>What one rule says about two tumors.</summary>
public enum PairResult { Single, Multiple, Questionable }

/// <summary>What the registry does with an incoming tumor.</summary>
public enum PrimaryOutcome { SamePrimary, NewPrimary, Questionable }

/// <summary>The incoming tumor against one existing tumor: the module and the rule that decided.</summary>
public sealed record PairDecision(string? CaseId, PairResult Result, string Module, string Rule, string Reason)
{
    /// <summary>"Lung M10", "Heme M2", "General".</summary>
    public string RuleId => Module == "General" ? Rule : $"{Module} {Rule}";
}

/// <summary>
/// The decision for an incoming tumor: same primary as an existing case, a new primary, or questionable (to review).
/// Comparisons holds the decision against each existing tumor, in the order given.
/// </summary>
public sealed record PrimaryDecision(
    PrimaryOutcome Outcome, string? SameAsCaseId, string Module, string Rule, string Reason,
    IReadOnlyList<PairDecision> Comparisons)
{
    public string RuleId => Module == "General" ? Rule : $"{Module} {Rule}";
}
