using TumorRegistry.Domain.Primaries;

namespace TumorRegistry.Domain.Tests.Primaries;

/// <summary>
/// One table of cases per module (fixtures/*.csv), written after the manual's examples: two tumors of one patient,
/// the expected result and the rule that must decide it.
/// </summary>
public static class ModuleCases
{
    public static readonly MultiplePrimaryRules Rules = new(PrimaryRuleBook.LoadShipped());

    public static TheoryData<string, string, string, string, string> Read(string file)
    {
        var data = new TheoryData<string, string, string, string, string>();
        var header = false;
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Primaries", "fixtures", file)))
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            if (!header) { header = true; continue; }
            var f = line.Split(',', 5);
            data.Add(f[4], f[0], f[1], f[2], f[3]);
        }
        return data;
    }

    /// <summary>"C079 8140/3 1 20200115" (date "-" is blank) as the items a tumor carries.</summary>
    public static TumorFacts Tumor(string compact, string? caseId = null)
    {
        var p = compact.Split(' ');
        var hb = p[1].Split('/');
        var items = new Dictionary<string, string?>
        {
            ["primarySite"] = p[0], ["histologicTypeIcdO3"] = hb[0], ["behaviorCodeIcdO3"] = hb[1],
            ["laterality"] = p[2], ["dateOfDiagnosis"] = p[3] == "-" ? "" : p[3],
        };
        var read = TumorFacts.FromItems(items, caseId);
        Assert.Empty(read.Errors);
        return read.Facts!;
    }

    public static void Check(string module, string @case, string existing, string incoming, string expected, string rule)
    {
        var pair = Rules.Compare(Tumor(existing, "case-1"), Tumor(incoming));
        var got = (pair.Result.ToString().ToLowerInvariant(), pair.Module, pair.Rule);
        Assert.True((expected, module, rule) == got, $"{@case}: expected {expected} by {module} {rule}, got {got} ({pair.Reason})");
        Assert.False(string.IsNullOrWhiteSpace(pair.Reason));

        // The order the tumors arrive in must not change the answer.
        var reversed = Rules.Compare(Tumor(incoming, "case-1"), Tumor(existing));
        Assert.Equal((pair.Result, pair.Rule), (reversed.Result, reversed.Rule));

        var decision = Rules.Decide([Tumor(existing, "case-1")], Tumor(incoming));
        var outcome = expected switch { "single" => PrimaryOutcome.SamePrimary, "multiple" => PrimaryOutcome.NewPrimary, _ => PrimaryOutcome.Questionable };
        Assert.Equal((outcome, rule), (decision.Outcome, decision.Rule));
        Assert.Equal(outcome == PrimaryOutcome.SamePrimary ? "case-1" : null, decision.SameAsCaseId);
    }
}

public sealed class HeadAndNeckRulesTests
{
    public static TheoryData<string, string, string, string, string> Cases => ModuleCases.Read("head-and-neck.csv");
    [Theory, MemberData(nameof(Cases))]
    public void Decides(string @case, string existing, string incoming, string expected, string rule) =>
        ModuleCases.Check("Head and Neck", @case, existing, incoming, expected, rule);
}

public sealed class ColonRulesTests
{
    public static TheoryData<string, string, string, string, string> Cases => ModuleCases.Read("colon.csv");
    [Theory, MemberData(nameof(Cases))]
    public void Decides(string @case, string existing, string incoming, string expected, string rule) =>
        ModuleCases.Check("Colon", @case, existing, incoming, expected, rule);
}

public sealed class LungRulesTests
{
    public static TheoryData<string, string, string, string, string> Cases => ModuleCases.Read("lung.csv");
    [Theory, MemberData(nameof(Cases))]
    public void Decides(string @case, string existing, string incoming, string expected, string rule) =>
        ModuleCases.Check("Lung", @case, existing, incoming, expected, rule);
}

public sealed class BreastRulesTests
{
    public static TheoryData<string, string, string, string, string> Cases => ModuleCases.Read("breast.csv");
    [Theory, MemberData(nameof(Cases))]
    public void Decides(string @case, string existing, string incoming, string expected, string rule) =>
        ModuleCases.Check("Breast", @case, existing, incoming, expected, rule);
}

public sealed class KidneyRulesTests
{
    public static TheoryData<string, string, string, string, string> Cases => ModuleCases.Read("kidney.csv");
    [Theory, MemberData(nameof(Cases))]
    public void Decides(string @case, string existing, string incoming, string expected, string rule) =>
        ModuleCases.Check("Kidney", @case, existing, incoming, expected, rule);
}

public sealed class UrinaryRulesTests
{
    public static TheoryData<string, string, string, string, string> Cases => ModuleCases.Read("urinary.csv");
    [Theory, MemberData(nameof(Cases))]
    public void Decides(string @case, string existing, string incoming, string expected, string rule) =>
        ModuleCases.Check("Urinary Sites", @case, existing, incoming, expected, rule);
}

public sealed class CutaneousMelanomaRulesTests
{
    public static TheoryData<string, string, string, string, string> Cases => ModuleCases.Read("cutaneous-melanoma.csv");
    [Theory, MemberData(nameof(Cases))]
    public void Decides(string @case, string existing, string incoming, string expected, string rule) =>
        ModuleCases.Check("Cutaneous Melanoma", @case, existing, incoming, expected, rule);
}

public sealed class OtherSitesRulesTests
{
    public static TheoryData<string, string, string, string, string> Cases => ModuleCases.Read("other-sites.csv");
    [Theory, MemberData(nameof(Cases))]
    public void Decides(string @case, string existing, string incoming, string expected, string rule) =>
        ModuleCases.Check("Other Sites", @case, existing, incoming, expected, rule);
}

public sealed class HematopoieticRulesTests
{
    public static TheoryData<string, string, string, string, string> Cases => ModuleCases.Read("heme.csv");
    [Theory, MemberData(nameof(Cases))]
    public void Decides(string @case, string existing, string incoming, string expected, string rule) =>
        ModuleCases.Check("Heme", @case, existing, incoming, expected, rule);
}
