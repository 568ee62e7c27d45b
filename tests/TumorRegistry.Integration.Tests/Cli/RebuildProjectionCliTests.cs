using Npgsql;
using TumorRegistry.Domain.Events;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Cli;

public sealed class RebuildProjectionCliTests
{
    [Fact]
    public async Task Rebuild_from_the_command_line_restores_a_damaged_read_model_exactly()
    {
        var cs = await TestPostgres.CreateDatabaseAsync();
        await using var ds = NpgsqlDataSource.Create(cs);
        await using var marten = RegistryStore.Create(cs);
        var store = new RegistryEvents(marten);
        var who = new EventMetadata("ctr.smith", "abstracted from path report");
        for (var i = 0; i < 5; i++)
        {
            var patient = Guid.NewGuid();
            await store.AppendManyAsync([
                new StreamAppend(patient, "patient", 0, [new PatientRegistered { PatientIdNumber = $"0000010{i}" },
                    new DemographicsRecorded { Sex = "2", DateOfBirth = "19600101", Race1 = "01" }]),
                new StreamAppend(Guid.NewGuid(), "tumor", 0, [new CaseOpened { PatientId = patient, ReportingFacility = "0006540001" },
                    new DiagnosisRecorded { PrimarySite = "C509", Histology = "8500", Behavior = "3", Laterality = "1", DateOfDiagnosis = "20200315" }]),
            ], who);
        }
        var before = await ds.ReadModelsSnapshotAsync();
        await ds.ExecAsync("delete from case_summary where ctid in (select ctid from case_summary limit 2); update patients set sex = '9'");
        Assert.NotEqual(before, await ds.ReadModelsSnapshotAsync());

        var run = await CliRunner.RunAsync("rebuild-projection --all", cs);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal(before, await ds.ReadModelsSnapshotAsync());
    }

    [Fact]
    public async Task An_unknown_projection_name_is_refused_with_the_known_names()
    {
        var cs = await TestPostgres.CreateDatabaseAsync();
        var run = await CliRunner.RunAsync("rebuild-projection no_such_table", cs);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("case_summary", run.Error);
    }
}
