using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using TumorRegistry.Infrastructure.Security;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Infrastructure;
using TumorRegistry.Standards.Xml;

namespace TumorRegistry.Integration.Tests.Exchange;

/// <summary>Exports over HTTP: queued as Hangfire jobs, polled, downloaded; who may ask and who may see.</summary>
// Waits for Hangfire jobs: in the non-parallel jobs collection, as the other job tests (a full parallel run starves the workers).
[Collection(nameof(TumorRegistry.Integration.Tests.FollowUp.HangfireJobTests))]
public sealed class NaaccrExportApiTests(RegistryApiFactory api) : IClassFixture<RegistryApiFactory>
{
    private static string Sample => Path.Combine(AppContext.BaseDirectory, "reference", "naaccr", "sample-v250-abstract-10.xml");
    private static readonly XNamespace Ns = NaaccrXmlReader.Namespace;

    [Fact]
    public async Task An_identified_export_is_queued_polled_and_downloaded_by_who_asked_only()
    {
        await EnsureSampleAsync();
        var manager = api.As("mgr.export", [RegistryRoles.Manager]);
        var queued = await manager.PostAsJsonAsync("/exports/naaccr", new { cohort = new { diagnosisYearFrom = 2021, diagnosisYearTo = 2023 }, version = "260" });
        Assert.True(queued.StatusCode == HttpStatusCode.Accepted, await queued.Content.ReadAsStringAsync());
        var status = await WaitAsync(manager, queued.Headers.Location!.ToString());
        Assert.Equal(("completed", 4), (status.GetProperty("status").GetString(), status.GetProperty("tumors").GetInt32()));

        var file = await manager.GetAsync(status.GetProperty("download").GetString());
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        var doc = XDocument.Parse(await file.Content.ReadAsStringAsync());
        Assert.Equal(4, doc.Descendants(Ns + "Tumor").Count());
        Assert.Contains(doc.Descendants(Ns + "Item"), i => (string?)i.Attribute("naaccrId") == "sexAssignedAtBirth");

        // Someone else, even a manager, does not see it; an epidemiologist may not export identified data.
        var other = api.As("mgr.other", [RegistryRoles.Manager]);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(queued.Headers.Location)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(status.GetProperty("download").GetString())).StatusCode);
        var epi = api.As("epi.export", [RegistryRoles.Epidemiologist]);
        Assert.Equal(HttpStatusCode.Forbidden, (await epi.PostAsJsonAsync("/exports/naaccr", new { })).StatusCode);
    }

    [Fact]
    public async Task The_statistics_roles_get_a_de_identified_extract_and_a_bad_request_names_its_field()
    {
        await EnsureSampleAsync();
        var epi = api.As("epi.extract", [RegistryRoles.Epidemiologist]);
        var queued = await epi.PostAsJsonAsync("/exports/deidentified", new { });
        Assert.True(queued.StatusCode == HttpStatusCode.Accepted, await queued.Content.ReadAsStringAsync());
        var status = await WaitAsync(epi, queued.Headers.Location!.ToString());
        Assert.True(status.GetProperty("deidentified").GetBoolean());
        var text = await epi.GetStringAsync(status.GetProperty("download").GetString());
        Assert.Contains("naaccrId=\"primarySite\"", text);
        foreach (var id in new[] { "nameLast", "socialSecurityNumber", "telephone", "patientIdNumber", "textRemarks" })
            Assert.DoesNotContain($"naaccrId=\"{id}\"", text);

        var bad = await epi.PostAsJsonAsync("/exports/deidentified", new { cohort = new { siteGroups = new[] { "No Such Site" } }, format = "pdf" });
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("siteGroup", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("format", out _));
    }

    private static readonly SemaphoreSlim Once = new(1, 1);
    private bool _loaded;

    private async Task EnsureSampleAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_loaded) return;
            var client = api.As("ctr.loader", [RegistryRoles.Registrar]);
            var response = await client.PostAsync("/imports/naaccr-xml", new StringContent(await File.ReadAllTextAsync(Sample), Encoding.UTF8, "application/xml"));
            var status = await WaitAsync(client, response.Headers.Location!.ToString());
            Assert.Contains(status.GetProperty("status").GetString(), new[] { "completed", "already_imported" });
            _loaded = true;
        }
        finally { Once.Release(); }
    }

    private static async Task<JsonElement> WaitAsync(HttpClient client, string url)
    {
        for (var i = 0; i < 1800; i++)
        {
            var s = await client.GetFromJsonAsync<JsonElement>(url);
            if (s.GetProperty("status").GetString() is not ("queued" or "running")) return s;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{url} did not finish in 180 s (jobs wait for a free Hangfire worker under a full run).");
    }
}
