using TumorRegistry.Standards;

namespace TumorRegistry.Domain.Primaries;

/// <summary>A module of the rules: which tumors it takes (sites and histologies) and whether it is shipped.</summary>
public sealed record RuleModule(string Name, CodeRanges Sites, CodeRanges Histologies, bool Implemented);

/// <summary>One M rule: the kind of test (code), its parameter and result (data), and its text.</summary>
public sealed record MRule(string Module, string Id, string Kind, string Param, PairResult Result, string Text);

/// <summary>One row of a histology table.</summary>
public sealed record HistologyRow(string Table, string Row, string Group, IReadOnlySet<string> Codes);

public sealed record Transformation(string Chronic, string Acute);

/// <summary>
/// The rules as loaded from data/reference/primaries (modules.csv, rules.csv, histology-tables.csv,
/// heme-transformations.csv). Parsing is pure; <see cref="LoadShipped"/> opens the shipped files.
/// </summary>
public sealed class PrimaryRuleBook
{
    public IReadOnlyList<RuleModule> Modules { get; }
    public IReadOnlyList<MRule> Rules { get; }
    public IReadOnlyList<HistologyRow> Rows { get; }
    public IReadOnlyList<Transformation> Transformations { get; }

    PrimaryRuleBook(List<RuleModule> modules, List<MRule> rules, List<HistologyRow> rows, List<Transformation> transformations)
    {
        Modules = modules; Rules = rules; Rows = rows; Transformations = transformations;
    }

    public static PrimaryRuleBook LoadShipped()
    {
        TextReader Open(string f) => ReferenceData.OpenText("reference", "primaries", f);
        using var m = Open("modules.csv");
        using var r = Open("rules.csv");
        using var h = Open("histology-tables.csv");
        using var t = Open("heme-transformations.csv");
        return Parse(m, r, h, t);
    }

    public static PrimaryRuleBook Parse(TextReader modules, TextReader rules, TextReader tables, TextReader transformations)
    {
        var mods = Rows_(modules, "modules.csv", 4).Select(f => new RuleModule(
            f[0], CodeRanges.Parse(f[1]), CodeRanges.Parse(f[2]), f[3] == "yes")).ToList();
        var rs = Rows_(rules, "rules.csv", 6).Select(f => new MRule(f[0], f[1], f[2], f[3], f[4] switch
        {
            "single" => PairResult.Single,
            "multiple" => PairResult.Multiple,
            "questionable" => PairResult.Questionable,
            _ => throw new FormatException($"rules.csv: {f[0]} {f[1]}: result '{f[4]}' is not single/multiple/questionable"),
        }, f[5])).ToList();
        var hs = Rows_(tables, "histology-tables.csv", 4).Select(f => new HistologyRow(
            f[0], f[1], f[2], f[3].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet())).ToList();
        var ts = Rows_(transformations, "heme-transformations.csv", 4).Select(f => new Transformation(f[0], f[2])).ToList();
        foreach (var rule in rs.Where(x => !mods.Any(m => m.Name == x.Module)))
            throw new FormatException($"rules.csv: rule {rule.Id} names module '{rule.Module}' that modules.csv lacks");
        return new PrimaryRuleBook(mods, rs, hs, ts);
    }

    /// <summary>CSV rows after the header, skipping # comments; the last column takes any further commas (rule text).</summary>
    static IEnumerable<string[]> Rows_(TextReader reader, string file, int columns)
    {
        var header = false;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (!header) { header = true; continue; }
            var f = line.Split(',', columns);
            if (f.Length != columns) throw new FormatException($"{file}: line '{line}' has fewer than {columns} columns");
            yield return f;
        }
    }
}

/// <summary>Code ranges such as "C000-C148 C300-C329" or "8000-8799 9020", compared on their digits.</summary>
public sealed record CodeRanges(IReadOnlyList<(int From, int To)> Ranges)
{
    public static CodeRanges Parse(string text) => new(text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(part => part.Split('-'))
        .Select(p => (Digits(p[0]), Digits(p.Length > 1 ? p[1] : p[0]))).ToList());

    public bool Contains(string code) => code.Length > 0 && Ranges.Any(r => Digits(code) >= r.From && Digits(code) <= r.To);

    static int Digits(string code) => int.Parse(code.TrimStart('C', 'c'));
}
