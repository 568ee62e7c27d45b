using System.Net;
using Npgsql;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Cases;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Security;

/// <summary>Every look at a patient is in phi_audit, which neither the API nor the service's database role can change.</summary>
public sealed class PhiAuditTests(RegistryApiFactory api) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task Every_read_of_a_patient_through_the_API_appears_in_the_audit_with_who_what_and_outcome()
    {
        var alice = api.Registrar("alice");
        var patientId = await alice.RegisterPatientAsync("00000941");
        var (caseId, version) = await alice.OpenCaseAsync(patientId);
        await alice.AbstractAsync(caseId, version);
        var reader = api.Registrar("carol");
        for (var i = 0; i < 3; i++) await reader.GetJson($"/patients/{patientId}");
        await reader.GetJson($"/patients/{patientId}?asOf={DateTime.UtcNow:yyyy-MM-dd}");
        await reader.GetJson($"/cases/{caseId}");
        await reader.GetJson($"/cases/{caseId}/history");
        var read = await reader.GetAsync($"/patients/{patientId}");
        Assert.Equal("no-store", read.Headers.CacheControl?.ToString());

        var seen = (await api.CreateClient().GetJson($"/admin/audit/patients/{patientId}")).EnumerateArray().ToList();
        var carol = seen.Where(e => e.GetProperty("user").GetString() == "carol").ToList();
        Assert.Equal(5, carol.Count(e => e.GetProperty("action").GetString() == "GET /patients/{patientId:guid}"));
        Assert.Single(carol, e => e.GetProperty("action").GetString() == "GET /cases/{caseId:guid}/history");
        // A read that names the case only still names its patient (found from case_summary in the audit insert).
        Assert.Single(carol, e => e.GetProperty("action").GetString() == "GET /cases/{caseId:guid}" && e.GetProperty("patientId").GetGuid() == patientId);
        Assert.All(carol, e => Assert.Equal("200", e.GetProperty("outcome").GetString()));
        // Alice's writes are there too: registering (the id from Location), demographics, the case she opened.
        var alices = seen.Where(e => e.GetProperty("user").GetString() == "alice").Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("POST /patients", alices);
        Assert.Contains("POST /patients/{patientId:guid}/demographics", alices);
        Assert.Contains("POST /cases", alices);

        var opened = (await api.CreateClient().GetJson("/admin/audit/users/carol")).EnumerateArray().ToList();
        Assert.Equal(7, opened.Count);
        // Lists name each patient they showed: the worklist and the follow-up letters are in the patient's audit too.
        var dave = api.Registrar("dave");
        await dave.GetJson("/worklists?pageSize=500");
        Assert.Equal(HttpStatusCode.OK, (await dave.GetAsync($"/follow-up/letters?asOf={DateTime.UtcNow.AddYears(2):yyyy-MM-dd}")).StatusCode);
        var listed = (await api.CreateClient().GetJson($"/admin/audit/patients/{patientId}")).EnumerateArray()
            .Where(e => e.GetProperty("user").GetString() == "dave").ToList();
        Assert.Contains(listed, e => e.GetProperty("action").GetString() == "GET /worklists" && e.GetProperty("caseId").GetGuid() == caseId
            && e.GetProperty("detail").GetString()!.StartsWith("listed", StringComparison.Ordinal));
        Assert.Contains(listed, e => e.GetProperty("action").GetString() == "GET /follow-up/letters");

        // An epidemiologist's attempt is refused and recorded.
        await (await api.WithBearer(Principal.Epidemiologist.Token!).GetAsync($"/patients/{patientId}")).Expect(HttpStatusCode.Forbidden);
        Assert.Contains((await api.CreateClient().GetJson($"/admin/audit/users/{Principal.Epidemiologist.Name}")).EnumerateArray(),
            e => e.GetProperty("outcome").GetString() == "403");
    }

    [Fact]
    public async Task No_API_call_and_not_the_services_database_role_can_change_or_delete_an_audit_row()
    {
        var alice = api.Registrar("alice");
        var patientId = await alice.RegisterPatientAsync("00000942");
        var admin = api.CreateClient();
        foreach (var method in new[] { HttpMethod.Delete, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Post })
        {
            var response = await admin.SendAsync(new HttpRequestMessage(method, $"/admin/audit/patients/{patientId}")
                { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") });
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        }

        // The service's own connection (the role it runs as) is refused UPDATE, DELETE and TRUNCATE by the table's triggers.
        await using var db = NpgsqlDataSource.Create(api.ConnectionString);
        var count = await Scalar(db, "select count(*) from phi_audit");
        Assert.True(count > 0);
        foreach (var sql in new[] { "update phi_audit set user_name = 'nobody'", "delete from phi_audit", "truncate phi_audit" })
        {
            var e = await Assert.ThrowsAsync<PostgresException>(() => Scalar(db, sql));
            Assert.Contains("append-only", e.MessageText);
        }
        Assert.Equal(count, await Scalar(db, "select count(*) from phi_audit"));
        Assert.Equal(0, await Scalar(db, "select count(*) from phi_audit where user_name = 'nobody'"));
    }

    private static async Task<long> Scalar(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
