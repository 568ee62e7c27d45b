using System.Net;
using System.Net.Http.Json;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Cases;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Security;

/// <summary>The first admin, a key and the audit's two questions from the command line.</summary>
public sealed class SecurityCliTests(RegistryApiFactory api) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task The_first_admin_and_an_API_key_come_from_the_CLI_and_the_audit_answers_by_patient_and_by_user()
    {
        api.CreateClient().Dispose(); // the host migrates the database
        var added = await CliRunner.RunAsync("users add --name first.admin --role admin", api.ConnectionString);
        Assert.True(added.ExitCode == 0, added.Output + added.Error);
        var password = added.Output.Split('\n').Single(l => l.StartsWith("Password (shown once): ", StringComparison.Ordinal))[23..].Trim();
        var browser = api.Anonymous();
        await (await browser.PostAsJsonAsync("/auth/login", new { userName = "first.admin", password })).Expect(HttpStatusCode.NoContent);
        await browser.GetJson("/admin/users");

        var refused = await CliRunner.RunAsync("users add --name weak --role nobody", api.ConnectionString);
        Assert.Equal(2, refused.ExitCode);

        var key = await CliRunner.RunAsync($"keys add --owner nightly.upload --role registrar --facility {Principal.FacilityA} --days 5", api.ConnectionString);
        Assert.True(key.ExitCode == 0, key.Output + key.Error);
        var secret = key.Output.Split('\n').Single(l => l.StartsWith("trk_", StringComparison.Ordinal)).Trim();
        var machine = api.Anonymous();
        machine.DefaultRequestHeaders.Add("X-Api-Key", secret);
        var patientId = await machine.RegisterPatientAsync("00000971");
        await machine.GetJson($"/patients/{patientId}");

        var byPatient = await CliRunner.RunAsync($"audit patient {patientId}", api.ConnectionString);
        Assert.Contains("nightly.upload\tGET /patients/{patientId:guid}", byPatient.Output);
        var byUser = await CliRunner.RunAsync("audit user nightly.upload", api.ConnectionString);
        Assert.Contains("POST /patients/{patientId:guid}/demographics", byUser.Output);
        Assert.Contains("4 row(s).", byUser.Output);
    }
}
