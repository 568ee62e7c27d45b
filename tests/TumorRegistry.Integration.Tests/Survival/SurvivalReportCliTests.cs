using System.Text.Json;
using TumorRegistry.Infrastructure.Survival;
using TumorRegistry.Integration.Tests.Infrastructure;
using TumorRegistry.Survival;
using TumorRegistry.Survival.Timing;

namespace TumorRegistry.Integration.Tests.Survival;

/// <summary>A migrated database holding <see cref="RegistryCohort"/>, for the CLI process to read.</summary>
public sealed class SurvivalCliFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";
    public IReadOnlyList<TestCase> Cases { get; } = RegistryCohort.Build();

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync();
        await RegistryCohort.WriteAsync(ConnectionString, Cases);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>`tumorregistry survival-report` and `import-life-table` as separate processes against the database.</summary>
public sealed class SurvivalReportCliTests(SurvivalCliFixture fx) : IClassFixture<SurvivalCliFixture>
{
    static string TempFile(string extension) => Path.Combine(Path.GetTempPath(), $"survival-{Guid.NewGuid():N}.{extension}");

    [Fact]
    public async Task The_report_command_writes_an_html_report_stratified_by_stage()
    {
        var html = TempFile("html");
        var run = await CliRunner.RunAsync($"survival-report --site 30 --stratify stage --cutoff 2024-12-31 --title \"Lung by stage\" --out \"{html}\"", fx.ConnectionString);

        Assert.True(run.ExitCode == 0, run.Error);
        var text = await File.ReadAllTextAsync(html);
        Assert.Contains("<svg", text);
        Assert.Contains("Lung by stage", text);
        Assert.Contains("7 Distant", text);
        Assert.Contains("DeathCertificateOnly", text);
        Assert.Contains("Excluded 1: DeathCertificateOnly", run.Error);
    }

    [Fact]
    public async Task Json_on_standard_output_equals_the_library_on_the_same_cases()
    {
        var run = await CliRunner.RunAsync("survival-report --site 30 --stratify sex --cutoff 2024-12-31 --format json", fx.ConnectionString);

        Assert.True(run.ExitCode == 0, run.Error);
        var labels = new Dictionary<string, string> { ["1"] = "1 Male", ["2"] = "2 Female" };
        var lung = fx.Cases.Where(c => c.DuplicateOf is null && c.Recode == "30").Select(c => c.ToSurvivalCase(labels[c.Sex]));
        var expected = RegistrySurvival.Observed(lung, new SurvivalTimeRules(RegistryCohort.Cutoff), new() { Title = "Observed survival" });
        SurvivalAssert.SameCurves(expected, JsonDocument.Parse(run.Output).RootElement);
    }

    [Fact]
    public async Task An_imported_life_table_serves_a_relative_survival_report()
    {
        var csv = TempFile("csv");
        await File.WriteAllTextAsync(csv, SyntheticLifeTable.Csv(2010, 2025));
        var import = await CliRunner.RunAsync($"import-life-table --name cli-table --csv \"{csv}\" --description \"synthetic, for the test\"", fx.ConnectionString);
        Assert.True(import.ExitCode == 0, import.Error);
        Assert.Contains("Imported life table 'cli-table': 3552 rows, ages 0-110, years 2010-2025", import.Output);

        var report = await CliRunner.RunAsync("survival-report --report relative --life-table cli-table --method ederer2 --site 30 --cutoff 2024-12-31 --format csv",
            fx.ConnectionString);
        Assert.True(report.ExitCode == 0, report.Error);
        var lines = report.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("method,group,time,n_risk,n_event,survival,std_err_log,lower,upper", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.StartsWith("EdererII,all,", l));
    }

    [Fact]
    public async Task The_synthetic_demo_table_is_stored_under_its_labelled_name()
    {
        var run = await CliRunner.RunAsync("import-life-table --synthetic-demo --replace", fx.ConnectionString);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Imported life table 'synthetic-demo'", run.Output);
    }

    [Theory]
    [InlineData("survival-report --stage 5", "--stage")]
    [InlineData("survival-report --years 20x9", "--years")]
    [InlineData("survival-report --report life-table --format svg", "--format")]
    [InlineData("survival-report --report relative --life-table nowhere --cutoff 2024-12-31", "--life-table")]
    [InlineData("import-life-table --name x", "--csv")]
    public async Task Bad_options_exit_2_naming_the_option(string args, string option)
    {
        var run = await CliRunner.RunAsync(args, fx.ConnectionString);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(option, run.Error);
    }
}
