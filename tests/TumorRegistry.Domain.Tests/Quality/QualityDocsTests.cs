using TumorRegistry.Domain.Quality;
using TumorRegistry.Standards;

namespace TumorRegistry.Domain.Tests.Quality;

/// <summary>The thresholds table in docs/data-quality.md says what data/reference/quality/thresholds.csv says.</summary>
public sealed class QualityDocsTests
{
    [Fact]
    public void The_documented_thresholds_table_matches_the_thresholds_file()
    {
        var thresholds = QualityThresholds.Parse(ReferenceData.OpenText("reference", "quality", "thresholds.csv"));
        var lines = File.ReadAllLines(Path.Combine(RepoRoot(), "docs", "data-quality.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("| indicator | NAACCR Gold |", StringComparison.Ordinal));
        var header = Cells(lines[start]);
        var labels = header.Skip(1).ToList();
        var rows = lines.Skip(start + 2).TakeWhile(l => l.StartsWith('|')).Select(Cells).ToList();
        Assert.Equal(QualityThresholds.Indicators.Order(StringComparer.Ordinal), rows.Select(r => r[0]).Order(StringComparer.Ordinal));
        var documented = rows.SelectMany(r => labels.Select((label, i) => (Indicator: r[0], Label: label, Text: r[i + 1])))
            .Where(c => c.Text != "—").Select(c => $"{c.Indicator}/{c.Label}/{c.Text}").Order(StringComparer.Ordinal);
        var filed = thresholds.Select(t => $"{t.Indicator}/{t.Label}/{t.Text}").Order(StringComparer.Ordinal);
        Assert.Equal(filed, documented);
    }

    private static string[] Cells(string line) => line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TumorRegistry.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root (TumorRegistry.sln) not found.");
    }
}
