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

    static string Dir => Path.Combine(AppContext.BaseDirectory, "fixtures", "survival");
    static double N(string s) => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("log-log", "0.8")]
    [InlineData("plain", "0.95")]
    public async Task The_CLI_reproduces_R_summary_survfit_at_times_on_colon_with_its_own_column_names(string confidence, string level)
    {
        // Acceptance (issue 13): survival::colon, columns followup_days/vital/treatment (fixtures/make-colon-fixtures.R).
        var run = await CliRunner.RunAsync($"survival --csv \"{Path.Combine(Dir, "colon.csv")}\" --time followup_days --status vital " +
            $"--event-codes dead --censor-codes alive --group treatment --confidence {confidence} --level {level} --times 365,730,1095,1826,2555,3000 --format csv");
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("group,time,n_risk,n_event,n_censor,survival,std_err_survival,lower,upper", lines[0]);
        var expected = File.ReadAllLines(Path.Combine(Dir, "summary_times_colon.csv")).Skip(1).Select(l => l.Split(','))
            .Where(f => f[0] == confidence && N(f[1]) == N(level)).ToList();
        Assert.Equal(18, expected.Count);
        Assert.Equal(expected.Count, lines.Length - 1);
        for (int i = 0; i < expected.Count; i++)
        {
            var a = lines[i + 1].Split(',');
            Assert.Equal(expected[i][2..7], a[0..5]);
            for (int k = 0; k < 4; k++)
                Assert.True(Math.Abs(N(expected[i][7 + k]) - N(a[5 + k])) <= 1e-6, $"row {i} column {k}: {expected[i][7 + k]} vs {a[5 + k]}");
        }
    }

    [Fact]
    public async Task The_log_rank_table_and_net_survival_from_an_extract_with_birth_dates_come_out_as_CSV()
    {
        var lr = await CliRunner.RunAsync($"survival --csv \"{Path.Combine(Dir, "colon.csv")}\" --time followup_days --status vital " +
            "--event-codes dead --censor-codes alive --group treatment --strata node4 --format csv --table log-rank");
        Assert.True(lr.ExitCode == 0, lr.Error);
        var row = lr.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Split(',');
        var expected = File.ReadAllLines(Path.Combine(Dir, "logrank_colon.csv")).Skip(1).Select(l => l.Split(',')).First(f => f[0] == "stratified");
        Assert.True(Math.Abs(N(expected[5]) - N(row[4])) <= 1e-6, $"chisq {expected[5]} vs {row[4]}");

        // relsurv's colrec as an extract: no age column, the exact age comes from birth_date and diagnosis_date.
        var net = await CliRunner.RunAsync($"survival --csv \"{Path.Combine(Dir, "colrec.csv")}\" --time days --status dead " +
            $"--life-table \"{Path.Combine(Dir, "slopop.csv")}\" --birth-date birth_date --times 365,1826,3652 --format csv");
        Assert.True(net.ExitCode == 0, net.Error);
        var lines = net.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("method,group,time,n_risk,survival,std_err_log,lower,upper", lines[0]);
        var r = File.ReadAllLines(Path.Combine(Dir, "net_colrec_age_effect.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(3, lines.Length - 1);
        for (int i = 0; i < 3; i++)
            Assert.True(Math.Abs(N(r[i][1]) - N(lines[i + 1].Split(',')[4])) <= 1e-8, $"t={r[i][0]}: {r[i][1]} vs {lines[i + 1]}");

        var noLifeTable = await CliRunner.RunAsync($"survival --csv \"{Path.Combine(Dir, "colrec.csv")}\" --time days --status dead --life-table nowhere.csv");
        Assert.Equal(2, noLifeTable.ExitCode);
        Assert.Contains("--life-table", noLifeTable.Error);
    }
}
