using System.Globalization;

namespace TumorRegistry.Incidence.Tests;

/// <summary>Reads the R-made CSV fixtures (plain comma-separated, header row, no quoting).</summary>
internal sealed class Fixture
{
    readonly string[] header;
    public IReadOnlyList<string[]> Rows { get; }

    Fixture(string[] header, List<string[]> rows) { this.header = header; Rows = rows; }

    public static Fixture Load(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "fixtures", name))
            .Where(l => l.Length > 0).ToList();
        return new Fixture(lines[0].Split(','), lines.Skip(1).Select(l => l.Split(',')).ToList());
    }

    public string Text(string[] row, string column) => row[Array.IndexOf(header, column) is var i and >= 0 ? i
        : throw new KeyNotFoundException(column)];

    public double Number(string[] row, string column) => double.Parse(Text(row, column), CultureInfo.InvariantCulture);

    public static void Close(double expected, double actual, double relative = 1e-8)
    {
        double tolerance = relative * Math.Max(1e-300, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected:R}, got {actual:R} (relative tolerance {relative})");
    }
}
