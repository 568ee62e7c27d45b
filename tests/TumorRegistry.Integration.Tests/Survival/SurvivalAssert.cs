using System.Text.Json;
using TumorRegistry.Survival.Estimation;
using TumorRegistry.Survival.Reporting;

namespace TumorRegistry.Integration.Tests.Survival;

/// <summary>Compares a report's JSON with the survival library's own result on the same cases.</summary>
public static class SurvivalAssert
{
    const double Tolerance = 1e-12;

    public static void SameCurves(SurvivalReport expected, JsonElement actual)
    {
        var curves = actual.GetProperty("curves").EnumerateArray().ToList();
        Assert.Equal(expected.Curves.Select(c => c.Group), curves.Select(c => c.GetProperty("group").GetString()));
        foreach (var (e, a) in expected.Curves.Zip(curves))
        {
            Assert.Equal(e.N, a.GetProperty("n").GetInt32());
            var rows = a.GetProperty("table").EnumerateArray().ToList();
            Assert.Equal(e.Time.Length, rows.Count);
            for (int i = 0; i < rows.Count; i++)
            {
                Assert.Equal(e.Time[i], rows[i].GetProperty("time").GetDouble());
                Assert.Equal(e.AtRisk[i], rows[i].GetProperty("nRisk").GetInt32());
                Assert.Equal(e.Events[i], rows[i].GetProperty("nEvent").GetInt32());
                Near(e.Survival[i], rows[i].GetProperty("survival"));
                Near(e.Lower[i], rows[i].GetProperty("lower"));
                Near(e.Upper[i], rows[i].GetProperty("upper"));
            }
        }
        if (expected.LogRank is { } lr)
        {
            var test = actual.GetProperty("logRank");
            Near(lr.ChiSquare, test.GetProperty("chiSquare"));
            Assert.Equal(lr.DegreesOfFreedom, test.GetProperty("degreesOfFreedom").GetInt32());
            Near(lr.PValue, test.GetProperty("pValue"));
        }
        else Assert.False(actual.TryGetProperty("logRank", out _));
        Assert.Equal(expected.Exclusions.OrderBy(p => p.Key), Exclusions(actual).OrderBy(p => p.Key));
    }

    public static Dictionary<string, int> Exclusions(JsonElement report) =>
        report.GetProperty("exclusions").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());

    public static void Near(double expected, JsonElement actual)
    {
        if (double.IsNaN(expected) || double.IsInfinity(expected)) Assert.Equal(JsonValueKind.Null, actual.ValueKind);
        else Assert.True(Math.Abs(expected - actual.GetDouble()) <= Tolerance, $"expected {expected}, got {actual}");
    }
}
