using TumorRegistry.Survival.Reporting;

namespace TumorRegistry.Survival.Tests;

/// <summary>Reads the CSV fixtures written by fixtures/make-fixtures.R.</summary>
internal sealed class Fixture
{
    public string[] Header { get; }
    public List<string[]> Rows { get; } = [];

    Fixture(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "fixtures", name));
        Header = Csv.Split(lines[0]);
        foreach (var line in lines.Skip(1)) if (line.Length > 0) Rows.Add(Csv.Split(line));
    }

    public static Fixture Read(string name) => new(name);

    public int Col(string name) => Array.IndexOf(Header, name) is var i && i >= 0 ? i : throw new KeyNotFoundException(name);

    public double[] Numbers(string column) => Rows.Select(r => Csv.ParseNumber(r[Col(column)])).ToArray();
    public string[] Strings(string column) => Rows.Select(r => r[Col(column)]).ToArray();

    public IEnumerable<string[]> Where(string column, string value) => Rows.Where(r => r[Col(column)] == value);
    public double Num(string[] row, string column) => Csv.ParseNumber(row[Col(column)]);
}

internal static class Near
{
    /// <summary>Equal within tolerance; NaN equals NaN (R's NA).</summary>
    public static void Equal(double expected, double actual, double tolerance, string what)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            Assert.True(double.IsNaN(expected) && double.IsNaN(actual), $"{what}: expected {expected}, got {actual}");
            return;
        }
        if (double.IsInfinity(expected)) { Assert.True(expected == actual, $"{what}: expected {expected}, got {actual}"); return; }
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R}");
    }
}
