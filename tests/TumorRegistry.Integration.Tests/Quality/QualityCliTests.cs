using System.Text.Json;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Quality;

/// <summary>`tumorregistry quality` as a separate process on the planted registry.</summary>
public sealed class QualityCliTests : IAsyncLifetime
{
    private string _db = "";
    private readonly string _dir = Directory.CreateTempSubdirectory("tr-quality-").FullName;
    private readonly QualityScenario _scenario = new();

    public async Task InitializeAsync()
    {
        _db = await TestPostgres.CreateDatabaseAsync();
        await _scenario.LoadAsync(_db);
        await File.WriteAllTextAsync(Path.Combine(_dir, "nm.txt"), QualityScenario.PopulationFile);
        await File.WriteAllTextAsync(Path.Combine(_dir, "rates.csv"), QualityScenario.Rates);
        var (exit, _, error) = await CliRunner.RunAsync($"import-population --file \"{Path.Combine(_dir, "nm.txt")}\" --format seer", _db);
        Assert.True(exit == 0, error);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Quality_year_writes_the_indicators_the_lists_and_the_report()
    {
        var rates = Path.Combine(_dir, "rates.csv");
        var (exit, json, error) = await CliRunner.RunAsync($"quality --year 2023 --format json --rates \"{rates}\"", _db);
        Assert.True(exit == 0, error);
        var registry = JsonDocument.Parse(json).RootElement.GetProperty("registry");
        Assert.Equal(49, registry.GetProperty("records").GetInt32());
        var indicators = registry.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        Assert.Equal(3, indicators["dco"].GetProperty("numerator").GetInt32());
        var cells = SeerPopulationFile.ToCells(QualityScenario.Population).Where(c => c is { Year: 2023, AgeGroup: 14 }).ToList();
        var expected = 500.0 * cells.Where(c => c.Sex == Sex.Male).Sum(c => c.Population) / 100_000
            + 300.0 * cells.Where(c => c.Sex == Sex.Female).Sum(c => c.Population) / 100_000;
        Assert.Equal(expected, indicators["completeness"].GetProperty("denominator").GetDouble(), 9);

        var (listExit, csv, listError) = await CliRunner.RunAsync("quality --year 2023 --list missing-race", _db);
        Assert.True(listExit == 0, listError);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("facility,abstractor,case_id", lines[0]);
        Assert.Equal(new[] { 2, 16, 31 }.Select(i => _scenario.Cases[i].ToString()).Order(), lines.Skip(1).Select(l => l.Split(',')[2]).Order());
        Assert.Equal(["0000000101,ann", "0000000101,bob", "0000000202,cy"], lines.Skip(1).Select(l => string.Join(',', l.Split(',')[..2])));

        var html = Path.Combine(_dir, "quality.html");
        var (htmlExit, _, htmlError) = await CliRunner.RunAsync($"quality --year 2023 --out \"{html}\"", _db);
        Assert.True(htmlExit == 0, htmlError);
        var page = await File.ReadAllTextAsync(html);
        Assert.Contains("<h1>Data quality indicators, diagnosis year 2023</h1>", page);
        Assert.Contains("✘ fail (&lt; 3%)", page);

        var (badExit, _, badError) = await CliRunner.RunAsync("quality --year 2023 --list nothing", _db);
        Assert.Equal(2, badExit);
        Assert.Contains("--list", badError);
    }
}
