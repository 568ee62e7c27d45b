using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Events;
using TumorRegistry.Incidence.AgeGroups;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Migrations;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Cases;

/// <summary>case_summary.age_at_diagnosis as the projection writes it for cases abstracted and corrected through the API.</summary>
public sealed class CaseAgeTests(RegistryApiFactory registry) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task Age_comes_from_the_item_else_the_dates_follows_birth_date_corrections_and_survives_a_rebuild()
    {
        var alice = registry.Registrar("alice");
        // Born 1973-07-29; each case diagnosed 2023-01-15 with Age at Diagnosis 049 (CaseApi).
        var patient = await alice.RegisterPatientAsync("00000201");
        var (abstracted, v1) = await alice.OpenCaseAsync(patient);
        await alice.AbstractAsync(abstracted, v1);
        var (unknownItem, v2) = await alice.OpenCaseAsync(patient);
        v2 = await alice.AbstractAsync(unknownItem, v2);
        await CorrectAsync(alice, $"/cases/{unknownItem}", v2, new() { ["ageAtDiagnosis"] = "999" });
        var (laterDx, v3) = await alice.OpenCaseAsync(patient);
        v3 = await alice.AbstractAsync(laterDx, v3);
        await CorrectAsync(alice, $"/cases/{laterDx}", v3, new() { ["ageAtDiagnosis"] = null, ["dateOfDiagnosis"] = "20230801" });

        // 049 as abstracted; 999 → from the dates, birthday (29 July) not yet reached on 15 January; 1 August is after it.
        Assert.Equal((49, 49, 50), await AgesAsync());

        // A date of birth correction on the patient re-projects the patient's cases; the abstracted age still wins.
        var pv = 3;
        await CorrectAsync(alice, $"/patients/{patient}", pv++, new() { ["dateOfBirth"] = "19730110" });
        Assert.Equal((49, 50, 50), await AgesAsync());
        await CorrectAsync(alice, $"/patients/{patient}", pv++, new() { ["dateOfBirth"] = "19730116" });
        Assert.Equal((49, 49, 50), await AgesAsync());
        await CorrectAsync(alice, $"/patients/{patient}", pv++, new() { ["dateOfBirth"] = "197301" });
        Assert.Equal((49, 50, 50), await AgesAsync());   // same month, no birth day: no year off
        await CorrectAsync(alice, $"/patients/{patient}", pv++, new() { ["dateOfBirth"] = null });
        Assert.Equal((49, null, null), await AgesAsync());
        await CorrectAsync(alice, $"/patients/{patient}", pv, new() { ["dateOfBirth"] = "19730729" });

        var before = await registry.RowsAsync("case_summary", "case_id");
        Assert.Equal((49, 49, 50), await AgesAsync());
        await registry.ExecAsync("delete from case_summary; delete from patients;");
        var daemon = registry.Services.GetRequiredService<ProjectionRebuilder>();
        await daemon.RebuildAsync(PatientsProjection.ProjectionName);
        await daemon.RebuildAsync(CaseSummaryProjection.ProjectionName);
        Assert.Equal(before, await registry.RowsAsync("case_summary", "case_id"));
        Assert.Equal((49, 49, 50), await AgesAsync());

        async Task<(int?, int?, int?)> AgesAsync() =>
            (await AgeAsync(abstracted), await AgeAsync(unknownItem), await AgeAsync(laterDx));
    }

    private async Task<int?> AgeAsync(Guid caseId)
    {
        await using var db = NpgsqlDataSource.Create(registry.ConnectionString);
        await using var cmd = db.CreateCommand("select age_at_diagnosis from case_summary where case_id = $1");
        cmd.Parameters.AddWithValue(caseId);
        var value = await cmd.ExecuteScalarAsync();
        Assert.NotNull(value);   // the row exists
        return value is DBNull ? null : (int)value;
    }

    private static async Task CorrectAsync(HttpClient client, string resource, int version, Dictionary<string, string?> items) =>
        await (await client.WriteAsync($"{resource}/corrections", new { items, reason = "chart review" }, version)).Expect(HttpStatusCode.OK);
}

/// <summary>
/// The projection's age and state against literal expectations over many item and date combinations written straight to
/// the event store (no API checks, so a state can be " nm "), and migration 0005's SQL, which fills rows projected before
/// the column existed, against the projection.
/// </summary>
public sealed class CaseAgeMigrationTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    // (Age at Diagnosis item, date of birth, date of diagnosis, expected age)
    public static readonly (string? Item, string? Birth, string? Dx, int? Age)[] Known =
    [
        ("049", "19000101", "20230115", 49), ("000", null, "20230115", 0), ("120", null, null, 120),
        ("999", "19730729", "20230115", 49), (null, "19730115", "20230115", 50), (null, "19730116", "20230115", 49),
        ("121", "19730301", "20230415", 50), (null, "197307", "20230115", 49), (null, "1973", "20230115", 50),
        (null, "19730729", "202307", 50), (null, "19730729", "2023", 50), ("999", null, "20230115", null),
        (null, "19730729", "20230231", null), (null, "20230729", "20230115", null), (null, "20230105", "20230115", 0),
        (null, "19550815", "20200810", 64), (null, "19550801", "20200810", 65), (null, null, null, null),
    ];

    [Fact]
    public async Task The_projection_stores_the_rule_and_migration_0005_computes_the_same_for_older_rows()
    {
        var random = new Random(5);
        string? Date(int from, int to)
        {
            var d = new DateOnly(from, 1, 1).AddDays(random.Next((to - from) * 365));
            return random.Next(6) switch
            {
                0 => null, 1 => d.ToString("yyyy", CultureInfo.InvariantCulture), 2 => d.ToString("yyyyMM", CultureInfo.InvariantCulture),
                _ => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            };
        }
        var generated = Enumerable.Range(0, 300).Select(_ =>
        {
            string? item = random.Next(4) switch { 1 => "999", 2 => random.Next(0, 130).ToString("D3", CultureInfo.InvariantCulture), _ => null };
            // Birth and diagnosis in the same year (birthdays in the month of diagnosis, births after it) or 60 years apart.
            var year = random.Next(1940, 2000);
            var gap = random.Next(0, 2) * 60;
            return (Item: item, Birth: Date(year, year + 1), Dx: Date(year + gap, year + gap + 1));
        }).ToList();
        var cases = Known.Select(k => (Id: Guid.NewGuid(), k.Item, k.Birth, k.Dx, State: " nm ", Expected: k.Age))
            .Concat(generated.Select(g => (Id: Guid.NewGuid(), g.Item, g.Birth, g.Dx, State: "NM", Expected: Derived.AgeForStatistics(g.Item, g.Birth, g.Dx))))
            .ToList();
        await WriteAsync(cases.Select(c => (c.Id, c.Item, c.Birth, c.Dx, c.State)));

        var projected = await ColumnsAsync();
        Assert.Equal(cases.ToDictionary(c => c.Id, c => (Age: c.Expected, State: (string?)"NM")), projected);
        Assert.Contains(projected.Values, v => v.Age is null);
        Assert.True(projected.Values.Select(v => v.Age).Distinct().Count() > 50);

        // As the table was before 0005: no age column, the state as abstracted. Re-running 0005 must give the projection's values.
        await ExecAsync("""
            alter table case_summary drop column age_at_diagnosis;
            update case_summary set addr_at_dx_state = items->>'addrAtDxState';
            delete from schema_migrations where number = 5;
            """);
        Assert.Equal(" nm ", await ScalarAsync($"select addr_at_dx_state from case_summary where case_id = '{cases[0].Id}'"));
        Assert.Equal(new[] { 5 }, await SchemaMigrator.MigrateAsync(db.ConnectionString));
        Assert.Equal(projected, await ColumnsAsync());
    }

    [Fact]
    public async Task The_sql_age_group_is_the_csharp_group_and_null_for_a_null_age()
    {
        await using var cmd = db.DataSource.CreateCommand(
            $"select a, {SeerAgeGroups.SqlExpression("a")} from (select generate_series(0, 120) as a union all select null) t");
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = 0;
        while (await r.ReadAsync())
        {
            rows++;
            if (r.IsDBNull(0)) Assert.True(r.IsDBNull(1), "a NULL age has no age group");
            else Assert.Equal(SeerAgeGroups.FromAge(r.GetInt32(0)), r.GetInt32(1));
        }
        Assert.Equal(122, rows);
    }

    private async Task WriteAsync(IEnumerable<(Guid Id, string? Item, string? Birth, string? Dx, string State)> cases)
    {
        await using var marten = RegistryStore.Create(db.ConnectionString);
        var store = new RegistryEvents(marten);
        var appends = new List<StreamAppend>();
        foreach (var c in cases)
        {
            var patientId = Guid.NewGuid();
            var patientItems = new Dictionary<string, string> { ["sex"] = "2" };
            if (c.Birth is not null) patientItems["dateOfBirth"] = c.Birth;
            var tumorItems = new Dictionary<string, string> { ["primarySite"] = "C504", ["addrAtDxState"] = c.State };
            if (c.Item is not null) tumorItems["ageAtDiagnosis"] = c.Item;
            if (c.Dx is not null) tumorItems["dateOfDiagnosis"] = c.Dx;
            appends.Add(new StreamAppend(patientId, "patient", StreamAppend.NoStream,
                [new PatientRegistered { PatientIdNumber = patientId.ToString("N")[..8] }, new ItemsImported(patientItems, "age test")]));
            appends.Add(new StreamAppend(c.Id, "tumor", StreamAppend.NoStream,
                [new CaseOpened { PatientId = patientId, ReportingFacility = "0000001234" }, new ItemsImported(tumorItems, "age test")]));
        }
        await store.AppendManyAsync(appends, new EventMetadata("ctr.age-test", "age combinations"));
    }

    private async Task<Dictionary<Guid, (int? Age, string? State)>> ColumnsAsync()
    {
        await using var cmd = db.DataSource.CreateCommand("select case_id, age_at_diagnosis, addr_at_dx_state from case_summary");
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new Dictionary<Guid, (int?, string?)>();
        while (await r.ReadAsync())
            rows[r.GetGuid(0)] = (r.IsDBNull(1) ? null : r.GetInt32(1), r.IsDBNull(2) ? null : r.GetString(2));
        return rows;
    }

    private async Task ExecAsync(string sql)
    {
        await using var cmd = db.DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<string?> ScalarAsync(string sql)
    {
        await using var cmd = db.DataSource.CreateCommand(sql);
        return await cmd.ExecuteScalarAsync() as string;
    }
}
