using TumorRegistry.Standards.Dates;
using static TumorRegistry.Domain.Consolidation.ItemOutcomeKind;

namespace TumorRegistry.Domain.Consolidation;

/// <summary>
/// Item-level consolidation: each item of a source record against the case's current value, decided by the item's rule
/// (data/reference/consolidation/item-rules.csv). Pure: the caller turns the outcomes into an event.
/// A source never blanks an item; a known value is replaced only where a rule says so.
/// </summary>
public sealed class Consolidator(ConsolidationRules rules)
{
    public static Consolidator Default { get; } = new(ConsolidationRules.Default);

    public ConsolidationRules Rules => rules;

    /// <summary>The outcome of every non-blank item of the source (histology before behavior, which follows it).</summary>
    public IReadOnlyList<ItemOutcome> Consolidate(IReadOnlyDictionary<string, string> caseItems, IReadOnlyDictionary<string, string> sourceItems)
    {
        var outcomes = new List<ItemOutcome>();
        var ordered = sourceItems.Where(kv => !string.IsNullOrWhiteSpace(kv.Value))
            .OrderBy(kv => rules.For(kv.Key).Kind == "behavior" ? 1 : 0).ThenBy(kv => kv.Key, StringComparer.Ordinal);
        foreach (var (id, raw) in ordered)
        {
            var rule = rules.For(id) with { NaaccrId = id }; // a prefix row (overRide*) decides for the item itself
            var source = raw.Trim();
            var current = caseItems.GetValueOrDefault(id);
            var histologyFromSource = outcomes.Any(o => o is { NaaccrId: "histologicTypeIcdO3", Kind: Changed });
            outcomes.Add(rule.Kind switch
            {
                "ranked" => Ranked(rule, current, source),
                "site" => Site(rule, current, source),
                "histology" => Histology(rule, current, source, sourceItems.GetValueOrDefault("diagnosticConfirmation")),
                "behavior" => Behavior(rule, current, source, histologyFromSource),
                "date" => Date(rule, current, source),
                "override" => Override(rule, current, source),
                _ => FillOnly(rule, current, source),
            });
        }
        return outcomes;
    }

    /// <summary>Why a source value cannot be consolidated at all (an unreadable date), naming the item; null when readable.</summary>
    public string? Unreadable(string naaccrId, string value) =>
        rules.For(naaccrId).Kind == "date" && !NaaccrDate.TryParse(NormalizeDate(value), out _, out var error) ? error : null;

    private static ItemOutcome Same(string id, string? current, string source) => new(ItemOutcomeKind.Same, id, current, source, "same", "The source agrees.");
    private static ItemOutcome Change(string id, string? current, string source, string ruleId, string message) => new(Changed, id, current, source, ruleId, message);
    private static ItemOutcome Keep(string id, string? current, string source, string ruleId, string message) => new(Kept, id, current, source, ruleId, message);

    /// <summary>A disagreement: to review when the item's rule says so, else the case keeps its value (the source's stays visible).</summary>
    private static ItemOutcome Disagree(ItemRule rule, string? current, string source, string ruleId, string message) =>
        new(rule.Review ? Conflict : Kept, rule.NaaccrId, current, source, ruleId, message);

    private static ItemOutcome FillBlank(string id, string source) => Change(id, null, source, "fill-blank", "The case had no value.");

    private static ItemOutcome FillOnly(ItemRule rule, string? current, string source)
    {
        var id = rule.NaaccrId;
        if (string.IsNullOrWhiteSpace(current)) return FillBlank(id, source);
        if (current == source) return Same(id, current, source);
        return Keep(id, current, source, "known-value-kept", "The case's known value is kept; no rule replaces it.");
    }

    private ItemOutcome Ranked(ItemRule rule, string? current, string source)
    {
        var id = rule.NaaccrId;
        if (string.IsNullOrWhiteSpace(current)) return FillBlank(id, source);
        if (current == source) return Same(id, current, source);
        var (c, s) = (rules.RankOf(rule, current), rules.RankOf(rule, source));
        bool Unknown(string code, CodeRank r) => rules.IsUnknown(id, code) || r.Rank == 0;
        if (Unknown(source, s)) return Keep(id, current, source, "ranked.source-unknown", "The source's code means unknown.");
        if (Unknown(current, c)) return Change(id, current, source, "ranked.unknown-replaced", "A known code replaces an unknown one.");
        if (c.Family != s.Family)
            return Disagree(rule, current, source, "ranked.contradicts", $"{current} and {source} say different things.");
        if (s.Rank > c.Rank) return Change(id, current, source, "ranked.higher", $"{source} ranks above {current}.");
        if (s.Rank < c.Rank) return Keep(id, current, source, "ranked.lower-kept", $"{current} ranks above {source}.");
        return Disagree(rule, current, source, "ranked.contradicts", $"{current} and {source} rank alike and differ.");
    }

    /// <summary>Topography: C80.9 (unknown primary) and a site NOS (third digit 9) give way to a subsite of the same site.</summary>
    private static ItemOutcome Site(ItemRule rule, string? current, string source)
    {
        var id = rule.NaaccrId;
        var (c, s) = (current?.Trim().ToUpperInvariant(), source.ToUpperInvariant());
        if (string.IsNullOrEmpty(c)) return FillBlank(id, source);
        if (c == s) return Same(id, current, source);
        if (s == "C809") return Keep(id, current, source, "site.source-unknown", "The source gives an unknown primary site.");
        if (c == "C809") return Change(id, current, source, "site.unknown-replaced", "A known site replaces unknown primary (C80.9).");
        if (c.Length == 4 && s.Length == 4 && c[..3] == s[..3])
        {
            if (c[3] == '9') return Change(id, current, source, "site.more-specific", $"{source} is a subsite of {current} (NOS).");
            if (s[3] == '9') return Keep(id, current, source, "site.less-specific-kept", $"{source} is the site NOS of {current}.");
        }
        return Disagree(rule, current, source, "site.conflict", $"The case says {current}, the source {source}: a different site or a new primary?");
    }

    /// <summary>The most specific histology wins, but only from a source whose diagnostic confirmation is microscopic (the rule's param).</summary>
    private ItemOutcome Histology(ItemRule rule, string? current, string source, string? sourceConfirmation)
    {
        var id = rule.NaaccrId;
        if (string.IsNullOrWhiteSpace(current)) return FillBlank(id, source);
        if (current == source) return Same(id, current, source);
        var (c, s) = (rules.HistologySpecificity(current), rules.HistologySpecificity(source));
        if (s < c) return Keep(id, current, source, "histology.less-specific-kept", $"{source} is less specific than {current}.");
        if (s == c) return Disagree(rule, current, source, "histology.conflict", $"{current} and {source} are different histologies of the same specificity.");
        var microscopic = rule.Param.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return microscopic.Contains(sourceConfirmation?.Trim())
            ? Change(id, current, source, "histology.more-specific", $"{source} is more specific than {current} and microscopically confirmed.")
            : Keep(id, current, source, "histology.unconfirmed-kept", $"{source} is more specific, but the source's diagnostic confirmation ({sourceConfirmation ?? "blank"}) is not microscopic.");
    }

    /// <summary>Behavior comes with the histology's source; otherwise ranked (invasive over in situ).</summary>
    private ItemOutcome Behavior(ItemRule rule, string? current, string source, bool histologyFromSource)
    {
        if (histologyFromSource && !string.IsNullOrWhiteSpace(current) && current != source)
            return Change(rule.NaaccrId, current, source, "behavior.with-histology", "Behavior follows the source the histology was taken from.");
        return Ranked(rule, current, source);
    }

    /// <summary>
    /// Date of diagnosis: blank parts filled from a source whose known parts agree; the earliest date wins when the two
    /// are within the rule's days (param); further apart they go to review.
    /// </summary>
    private static ItemOutcome Date(ItemRule rule, string? current, string source)
    {
        var id = rule.NaaccrId;
        var s = NaaccrDate.Parse(NormalizeDate(source));
        var sourceText = s.ToString();
        if (string.IsNullOrWhiteSpace(current) || !NaaccrDate.TryParse(NormalizeDate(current), out var c))
            return FillBlank(id, sourceText) with { CaseValue = current };
        if (c == s) return Same(id, current, sourceText);
        var compatible = c.Year == s.Year && (c.Month is null || s.Month is null || c.Month == s.Month)
            && (c.Day is null || s.Day is null || c.Day == s.Day);
        if (compatible)
            return Parts(s) > Parts(c)
                ? Change(id, current, sourceText, "date.parts-filled", "The source gives the same date with more of its parts known.")
                : Keep(id, current, sourceText, "date.less-complete-kept", "The source gives the same date with fewer parts known.");
        var days = int.Parse(rule.Param, System.Globalization.CultureInfo.InvariantCulture);
        var gap = Gap(c, s);
        if (gap > days)
            return Disagree(rule, current, sourceText, "date.conflict", $"The dates are {gap} days apart (more than {days}): review which is the date of diagnosis.");
        if (c.Earliest <= s.Earliest) return Keep(id, current, sourceText, "date.earliest-kept", "The case's date is the earlier.");
        return Parts(s) >= Parts(c)
            ? Change(id, current, sourceText, "date.earliest", $"The source's date is earlier (within {days} days).")
            : Disagree(rule, current, sourceText, "date.conflict", "The source's date is earlier but less complete: review.");
    }

    /// <summary>An override flag set in a source is carried; a case's flag is never cleared or changed by a source.</summary>
    private static ItemOutcome Override(ItemRule rule, string? current, string source)
    {
        var id = rule.NaaccrId;
        return string.IsNullOrWhiteSpace(current) ? Change(id, null, source, "override.carried", "The source's override flag is carried.")
            : current == source ? Same(id, current, source)
            : Keep(id, current, source, "override.kept", "The case keeps its own override flag.");
    }

    private static int Parts(NaaccrDate d) => d.Day is not null ? 3 : d.Month is not null ? 2 : 1;

    /// <summary>Days between two (possibly partial) dates: 0 when their ranges overlap.</summary>
    private static int Gap(NaaccrDate a, NaaccrDate b) =>
        a.Latest < b.Earliest ? b.Earliest.DayNumber - a.Latest.DayNumber
        : b.Latest < a.Earliest ? a.Earliest.DayNumber - b.Latest.DayNumber : 0;

    /// <summary>99 (and blank) parts mean unknown: "2024 99 99" and "202403 99" read as "2024" and "202403".</summary>
    public static string NormalizeDate(string value)
    {
        var s = value.TrimEnd();
        if (s.Length == 8 && (s[6..8] == "99" || s[6..8] == "  ")) s = s[..6];
        if (s.Length == 6 && (s[4..6] == "99" || s[4..6] == "  ")) s = s[..4];
        return s.TrimEnd();
    }
}
