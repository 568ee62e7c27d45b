using System.Globalization;
using System.Text.RegularExpressions;

namespace TumorRegistry.Casefinding;

/// <summary>One reason behind a screening result: the code or term found, the list row it matched, and its effect.</summary>
public sealed record ScreeningReason(string Kind, string Found, bool Reportable, string Why)
{
    public const string Code = "code";
    public const string Term = "term";
    public const string Negated = "negated";
    public const string Ambiguous = "ambiguous";
    public const string None = "none";
}

public sealed record ScreeningResult(bool Reportable, IReadOnlyList<ScreeningReason> Reasons)
{
    public string Summary => string.Join("; ", Reasons.Where(r => r.Reportable == Reportable).Select(r => r.Why));
}

/// <summary>
/// Screens a report for reportability: its ICD-O-3 and ICD-10-CM codes against the shipped lists, then its diagnosis
/// text for reportable terms, each read in its clause with SEER's ambiguous terms and the negation phrases. Reportable
/// when any code or any term (not negated, not under a non-reportable ambiguous term) is; every finding is a reason.
/// </summary>
public sealed partial class ReportabilityScreen(CasefindingLists lists)
{
    private readonly List<(ReportTerm Term, Regex Pattern)> terms = lists.Terms
        .Select(t => (t, new Regex(@"(?<![\w/])" + string.Join(@"\s+", t.Term.Split(' ').Select(w => Regex.Escape(w).Replace(@"\*", @"\w*"))) + @"(?![\w/])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)))
        .ToList();

    [GeneratedRegex(@"[.;:\n]+|\bbut\b|\bhowever\b", RegexOptions.IgnoreCase)] private static partial Regex ClauseBreak();

    public ScreeningResult Screen(ExtractedReport report)
    {
        var reasons = new List<ScreeningReason>();
        reasons.AddRange(ScreenCodes(report));
        reasons.AddRange(ScreenText(report.DiagnosisText));
        if (reasons.Count == 0) reasons.Add(new(ScreeningReason.None, "", false, "No reportable code or term in the report."));
        return new ScreeningResult(reasons.Any(r => r.Reportable), reasons);
    }

    private IEnumerable<ScreeningReason> ScreenCodes(ExtractedReport report)
    {
        var site = report.Codes.FirstOrDefault(c => c.System == ReportCode.IcdO3Topography)?.Code;
        foreach (var code in report.Codes)
        {
            if (code.System == ReportCode.Icd10Cm)
            {
                var row = lists.Icd10Cm.Where(r => !r.Reportable).FirstOrDefault(r => r.Covers(code.Code))
                    ?? lists.Icd10Cm.FirstOrDefault(r => r.Covers(code.Code));
                yield return row is null
                    ? new(ScreeningReason.Code, $"ICD-10-CM {code.Code}", false, $"ICD-10-CM {code.Code} is not on the casefinding list.")
                    : new(ScreeningReason.Code, $"ICD-10-CM {code.Code}", row.Reportable,
                        $"ICD-10-CM {code.Code} {(row.Reportable ? "is reportable" : "is not reportable")} ({row.From}-{row.To}: {row.Note}).");
            }
            else if (code.System == ReportCode.IcdO3Morphology && Codes.Morphology(code.Code) is var (h, b))
            {
                var histology = int.Parse(h, CultureInfo.InvariantCulture);
                // Without a site the behavior decides (the CNS exceptions need one).
                var row = lists.IcdO3.FirstOrDefault(r => r.Covers(histology, b[0], site ?? "C809"));
                var at = site is null ? "" : $" at {site}";
                yield return row is null
                    ? new(ScreeningReason.Code, $"ICD-O-3 {code.Code}", false, $"ICD-O-3 {code.Code}{at}: behavior {b} is not reportable.")
                    : new(ScreeningReason.Code, $"ICD-O-3 {code.Code}", row.Reportable,
                        $"ICD-O-3 {code.Code}{at} {(row.Reportable ? "is reportable" : "is not reportable")} ({row.Note}).");
            }
        }
    }

    private IEnumerable<ScreeningReason> ScreenText(string text)
    {
        foreach (var clause in ClauseBreak().Split(text).Select(c => c.Trim()).Where(c => c.Length > 0))
        {
            var hits = terms.SelectMany(t => t.Pattern.Matches(clause).Select(m => new Hit(t.Term, m))).ToList();
            // Longer phrases win where they overlap shorter ones ("no evidence of" over "no", "suspicious for" over "suspicious").
            hits = hits.Where(h => !hits.Any(o => o != h && o.m.Length > h.m.Length && o.m.Index <= h.m.Index
                && o.m.Index + o.m.Length >= h.m.Index + h.m.Length)).ToList();
            foreach (var (term, m) in hits.Where(h => h.Term.Kind == "diagnosis"))
            {
                var found = m.Value.ToLowerInvariant();
                var before = hits.Where(h => h.m.Index + h.m.Length <= m.Index).OrderByDescending(h => h.m.Index).ToList();
                var after = hits.Where(h => h.m.Index >= m.Index + m.Length).ToList();
                if (before.FirstOrDefault(h => h.Term.Kind is "negation-before" or "history" && WordsBetween(clause, h.m, m) <= 6) is { } neg)
                    yield return new(ScreeningReason.Negated, found, false, $"\"{found}\" is negated by \"{neg.m.Value.ToLowerInvariant()}\"" +
                        (neg.Term.Kind == "history" ? " (a history, not this specimen)." : "."));
                else if (after.FirstOrDefault(h => h.Term.Kind == "negation-after" && WordsBetween(clause, m, h.m) <= 4) is { } post)
                    yield return new(ScreeningReason.Negated, found, false, $"\"{found}\" is negated by \"{post.m.Value.ToLowerInvariant()}\".");
                // SEER's ambiguous terms qualify the diagnosis before it ("suspicious for carcinoma") or after it ("carcinoma cannot be ruled out").
                else if ((before.FirstOrDefault(h => h.Term.Kind.StartsWith("ambiguous", StringComparison.Ordinal))
                          ?? after.FirstOrDefault(h => h.Term.Kind.StartsWith("ambiguous", StringComparison.Ordinal))) is { } amb)
                {
                    var yes = amb.Term.Kind == "ambiguous-reportable";
                    yield return new(ScreeningReason.Ambiguous, amb.m.Index < m.Index ? $"{amb.m.Value.ToLowerInvariant()} {found}" : $"{found} {amb.m.Value.ToLowerInvariant()}", yes,
                        $"\"{amb.m.Value.ToLowerInvariant()}\" with \"{found}\" is an ambiguous term that is {(yes ? "" : "not ")}reportable (SEER).");
                }
                else yield return new(ScreeningReason.Term, found, true, $"\"{found}\" names a reportable neoplasm.");
            }
        }
    }

    private sealed record Hit(ReportTerm Term, Match m);

    private static int WordsBetween(string clause, Match first, Match second) =>
        clause[(first.Index + first.Length)..second.Index].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
