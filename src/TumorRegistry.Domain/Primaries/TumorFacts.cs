namespace TumorRegistry.Domain.Primaries;

/// <summary>
/// What the multiple primary rules read about one tumor, from its NAACCR items (keyed by naaccrId).
/// CaseId names an existing case (null for the incoming tumor).
/// </summary>
public sealed record TumorFacts(
    string? CaseId, string PrimarySite, string Histology, string Behavior, string Laterality, DiagnosisDate Diagnosis)
{
    /// <summary>The naaccrIds read (the rest of the items are ignored).</summary>
    public static readonly IReadOnlyList<string> Items =
        ["primarySite", "histologicTypeIcdO3", "behaviorCodeIcdO3", "laterality", "dateOfDiagnosis"];

    public int HistologyCode => int.Parse(Histology);
    public bool InSitu => Behavior == "2";
    public bool Invasive => Behavior == "3";

    /// <summary>Reads the facts; errors name the item (naaccrId) and never echo identifiers.</summary>
    public static FactsResult FromItems(IReadOnlyDictionary<string, string?> items, string? caseId = null)
    {
        var errors = new List<FactError>();
        string Get(string id) => items.TryGetValue(id, out var v) ? (v ?? "").Trim().ToUpperInvariant() : "";

        var site = Get("primarySite");
        if (site.Length != 4 || site[0] != 'C' || !site[1..].All(char.IsAsciiDigit))
            errors.Add(new("primarySite", "must be an ICD-O-3 topography code such as C509"));
        var histology = Get("histologicTypeIcdO3");
        if (histology.Length != 4 || !histology.All(char.IsAsciiDigit))
            errors.Add(new("histologicTypeIcdO3", "must be a 4-digit ICD-O-3 histology code"));
        var behavior = Get("behaviorCodeIcdO3");
        if (behavior is not ("0" or "1" or "2" or "3"))
            errors.Add(new("behaviorCodeIcdO3", "must be 0, 1, 2 or 3"));
        var laterality = Get("laterality");
        if (laterality.Length == 0) laterality = "9";
        if (laterality is not ("0" or "1" or "2" or "3" or "4" or "5" or "9"))
            errors.Add(new("laterality", "must be 0-5 or 9"));
        var date = DiagnosisDate.Parse(Get("dateOfDiagnosis"));
        if (date is null)
            errors.Add(new("dateOfDiagnosis", "must be YYYYMMDD, YYYYMM or YYYY (blank when unknown)"));

        return errors.Count > 0
            ? new FactsResult(null, errors)
            : new FactsResult(new TumorFacts(caseId, site, histology, behavior, laterality, date!.Value), errors);
    }
}

public sealed record FactError(string NaaccrId, string Message);

public sealed record FactsResult(TumorFacts? Facts, IReadOnlyList<FactError> Errors);
