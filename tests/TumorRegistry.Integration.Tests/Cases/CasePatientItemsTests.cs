using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TumorRegistry.Domain.Events;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Migrations;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Cases;

/// <summary>
/// case_summary.patient_sex, patient_race1 and patient_spanish_hispanic_origin (migration 0006) as the projection writes
/// them for cases abstracted and corrected through the API.
/// </summary>
public sealed class CasePatientItemsTests(RegistryApiFactory registry) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task Each_case_stores_its_patients_sex_race_and_origin_follows_corrections_and_survives_a_rebuild()
    {
        var alice = registry.Registrar("alice");
        // Both registered female, Race 1 01 (White), Spanish/Hispanic Origin 0 (CaseApi).
        var patient = await alice.RegisterPatientAsync("00000301");
        var other = await alice.RegisterPatientAsync("00000302");
        var (first, v1) = await alice.OpenCaseAsync(patient);
        await alice.AbstractAsync(first, v1);
        var (second, v2) = await alice.OpenCaseAsync(patient);
        await alice.AbstractAsync(second, v2);
        var (othersCase, v3) = await alice.OpenCaseAsync(other);
        await alice.AbstractAsync(othersCase, v3);

        var female = ("2", "01", "0");
        Assert.Equal([female, female, female], await ItemsAsync());

        // A sex correction on the patient re-projects both of the patient's cases and no one else's.
        var pv = 3;
        await CorrectAsync(alice, $"/patients/{patient}", pv++, new() { ["sex"] = "1" });
        Assert.Equal([("1", "01", "0"), ("1", "01", "0"), female], await ItemsAsync());

        // A race and origin correction likewise.
        await CorrectAsync(alice, $"/patients/{patient}", pv++, new() { ["race1"] = "02", ["spanishHispanicOrigin"] = "6" });
        Assert.Equal([("1", "02", "6"), ("1", "02", "6"), female], await ItemsAsync());

        // The stored sex is the v26 code of the PatientSex value, as in patients.sex: v25 6 (natal female) is 2, 3 is 9.
        await CorrectAsync(alice, $"/patients/{patient}", pv++, new() { ["sex"] = "6" });
        Assert.Equal([("2", "02", "6"), ("2", "02", "6"), female], await ItemsAsync());
        await CorrectAsync(alice, $"/patients/{patient}", pv++, new() { ["sex"] = "3", ["race1"] = null });
        Assert.Equal([("9", null, "6"), ("9", null, "6"), female], await ItemsAsync());
        Assert.Equal(("9", null, "6"), await PatientsRowAsync(patient));

        await CorrectAsync(alice, $"/patients/{patient}", pv, new() { ["sex"] = "1", ["race1"] = "05" });
        var corrected = ("1", "05", "6");
        Assert.Equal([corrected, corrected, female], await ItemsAsync());
        Assert.Equal(corrected, await PatientsRowAsync(patient));

        var before = await registry.RowsAsync("case_summary", "case_id");
        Assert.Contains("\"patient_race1\": \"05\"", string.Join("\n", before));
        await registry.ExecAsync("delete from case_summary; delete from patients;");
        var daemon = registry.Services.GetRequiredService<ProjectionRebuilder>();
        await daemon.RebuildAsync(PatientsProjection.ProjectionName);
        await daemon.RebuildAsync(CaseSummaryProjection.ProjectionName);
        Assert.Equal(before, await registry.RowsAsync("case_summary", "case_id"));
        Assert.Equal([corrected, corrected, female], await ItemsAsync());

        async Task<(string?, string?, string?)[]> ItemsAsync() =>
            [await ItemsOfAsync(first), await ItemsOfAsync(second), await ItemsOfAsync(othersCase)];
    }

    private async Task<(string?, string?, string?)> ItemsOfAsync(Guid caseId) =>
        await RowAsync("select patient_sex, patient_race1, patient_spanish_hispanic_origin from case_summary where case_id = $1", caseId);

    private async Task<(string?, string?, string?)> PatientsRowAsync(Guid patientId) =>
        await RowAsync("select sex, race1, spanish_hispanic_origin from patients where patient_id = $1", patientId);

    private async Task<(string?, string?, string?)> RowAsync(string sql, Guid id)
    {
        await using var db = NpgsqlDataSource.Create(registry.ConnectionString);
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddWithValue(id);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync(), "the row exists");
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        return (Text(0), Text(1), Text(2));
    }

    private static async Task CorrectAsync(HttpClient client, string resource, int version, Dictionary<string, string?> items) =>
        await (await client.WriteAsync($"{resource}/corrections", new { items, reason = "chart review" }, version)).Expect(HttpStatusCode.OK);
}

/// <summary>
/// The projection's patient items on the case row against literal expectations for v25 and v26 sex codes and raw race
/// and origin values written straight to the event store, and migration 0006's fill, which serves rows projected before
/// the columns existed, against the projection.
/// </summary>
public sealed class CasePatientItemsMigrationTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    // (v25 sex, v26 sex assigned at birth, race1, Spanish/Hispanic origin, expected stored sex)
    public static readonly (string? Sex, string? V26, string? Race1, string? Origin, string? Stored)[] Known =
    [
        ("1", null, "01", "0", "1"), ("2", null, "02", "1", "2"), ("3", null, "03", "9", "9"), ("4", null, "04", "7", "9"),
        ("5", null, "96", "8", "1"), ("6", null, "99", "0", "2"), ("9", null, "88", "0", "9"), ("7", null, "01", "0", null),
        (null, "1", "15", "2", "1"), (null, "2", null, "4", "2"), (null, "9", "98", null, "9"), ("1", "2", "01", "0", "2"),
        ("2", "x", " 1", "5", "2"), (null, null, null, null, null), (null, null, "01", "1", null), ("2", null, "02", "6", "2"),
    ];

    [Fact]
    public async Task The_projection_stores_the_patients_items_and_migration_0006_fills_the_same_for_older_rows()
    {
        var random = new Random(6);
        string? Pick(params string?[] values) => values[random.Next(values.Length)];
        var generated = Enumerable.Range(0, 200).Select(_ => (Sex: Pick(null, "1", "2", "3", "4", "5", "6", "9"),
            V26: Pick(null, null, null, "1", "2", "9"), Race1: Pick(null, "01", "02", "03", "04", "05", "15", "88", "96", "98", "99"),
            Origin: Pick(null, "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"))).ToList();
        var patients = Known.Select(k => (Id: Guid.NewGuid(), k.Sex, k.V26, k.Race1, k.Origin))
            .Concat(generated.Select(g => (Id: Guid.NewGuid(), g.Sex, g.V26, g.Race1, g.Origin)))
            .ToList();
        // Two cases for most patients; every case's row carries its patient's items.
        var cases = patients.SelectMany((p, i) => Enumerable.Range(0, 1 + i % 2).Select(_ => (Id: Guid.NewGuid(), Patient: p))).ToList();
        await WriteAsync(patients, cases.Select(c => (c.Id, c.Patient.Id)));

        var projected = await ColumnsAsync();
        Assert.Equal(cases.Count, projected.Count);
        for (var i = 0; i < Known.Length; i++)
        {
            var k = Known[i];
            foreach (var c in cases.Where(c => c.Patient.Id == patients[i].Id))
                Assert.Equal((k.Stored, k.Race1, k.Origin), projected[c.Id]);
        }
        foreach (var c in cases)
        {
            Assert.Equal(c.Patient.Race1, projected[c.Id].Race1);
            Assert.Equal(c.Patient.Origin, projected[c.Id].Origin);
        }
        // The row agrees with the patients read model the count used to join.
        Assert.Equal(0L, await CountAsync("""
            select count(*) from case_summary c join patients p on p.patient_id = c.patient_id
            where (c.patient_sex, c.patient_race1, c.patient_spanish_hispanic_origin)
                  is distinct from (p.sex, p.race1, p.spanish_hispanic_origin)
            """));
        Assert.Equal(new[] { null, "1", "2", "9" }, projected.Values.Select(v => v.Sex).Distinct().Order());

        // As the table was before 0006: no patient columns. Re-running 0006 must give the projection's values.
        await ExecAsync("""
            alter table case_summary drop column patient_sex, drop column patient_race1, drop column patient_spanish_hispanic_origin;
            delete from schema_migrations where number = 6;
            """);
        Assert.Equal(new[] { 6 }, await SchemaMigrator.MigrateAsync(db.ConnectionString));
        Assert.Equal(projected, await ColumnsAsync());
    }

    private async Task WriteAsync(IEnumerable<(Guid Id, string? Sex, string? V26, string? Race1, string? Origin)> patients,
        IEnumerable<(Guid Id, Guid Patient)> cases)
    {
        await using var marten = RegistryStore.Create(db.ConnectionString);
        var store = new RegistryEvents(marten);
        var appends = new List<StreamAppend>();
        foreach (var p in patients)
        {
            var items = new Dictionary<string, string>();
            if (p.Sex is not null) items["sex"] = p.Sex;
            if (p.V26 is not null) items["sexAssignedAtBirth"] = p.V26;
            if (p.Race1 is not null) items["race1"] = p.Race1;
            if (p.Origin is not null) items["spanishHispanicOrigin"] = p.Origin;
            appends.Add(new StreamAppend(p.Id, "patient", StreamAppend.NoStream,
                [new PatientRegistered { PatientIdNumber = p.Id.ToString("N")[..8] }, new ItemsImported(items, "patient items test")]));
        }
        foreach (var c in cases)
            appends.Add(new StreamAppend(c.Id, "tumor", StreamAppend.NoStream,
                [new CaseOpened { PatientId = c.Patient, ReportingFacility = "0000001234" },
                 new ItemsImported(new Dictionary<string, string> { ["primarySite"] = "C504", ["dateOfDiagnosis"] = "20230115" }, "patient items test")]));
        await store.AppendManyAsync(appends, new EventMetadata("ctr.patient-items-test", "patient item combinations"));
    }

    private async Task<Dictionary<Guid, (string? Sex, string? Race1, string? Origin)>> ColumnsAsync()
    {
        await using var cmd = db.DataSource.CreateCommand(
            "select case_id, patient_sex, patient_race1, patient_spanish_hispanic_origin from case_summary");
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new Dictionary<Guid, (string?, string?, string?)>();
        while (await r.ReadAsync())
            rows[r.GetGuid(0)] = (r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3));
        return rows;
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var cmd = db.DataSource.CreateCommand(sql);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task ExecAsync(string sql)
    {
        await using var cmd = db.DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }
}
