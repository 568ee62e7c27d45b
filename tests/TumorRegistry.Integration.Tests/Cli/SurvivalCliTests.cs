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
    public async Task A_missing_column_is_reported_clearly()
    {
        var csv = Path.Combine(Path.GetTempPath(), $"extract-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, "days,status\n1,1\n");
        var run = await CliRunner.RunAsync($"survival --csv \"{csv}\"");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("time", run.Error);
    }
}
