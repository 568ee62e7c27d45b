using TumorRegistry.Standards;
using TumorRegistry.Standards.Codes;

namespace TumorRegistry.Domain.Consolidation;

/// <summary>One row of item-rules.csv: the rule kind of an item, whether its conflicts go to review, its parameter.</summary>
public sealed record ItemRule(string NaaccrId, string Kind, bool Review, string Param, string Why)
{
    public bool Matches(string naaccrId) => NaaccrId.EndsWith('*')
        ? naaccrId.StartsWith(NaaccrId[..^1], StringComparison.Ordinal)
        : NaaccrId == naaccrId;
}

/// <summary>A code's place within a ranked item: codes of different families contradict; a higher rank wins; rank 0 is unknown.</summary>
public sealed record CodeRank(string Family, int Rank);

/// <summary>
/// The consolidation tables (data/reference/consolidation) and the NAACCR code lists' "means missing" flags,
/// loaded at run time; the rules in <see cref="Consolidator"/> read only these.
/// </summary>
public sealed class ConsolidationRules
{
    /// <summary>The rule of items with no row: fill a blank, never overwrite a known value.</summary>
    public static readonly ItemRule Fill = new("*", "fill", false, "", "Fills a blank; a known value is never overwritten without a rule.");

    private readonly List<ItemRule> _items;
    private readonly Dictionary<(string Scale, string Code), CodeRank> _ranks;
    private readonly Dictionary<string, int> _histology;
    private readonly Func<string, string, bool> _meansMissing;

    public ConsolidationRules(TextReader itemRules, TextReader codeRanks, TextReader histologySpecificity, Func<string, string, bool> meansMissing)
    {
        _items = Csv.ReadWithHeader(itemRules)
            .Select(r => new ItemRule(r["naaccrId"], r["rule"], bool.Parse(r["review"]), r["param"], r["why"])).ToList();
        _ranks = Csv.ReadWithHeader(codeRanks)
            .ToDictionary(r => (r["naaccrId"], r["code"]), r => new CodeRank(r["family"], int.Parse(r["rank"], System.Globalization.CultureInfo.InvariantCulture)));
        _histology = Csv.ReadWithHeader(histologySpecificity)
            .ToDictionary(r => r["code"], r => int.Parse(r["rank"], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        _meansMissing = meansMissing;
    }

    private static readonly Lazy<ConsolidationRules> Shipped = new(() =>
    {
        var codes = CodeLists.LoadShipped();
        using var items = ReferenceData.OpenText("reference", "consolidation", "item-rules.csv");
        using var ranks = ReferenceData.OpenText("reference", "consolidation", "code-ranks.csv");
        using var histology = ReferenceData.OpenText("reference", "consolidation", "histology-specificity.csv");
        return new ConsolidationRules(items, ranks, histology, (item, code) => codes.ForItem(item)?.Find(code)?.MeansMissing == true);
    });

    /// <summary>The shipped tables.</summary>
    public static ConsolidationRules Default => Shipped.Value;

    public IReadOnlyList<ItemRule> Items => _items;

    /// <summary>The rule of an item: an exact row first, then a prefix row, else <see cref="Fill"/>.</summary>
    public ItemRule For(string naaccrId) =>
        _items.FirstOrDefault(r => r.NaaccrId == naaccrId) ?? _items.FirstOrDefault(r => r.Matches(naaccrId)) ?? Fill;

    /// <summary>The rank of a code on an item's scale (the rule's param, else the item); an unlisted known code is its own family.</summary>
    public CodeRank RankOf(ItemRule rule, string code)
    {
        var scale = rule.Param.Length > 0 ? rule.Param : rule.NaaccrId;
        return _ranks.TryGetValue((scale, code), out var r) ? r : new CodeRank("code " + code, IsUnknown(rule.NaaccrId, code) ? 0 : 1);
    }

    /// <summary>Blank, or a code the NAACCR code list marks as meaning missing (laterality 9, confirmation 9, stage 8/9).</summary>
    public bool IsUnknown(string naaccrId, string? code) => string.IsNullOrWhiteSpace(code) || _meansMissing(naaccrId, code.Trim());

    /// <summary>Specificity of an ICD-O-3 histology: 0 (neoplasm NOS) to 2 (a type NOS); a code not listed is specific (3).</summary>
    public int HistologySpecificity(string code) => _histology.GetValueOrDefault(code.Trim(), 3);
}
