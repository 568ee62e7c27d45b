using System.Globalization;
using TumorRegistry.Incidence.Tables;

namespace TumorRegistry.Infrastructure.Incidence;

/// <summary>An epidemiologist's request for an incidence table from the registry, validated.</summary>
public sealed record IncidenceQuery(string State, int FirstYear, int LastYear, AreaLevel Area, bool BySex, bool ByRace,
    PeriodMode Periods, IReadOnlyList<string>? Sites, int Threshold, string Standard, string Format, Guid? Population)
{
    /// <summary>A saved cohort's cases only (its name and case IDs, from <c>SavedCohortStore.CaseIdsAsync</c>); null = every case.</summary>
    public (string Name, int Version, IReadOnlyList<Guid> CaseIds)? Cohort { get; init; }
    /// <summary>Complementary suppression (default); false hides only small counts, as US Cancer Statistics does.</summary>
    public bool Complementary { get; init; } = true;
    /// <summary>Count as the registry stood after this event sequence number (the events replayed); null = now.</summary>
    public long? AsOfSequence { get; init; }
}

/// <summary>
/// The raw parameters as they arrive on the query string or the command line. Parsing them here gives the web API and
/// the CLI the same defaults and the same messages, each keyed by the parameter's name.
/// </summary>
public sealed record IncidenceParameters(string? State, string? From, string? To, string? Area = null, string? BySex = null,
    string? ByRace = null, string? Periods = null, IReadOnlyList<string>? Sites = null, string? Threshold = null,
    string? Standard = null, string? Format = null, string? Population = null)
{
    public static readonly IReadOnlyList<string> Formats = ["json", "csv", "html", "svg"];
    public static readonly IReadOnlyList<string> Standards = ["us2000", "us2000-18"];
    public static readonly IReadOnlyDictionary<string, PeriodMode> PeriodModes = new Dictionary<string, PeriodMode>
    {
        ["pooled"] = PeriodMode.Pooled, ["single"] = PeriodMode.SingleYears, ["single-and-pooled"] = PeriodMode.SingleYearsAndPooled,
    };

    public IncidenceQuery? Validate(IncidenceSiteGroups siteGroups, out Dictionary<string, string[]> errors)
    {
        var e = new Dictionary<string, string[]>();
        var state = (State ?? "").Trim().ToUpperInvariant();
        if (state.Length != 2 || !state.All(char.IsAsciiLetterUpper)) e["state"] = ["The registry's state as a postal code, e.g. NM."];
        var from = Year(From, "from", e);
        var to = Year(To, "to", e);
        if (from is { } f && to is { } t && t < f) e["to"] = ["'to' must not be before 'from'."];
        var area = (Area ?? "county").Trim().ToLowerInvariant() switch { "county" => AreaLevel.County, "state" => AreaLevel.State, _ => (AreaLevel?)null };
        if (area is null) e["area"] = ["county or state."];
        var bySex = Flag(BySex, "bySex", e);
        var byRace = Flag(ByRace, "byRace", e);
        if (!PeriodModes.TryGetValue((Periods ?? "pooled").Trim().ToLowerInvariant(), out var periods))
            e["periods"] = [$"One of {string.Join(", ", PeriodModes.Keys)}."];
        var threshold = 16;
        if (Threshold is not null && (!int.TryParse(Threshold, NumberStyles.None, CultureInfo.InvariantCulture, out threshold) || threshold > 1000))
            e["threshold"] = ["A whole number of cases, 0 to 1000 (US Cancer Statistics uses 16)."];
        var standard = (Standard ?? "us2000").Trim().ToLowerInvariant();
        if (!Standards.Contains(standard)) e["standard"] = [$"One of {string.Join(", ", Standards)}."];
        var format = (Format ?? "json").Trim().ToLowerInvariant();
        if (!Formats.Contains(format)) e["format"] = [$"One of {string.Join(", ", Formats)}."];
        Guid? population = null;
        if (!string.IsNullOrWhiteSpace(Population))
        {
            if (Guid.TryParse(Population, out var id)) population = id;
            else e["population"] = ["The id of an imported population (GET /populations)."];
        }
        List<string>? sites = null;
        var requested = (Sites ?? []).SelectMany(s => s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (requested.Count > 0)
        {
            sites = [];
            foreach (var s in requested)
                if (siteGroups.Resolve(s) is { } name) { if (!sites.Contains(name)) sites.Add(name); }
                else e["site"] = [.. e.GetValueOrDefault("site", []), $"'{s}' is not a SEER site recode 2023 group name or code, nor '{IncidenceSiteGroups.AllSites}'."];
        }
        if (format == "svg" && sites is not { Count: 1 } && !e.ContainsKey("site"))
            e["site"] = ["The svg bar chart draws one site group: name it with site=."];
        errors = e;
        return e.Count > 0 ? null
            : new IncidenceQuery(state, from!.Value, to!.Value, area!.Value, bySex, byRace, periods, sites, threshold, standard, format, population);
    }

    private static int? Year(string? text, string name, Dictionary<string, string[]> e)
    {
        if (text is null) { e[name] = ["Required: a year of diagnosis, e.g. 2018."]; return null; }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2999) return y;
        e[name] = [$"'{text}' is not a four-digit year."];
        return null;
    }

    private static bool Flag(string? text, string name, Dictionary<string, string[]> e)
    {
        if (text is null) return false;
        if (bool.TryParse(text, out var b)) return b;
        e[name] = ["true or false."];
        return false;
    }
}
