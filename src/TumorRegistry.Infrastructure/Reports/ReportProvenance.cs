using System.Reflection;
using System.Text.Json.Nodes;

namespace TumorRegistry.Infrastructure.Reports;

/// <summary>
/// What a report was computed from, so it can be recomputed: the registry state (highest event sequence number included,
/// and whether it was replayed as of an earlier state), the cutoff and where it came from, the methods and the software.
/// </summary>
public sealed record ReportProvenance(long Sequence, bool Replayed, DateTimeOffset? AsOf, DateOnly? Cutoff, string? CutoffSource, string Methods,
    string? SavedCohort = null)
{
    /// <summary>The registry software's version (the assembly's informational version: release and commit).</summary>
    public static string Software { get; } = "TumorRegistry " + (typeof(ReportProvenance).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");

    public JsonObject ToJson()
    {
        var o = new JsonObject
        {
            ["registrySequence"] = Sequence,
            ["recomputedAsOf"] = Replayed,
            ["asOf"] = AsOf?.ToString("O"),
            ["methods"] = Methods,
            ["software"] = Software,
            ["recompute"] = $"add asOfSequence={Sequence} to the same request",
        };
        if (Cutoff is { } c) { o["cutoff"] = c.ToString("yyyy-MM-dd"); o["cutoffSource"] = CutoffSource; }
        if (SavedCohort is not null) o["savedCohort"] = SavedCohort;
        return o;
    }

    /// <summary>As HTTP headers (every format carries them; CSV and SVG bodies have no room).</summary>
    public IEnumerable<KeyValuePair<string, string>> Headers()
    {
        yield return new("X-Registry-Sequence", Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Cutoff is { } c) yield return new("X-Report-Cutoff", $"{c:yyyy-MM-dd} ({CutoffSource})");
        yield return new("X-Report-Software", Software);
        yield return new("X-Report-Methods", Methods);
    }

    /// <summary>A short HTML block for the foot of an HTML report.</summary>
    public string Html() => "<footer class=\"provenance\"><p>" + System.Net.WebUtility.HtmlEncode(
        $"Registry state: event sequence {Sequence}{(Replayed ? " (recomputed as of that state)" : "")}. " +
        (Cutoff is { } c ? $"Cutoff {c:yyyy-MM-dd} ({CutoffSource}). " : "") +
        (SavedCohort is not null ? $"Saved cohort: {SavedCohort}. " : "") + $"Methods: {Methods}. {Software}.") + "</p></footer>";
}
