using Npgsql;
using TumorRegistry.Incidence.Areas;
using TumorRegistry.Incidence.Output;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Incidence.Tables;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Incidence;

/// <summary>`tumorregistry import-population` and `tumorregistry incidence` as separate processes on a real database.</summary>
public sealed class IncidenceCliTests : IAsyncLifetime
{
    private string _db = "";
    private readonly string _dir = Directory.CreateTempSubdirectory("tr-incidence-").FullName;

    public async Task InitializeAsync()
    {
        _db = await TestPostgres.CreateDatabaseAsync();
        await IncidenceScenario.LoadAsync(_db);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, true);
        return Task.CompletedTask;
    }

    private async Task<long> CellsAsync()
    {
        await using var conn = new NpgsqlConnection(_db);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select count(*) from population_cells", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Import_then_incidence_writes_the_pure_librarys_table()
    {
        var broken = Path.Combine(_dir, "broken.txt");
        var lines = IncidenceScenario.PopulationFile.Split('\n');
        lines[9] = lines[9][..4] + "N1" + lines[9][6..];
        await File.WriteAllTextAsync(broken, string.Join('\n', lines));
        var (brokenExit, _, brokenError) = await CliRunner.RunAsync($"import-population --file \"{broken}\" --format seer", _db);
        Assert.Equal(2, brokenExit);
        Assert.Contains("line 10, state postal 'N1'", brokenError);
        Assert.Contains("nothing was stored", brokenError);
        Assert.Equal(0, await CellsAsync());

        var file = Path.Combine(_dir, "nm.txt");
        await File.WriteAllTextAsync(file, IncidenceScenario.PopulationFile);
        var (exit, output, error) = await CliRunner.RunAsync($"import-population --file \"{file}\" --format seer", _db);
        Assert.True(exit == 0, error);
        Assert.Contains("NM, 2018-2020", output);
        Assert.Equal(IncidenceScenario.Population.Count, await CellsAsync());

        var html = Path.Combine(_dir, "table.html");
        var (htmlExit, _, htmlError) = await CliRunner.RunAsync($"incidence --state NM --from 2018 --to 2020 --format html --out \"{html}\"", _db);
        Assert.True(htmlExit == 0, htmlError);
        var expected = IncidenceScenario.ExpectedTable(AreaLevel.County, bySex: false, byRace: false, PeriodMode.Pooled);
        Assert.Equal(IncidenceHtmlWriter.ToHtml(expected, "Cancer incidence, New Mexico, 2018-2020", TumorRegistry.Infrastructure.Incidence.RegistryIncidence.Map), await File.ReadAllTextAsync(html));
        Assert.Contains("1 unknown age", htmlError);

        var (csvExit, csv, _) = await CliRunner.RunAsync("incidence --state NM --from 2018 --to 2020 --by-sex --site Prostate \"Lung and Bronchus\" --format csv", _db);
        Assert.Equal(0, csvExit);
        var w = new StringWriter();
        IncidenceCsvWriter.Write(w, IncidenceScenario.ExpectedTable(AreaLevel.County, bySex: true, byRace: false, PeriodMode.Pooled,
            [IncidenceScenario.Prostate, IncidenceScenario.Lung]));
        Assert.Equal(w.ToString(), csv);
    }

    [Fact]
    public async Task Sir_and_scan_options_write_the_pure_librarys_county_statistics()
    {
        var file = Path.Combine(_dir, "nm.txt");
        await File.WriteAllTextAsync(file, IncidenceScenario.PopulationFile);
        Assert.Equal(0, (await CliRunner.RunAsync($"import-population --file \"{file}\" --format seer", _db)).Item1);

        var (exit, csv, error) = await CliRunner.RunAsync("incidence --state NM --from 2018 --to 2020 --site \"Lung and Bronchus\" --sir --scan --replications 99 --seed 5 --format csv", _db);
        Assert.True(exit == 0, error);
        var table = IncidenceScenario.ExpectedTable(AreaLevel.County, bySex: false, byRace: false, PeriodMode.Pooled, [IncidenceScenario.Lung]);
        var expected = CountyAreaStatisticsBuilder.Build(table, IncidenceScenario.ExpectedCounts(), SeerPopulationFile.ToCells(IncidenceScenario.Population),
            IncidenceScenario.Lung, map: TumorRegistry.Infrastructure.Incidence.RegistryIncidence.Map, scan: new ScanOptions { Replications = 99, Seed = 5 });
        Assert.Equal(AreaStatisticsWriter.ToCsv([expected]), csv);
        Assert.Contains("35001,Bernalillo,Lung and Bronchus,Both sexes,2018-2020,", csv);
        Assert.Contains("site_group,sex,period,rank,centre_fips", csv);

        var (bad, _, badError) = await CliRunner.RunAsync("incidence --state NM --from 2018 --to 2020 --sir --format svg --site Prostate --area state", _db);
        Assert.Equal(2, bad);
        Assert.Contains("--area:", badError);
        Assert.Contains("--format:", badError);
    }

    [Fact]
    public async Task Invalid_options_exit_2_naming_them_and_a_state_without_population_exits_3()
    {
        var (exit, _, error) = await CliRunner.RunAsync("incidence --state NM --from 2020 --to 2018 --periods weekly --site Lungs", _db);
        Assert.Equal(2, exit);
        Assert.Contains("--to:", error);
        Assert.Contains("--periods:", error);
        Assert.Contains("--site: 'Lungs'", error);

        var (noPopulation, _, noPopulationError) = await CliRunner.RunAsync("incidence --state AZ --from 2018 --to 2020", _db);
        Assert.Equal(3, noPopulation);
        Assert.Contains("AZ", noPopulationError);
    }
}
