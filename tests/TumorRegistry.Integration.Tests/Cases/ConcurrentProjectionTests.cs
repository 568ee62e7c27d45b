using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Domain.Events;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Cases;

public sealed class ConcurrentProjectionTests(RegistryApiFactory registry) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task Patient_and_case_writes_committing_at_once_leave_case_summary_as_a_rebuild_would()
    {
        var alice = registry.Registrar("alice");
        var bob = registry.Registrar("bob");
        var patientId = await alice.RegisterPatientAsync("00000150");
        var (caseId, v) = await alice.OpenCaseAsync(patientId);
        var caseVersion = await alice.AbstractAsync(caseId, v, site: "C569", histology: "8441", laterality: "1");
        var patientVersion = 3;
        for (var i = 0; i < 12; i++)
        {
            // Bob flips the patient's sex while alice writes a step on the ovarian case: status depends on both.
            var sex = i % 2 == 0 ? "1" : "2";
            var results = await Task.WhenAll(
                bob.WriteAsync($"/patients/{patientId}/demographics", new { sex }, patientVersion),
                alice.WriteAsync($"/cases/{caseId}/stage", new { summaryStage2018 = i % 2 == 0 ? "2" : "3" }, caseVersion));
            await results[0].Expect(HttpStatusCode.OK);
            await results[1].Expect(HttpStatusCode.OK);
            (patientVersion, caseVersion) = (results[0].ETag(), results[1].ETag());
            var expected = sex == "1" ? ("failing_edits", 1) : ("open", 0);
            Assert.Equal(expected, await registry.StatusAsync(caseId));
        }
        var live = await registry.RowsAsync("case_summary", "case_id");
        await registry.Services.GetRequiredService<ProjectionRebuilder>().RebuildAsync(CaseSummaryProjection.ProjectionName);
        Assert.Equal(live, await registry.RowsAsync("case_summary", "case_id"));
    }
}

public sealed class EightWriterProjectionTests
{
    [Fact]
    public async Task Eight_writers_on_shared_patients_and_cases_leave_the_inline_read_models_equal_to_a_rebuild_from_zero()
    {
        var cs = await TestPostgres.CreateDatabaseAsync();
        await using var ds = Npgsql.NpgsqlDataSource.Create(cs);
        var projections = CaseProjections.Create();
        await using var marten = RegistryStore.Create(cs, projections: projections);
        var events = new RegistryEvents(marten);
        var patients = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
        var cases = patients.SelectMany(p => new[] { (Case: Guid.NewGuid(), Patient: p), (Case: Guid.NewGuid(), Patient: p) }).ToList();
        foreach (var (p, i) in patients.Select((p, i) => (p, i)))
            await events.AppendManyAsync([
                new StreamAppend(p, StreamTypes.Patient, 0, [new PatientRegistered { PatientIdNumber = $"0000090{i}" }, new DemographicsRecorded { Sex = "2", DateOfBirth = "19600101" }]),
                ..cases.Where(c => c.Patient == p).Select(c => new StreamAppend(c.Case, StreamTypes.Tumor, 0,
                    [new CaseOpened { PatientId = p, ReportingFacility = "0006540001" },
                     new DiagnosisRecorded { PrimarySite = "C569", Histology = "8441", Behavior = "3", Laterality = "1", DateOfDiagnosis = "20230105" }])),
            ], new EventMetadata("ctr.setup"));

        // Each writer flips a patient's sex (which changes its cases' edits) or stages a case, at the version it read,
        // retrying when another writer got there first.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            var conflicts = 0;
            for (var i = 0; i < 15; i++)
            {
                var onPatient = random.Next(2) == 0;
                var id = onPatient ? patients[random.Next(patients.Count)] : cases[random.Next(cases.Count)].Case;
                DomainEvent change = onPatient ? new DemographicsRecorded { Sex = random.Next(2) == 0 ? "1" : "2" }
                    : new StageRecorded { SummaryStage2018 = random.Next(1, 8).ToString(System.Globalization.CultureInfo.InvariantCulture) };
                while (true)
                {
                    var version = (await events.GetStreamAsync(id))!.Version;
                    try
                    {
                        await events.AppendAsync(new StreamAppend(id, onPatient ? StreamTypes.Patient : StreamTypes.Tumor, version, [change]),
                            new EventMetadata($"ctr.writer{w}"));
                        break;
                    }
                    catch (ConcurrencyException) { conflicts++; }
                }
            }
            return conflicts;
        })));

        var live = await ds.ReadModelsSnapshotAsync();
        Assert.Equal(3 * 2 + 6 * 2 + 8 * 15, (long)(await ds.ScalarAsync("select count(*) from marten.mt_events where type <> 'tombstone'"))!);
        var rebuilder = new ProjectionRebuilder(marten, projections);
        await rebuilder.RebuildAsync(PatientsProjection.ProjectionName);
        await rebuilder.RebuildAsync(CaseSummaryProjection.ProjectionName);
        Assert.Equal(live, await ds.ReadModelsSnapshotAsync());
        // Each case row reflects its patient's sex as the last committed event left it.
        Assert.Equal(0L, await ds.ScalarAsync("select count(*) from case_summary c join patients p using (patient_id) where c.patient_sex is distinct from p.sex"));
    }
}
