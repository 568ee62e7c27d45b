using System.Text.Json;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Cli;

public sealed class SurvivalCliTests
{
    // Ten patients, two groups; hand-checkable Kaplan-Meier: group a dies at 2, 4, 6 of 5 at risk.
    private const string Extract = """
        time,status,group
        2,1,a
        3,0,a
        4,1,a
        6,1,a
        8,0,a
        1,1,b
        1,1,b
        2,1,b
        5,0,b
        7,1,b
        """;

    [Fact]
    public async Task The_survival_command_reads_an_extract_and_writes_the_report()
    {
        var csv = Path.Combine(Path.GetTempPath(), $"extract-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, Extract);
        var json = await CliRunner.RunAsync($"survival --csv \"{csv}\" --format json");
        var html = await CliRunner.RunAsync($"survival --csv \"{csv}\" --title \"Two groups\"");

        Assert.Equal(0, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Output);
        var text = doc.RootElement.GetRawText();
        // Group a: S(2) = 4/5, S(4) = 4/5 * 2/3 = 0.5333..., S(6) = 0.5333 * 1/2 = 0.2667.
        Assert.Contains("0.8", text);
        Assert.Contains("0.5333333333333", text);
        Assert.Equal(0, html.ExitCode);
        Assert.Contains("<svg", html.Output);
        Assert.Contains("Two groups", html.Output);
    }

    [Fact]
    public async Task Mapped_columns_and_event_codes_reproduce_R_summary_survfit_at_chosen_times()
    {
        // survival::pbc with columns days/outcome/arm, death = 2, transplant = 1 censored (fixtures/make-times-fixtures.R).
        var dir = Path.Combine(AppContext.BaseDirectory, "fixtures", "survival");
        var run = await CliRunner.RunAsync($"survival --csv \"{Path.Combine(dir, "pbc.csv")}\" --time days --status outcome --event-codes 2 " +
            "--censor-codes 0,1 --group arm --confidence log-log --level 0.9 --times 365,730,1825,3650,4500,5000 --format csv");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Excluded 106: Missing group", run.Error);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("group,time,n_risk,n_event,n_censor,survival,std_err_survival,lower,upper", lines[0]);
        var expected = File.ReadAllLines(Path.Combine(dir, "summary_times_pbc.csv")).Skip(1).Select(l => l.Split(','))
            .Where(f => f[0] == "log-log" && f[1] == "0.9").ToList();
        Assert.Equal(10, expected.Count);
        Assert.Equal(expected.Count, lines.Length - 1);
        for (int i = 0; i < expected.Count; i++)
        {
            var a = lines[i + 1].Split(',');
            var e = expected[i];
            Assert.Equal(e[2..7], a[0..5]); // group, time, n.risk, n.event, n.censor
            for (int k = 0; k < 4; k++)
                Assert.True(Math.Abs(double.Parse(e[7 + k], System.Globalization.CultureInfo.InvariantCulture)
                    - double.Parse(a[5 + k], System.Globalization.CultureInfo.InvariantCulture)) <= 1e-6, $"row {i} column {k}: {e[7 + k]} vs {a[5 + k]}");
        }

        var wrongGroup = await CliRunner.RunAsync($"survival --csv \"{Path.Combine(dir, "pbc.csv")}\" --time days --status outcome --group rx");
        Assert.Equal(2, wrongGroup.ExitCode);
        Assert.Contains("'rx'", wrongGroup.Error);
        var badTimes = await CliRunner.RunAsync($"survival --csv \"{Path.Combine(dir, "pbc.csv")}\" --times 365,year --format csv");
        Assert.Equal(2, badTimes.ExitCode);
        Assert.Contains("--times", badTimes.Error);
    }

    [Fact]
    public async Task A_missing_column_is_reported_clearly()
    {
        var csv = Path.Combine(Path.GetTempPath(), $"extract-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, "days,status\n1,1\n");
        var run = await CliRunner.RunAsync($"survival --csv \"{csv}\"");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("time", run.Error);
    }
}
