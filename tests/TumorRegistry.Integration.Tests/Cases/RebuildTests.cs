using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Integration.Tests.Api;

namespace TumorRegistry.Integration.Tests.Cases;

public sealed class RebuildTests(RegistryApiFactory registry) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task A_sex_correction_re_evaluates_the_patients_cases_and_rebuilding_the_projections_gives_the_same_tables()
    {
        var alice = registry.Registrar("alice");
        var bob = registry.Registrar("bob");

        // An ovarian case of a female patient: clean until her sex is corrected to male (TR101 female site, male sex).
        var patientId = await alice.RegisterPatientAsync("00000101");
        var (ovary, v) = await alice.OpenCaseAsync(patientId, "0000000002");
        await alice.AbstractAsync(ovary, v, site: "C569", histology: "8441", laterality: "1");
        var (breast, v2) = await alice.OpenCaseAsync(patientId, "0000000002");
        var breastVersion = await alice.AbstractAsync(breast, v2);
        await (await alice.WriteAsync($"/cases/{breast}/complete", null, breastVersion)).Expect(HttpStatusCode.OK);
        Assert.Equal(("open", 0), await registry.StatusAsync(ovary));

        await (await bob.WriteAsync($"/patients/{patientId}/corrections",
            new { items = new Dictionary<string, string?> { ["sex"] = "1" }, reason = "birth certificate" }, 3)).Expect(HttpStatusCode.OK);
        Assert.Equal(("failing_edits", 1), await registry.StatusAsync(ovary));
        Assert.Equal(("completed", 0), await registry.StatusAsync(breast));
        Assert.Equal("1", await registry.ScalarAsync($"select sex from patients where patient_id = '{patientId}'"));

        // More streams in other states: incomplete, duplicate, imported items, a death.
        var second = await bob.RegisterPatientAsync("00000102");
        var (incomplete, _) = await bob.OpenCaseAsync(second, "0000000003");
        var (copy, copyVersion) = await bob.OpenCaseAsync(second, "0000000003");
        await (await bob.WriteAsync($"/cases/{copy}/duplicate", new { duplicateOfCaseId = incomplete, reason = "same report twice" }, copyVersion))
            .Expect(HttpStatusCode.OK);
        await (await bob.WriteAsync($"/cases/{incomplete}/import",
            new { items = new Dictionary<string, string> { ["primarySite"] = "C349", ["localCode"] = "Z9" }, source = "hospital extract" }, 1))
            .Expect(HttpStatusCode.OK);
        await (await bob.WriteAsync($"/patients/{second}/death",
            new { dateOfDeath = "20240501", causeOfDeath = "C349", icdRevisionNumber = "1" }, 3)).Expect(HttpStatusCode.OK);

        var patientsBefore = await registry.RowsAsync("patients", "patient_id");
        var casesBefore = await registry.RowsAsync("case_summary", "case_id");
        Assert.Equal(2, patientsBefore.Count);
        Assert.Equal(4, casesBefore.Count);
        Assert.Equal("incomplete", await registry.ScalarAsync($"select status from case_summary where case_id = '{incomplete}'"));
        Assert.Equal("duplicate", await registry.ScalarAsync($"select status from case_summary where case_id = '{copy}'"));
        Assert.Equal("0", await registry.ScalarAsync($"select vital_status from patients where patient_id = '{second}'"));
        Assert.Equal("Z9", await registry.ScalarAsync($"select items->>'localCode' from case_summary where case_id = '{incomplete}'"));
        Assert.Equal("bob", await registry.ScalarAsync($"select abstracted_by from case_summary where case_id = '{copy}'"));
        Assert.Equal("C504|8500|3|2023|MO|510|1", await registry.ScalarAsync($"""
            select concat_ws('|', primary_site, histology, behavior, dx_year, addr_at_dx_state, county_at_dx, p.sex)
            from case_summary c join patients p using (patient_id) where case_id = '{breast}'
            """));
        Assert.Equal("39", await registry.ScalarAsync($"select site_recode_2023 from case_summary where case_id = '{breast}'"));

        // Rebuild both from the events (the tables emptied first, so nothing survives from before).
        await registry.ExecAsync("delete from case_summary; delete from patients;");
        var daemon = registry.Services.GetRequiredService<ProjectionRebuilder>();
        await daemon.RebuildAsync(PatientsProjection.ProjectionName);
        await daemon.RebuildAsync(CaseSummaryProjection.ProjectionName);
        Assert.Equal(patientsBefore, await registry.RowsAsync("patients", "patient_id"));
        Assert.Equal(casesBefore, await registry.RowsAsync("case_summary", "case_id"));
    }
}

/// <summary>Reads of the projection tables straight from the test database.</summary>
public static class ProjectionTables
{
    public static async Task<(string Status, int Errors)> StatusAsync(this RegistryApiFactory registry, Guid caseId)
    {
        await using var db = NpgsqlDataSource.Create(registry.ConnectionString);
        await using var cmd = db.CreateCommand("select status, error_count from case_summary where case_id = $1");
        cmd.Parameters.AddWithValue(caseId);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        return (r.GetString(0), r.GetInt32(1));
    }

    public static async Task<string?> ScalarAsync(this RegistryApiFactory registry, string sql)
    {
        await using var db = NpgsqlDataSource.Create(registry.ConnectionString);
        await using var cmd = db.CreateCommand(sql);
        return (await cmd.ExecuteScalarAsync()) as string;
    }

    public static async Task ExecAsync(this RegistryApiFactory registry, string sql)
    {
        await using var db = NpgsqlDataSource.Create(registry.ConnectionString);
        await using var cmd = db.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Every row, every column, as JSON text in key order.</summary>
    public static async Task<List<string>> RowsAsync(this RegistryApiFactory registry, string table, string key)
    {
        await using var db = NpgsqlDataSource.Create(registry.ConnectionString);
        await using var cmd = db.CreateCommand($"select to_jsonb(t)::text from {table} t order by {key}");
        var rows = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) rows.Add(r.GetString(0));
        return rows;
    }
}
