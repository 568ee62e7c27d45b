using TumorRegistry.Standards.Codes;

namespace TumorRegistry.Standards.IcdO3;

/// <summary>An ICD-O-3 topography (site) code, e.g. C509 "Breast, NOS".</summary>
public sealed record Topography(string Code, string Label);

/// <summary>An ICD-O-3 morphology: 4-digit histology and 1-digit behavior, e.g. 8500/3.</summary>
public sealed record Morphology(string Histology, string Behavior, string Label)
{
    public override string ToString() => $"{Histology}/{Behavior} {Label}";
}

/// <summary>A paired organ site; <paramref name="MidlineAllowed"/> sites may also be coded 0 (not paired) or 5 (midline).</summary>
public sealed record PairedSite(string Code, string Label, bool MidlineAllowed);

/// <summary>The ICD-O-3 lists compiled under data/icdo3 (shipped as icdo3/...).</summary>
public sealed class IcdO3Codes
{
    private readonly Dictionary<string, Topography> _sites;
    private readonly Dictionary<(string, string), Morphology> _morphologies;
    private readonly HashSet<string> _histologies;
    private readonly Dictionary<string, PairedSite> _paired;

    public IcdO3Codes(IEnumerable<Topography> sites, IEnumerable<Morphology> morphologies, IEnumerable<PairedSite> paired)
    {
        _sites = sites.ToDictionary(s => s.Code, StringComparer.Ordinal);
        _morphologies = morphologies.ToDictionary(m => (m.Histology, m.Behavior));
        _histologies = _morphologies.Keys.Select(k => k.Item1).ToHashSet(StringComparer.Ordinal);
        _paired = paired.ToDictionary(p => p.Code, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<Topography> Sites => _sites.Values;
    public IReadOnlyCollection<Morphology> Morphologies => _morphologies.Values;
    public IReadOnlyCollection<PairedSite> PairedSites => _paired.Values;

    public Topography? FindSite(string code) => _sites.GetValueOrDefault(code);
    public bool SiteExists(string code) => _sites.ContainsKey(code);

    /// <summary>True when the histology appears with any behavior in the list.</summary>
    public bool HistologyExists(string histology) => _histologies.Contains(histology);

    public Morphology? FindMorphology(string histology, string behavior) => _morphologies.GetValueOrDefault((histology, behavior));

    public PairedSite? FindPairedSite(string code) => _paired.GetValueOrDefault(code);

    public static IcdO3Codes Load(TextReader topography, TextReader morphology, TextReader pairedSites) => new(
        Csv.ReadWithHeader(topography).Select(r => new Topography(r["code"], r["label"])),
        Csv.ReadWithHeader(morphology).Select(r => new Morphology(r["histology"], r["behavior"], r["label"])),
        Csv.ReadWithHeader(pairedSites).Select(r => new PairedSite(r["code"], r["label"], bool.Parse(r["midline_allowed"]))));

    public static IcdO3Codes LoadShipped()
    {
        using var t = ReferenceData.OpenText("icdo3", "topography.csv");
        using var m = ReferenceData.OpenText("icdo3", "morphology.csv");
        using var p = ReferenceData.OpenText("icdo3", "paired-sites.csv");
        return Load(t, m, p);
    }
}
