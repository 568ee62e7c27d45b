using Npgsql;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Cli;

public sealed class GenerateCliTests
{
    [Fact]
    public async Task Generate_loads_a_synthetic_registry_with_its_read_models_and_denominators_and_the_same_seed_gives_the_same_ids()
    {
        var first = await TestPostgres.CreateDatabaseAsync();
        var second = await TestPostgres.CreateDatabaseAsync();

        var run = await CliRunner.RunAsync("generate --tumors 300 --seed 5 --from 2015 --to 2024", first);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("reports loaded", run.Output);
        Assert.True((await CliRunner.RunAsync("generate --tumors 300 --seed 5 --from 2015 --to 2024", second)).ExitCode == 0);

        await using var a = NpgsqlDataSource.Create(first);
        await using var b = NpgsqlDataSource.Create(second);
        var reports = Convert.ToInt64(await a.ScalarAsync("select count(*) from case_summary"));
        Assert.InRange(reports, 300, 310);
        Assert.Equal(reports, Convert.ToInt64(await a.ScalarAsync("select count(distinct patient_id) from patients")));
        Assert.True(Convert.ToInt64(await a.ScalarAsync("select count(distinct county_at_dx) from case_summary")) > 10);
        Assert.True(Convert.ToInt64(await a.ScalarAsync("select count(*) from case_summary where status = 'completed'")) > 250);
        Assert.Equal(10, Convert.ToInt64(await a.ScalarAsync("select count(distinct year) from population_cells")));
        Assert.Equal((string?)await a.ScalarAsync("select string_agg(case_id::text, ',' order by case_id) from case_summary"),
            (string?)await b.ScalarAsync("select string_agg(case_id::text, ',' order by case_id) from case_summary"));

        // The same registry as a NAACCR XML file, which the strict reader takes whole.
        var path = Path.Combine(Path.GetTempPath(), $"synthetic-{Guid.NewGuid():N}.xml");
        var written = await CliRunner.RunAsync($"generate --tumors 300 --seed 5 --from 2015 --to 2024 --xml {path}");
        Assert.True(written.ExitCode == 0, written.Output + written.Error);
        await using (var xml = File.OpenRead(path))
        {
            var (_, patients) = TumorRegistry.Standards.Xml.NaaccrXmlReader.ReadAll(xml);
            Assert.Equal(reports, patients.Count);
            Assert.All(patients, p => Assert.Empty(p.Problems));
        }
        File.Delete(path);

        var refused = await CliRunner.RunAsync("generate --tumors 0", first);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--tumors", refused.Error);
    }
}
