using System.Net;
using System.Text;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Cases;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Security;

/// <summary>Control characters, body types and the response headers.</summary>
public sealed class HardeningTests(RegistryApiFactory api) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task A_NUL_or_other_control_character_is_refused_with_400_naming_the_item_and_never_its_value()
    {
        var client = api.Registrar("alice");
        var patientId = await client.RegisterPatientAsync("00000961");
        var response = await client.WriteAsync($"/patients/{patientId}/demographics", new { nameLast = "Quixote\0", nameFirst = "Al\u0007onso" }, 3);
        var problem = await response.Expect(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("nameLast", out _));
        Assert.True(errors.TryGetProperty("nameFirst", out _));
        Assert.DoesNotContain("Quixote", problem.ToString());
        Assert.DoesNotContain("onso", problem.ToString());
        var query = await (await client.GetAsync("/worklists?abstractor=al%00ice")).Expect(HttpStatusCode.BadRequest);
        Assert.True(query.GetProperty("errors").TryGetProperty("abstractor", out _));
        var patient = await client.GetJson($"/patients/{patientId}");
        Assert.Equal(3, patient.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Populations_life_tables_and_NAACCR_XML_refuse_text_plain_and_form_bodies()
    {
        var client = api.CreateClient();
        foreach (var (url, type) in new[]
        {
            ("/populations?format=csv&state=NM", "text/plain"), ("/populations?format=csv&state=NM", "application/x-www-form-urlencoded"),
            ("/survival/life-tables?name=x&replace=true", "text/plain"), ("/survival/life-tables?name=x", "multipart/form-data"),
            ("/imports/naaccr-xml", "text/plain"),
        })
        {
            var response = await client.PostAsync(url, new StringContent("age,year,sex,qx\n", Encoding.UTF8, type));
            Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{url} as {type}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Replacing_a_life_table_is_for_admins_only()
    {
        var epi = api.WithBearer(Principal.Epidemiologist.Token!);
        var table = "age,year,sex,qx\n" + string.Join("\n", Enumerable.Range(0, 101).Select(a => $"{a},2020,1,0.01")) + "\n";
        await (await epi.PostAsync("/survival/life-tables?name=us2020", new StringContent(table, Encoding.UTF8, "text/csv"))).Expect(HttpStatusCode.Created);
        await (await epi.PostAsync("/survival/life-tables?name=us2020&replace=true", new StringContent(table, Encoding.UTF8, "text/csv")))
            .Expect(HttpStatusCode.Forbidden);
        await (await api.WithBearer(Principal.Admin.Token!).PostAsync("/survival/life-tables?name=us2020&replace=true",
            new StringContent(table, Encoding.UTF8, "text/csv"))).Expect(HttpStatusCode.Created);
        await (await epi.PostAsync("/populations?format=csv&state=NM", new StringContent("x", Encoding.UTF8, "text/csv"))).Expect(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Responses_carry_the_security_headers_and_no_Server_header()
    {
        var letters = await api.CreateClient().GetAsync("/follow-up/letters");
        Assert.Equal(HttpStatusCode.OK, letters.StatusCode);
        Assert.Contains("frame-ancestors 'none'", letters.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", letters.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-store", letters.Headers.CacheControl?.ToString());
        Assert.False(letters.Headers.Contains("Server"));
        var health = await api.Anonymous().GetAsync("/health");
        Assert.Equal("nosniff", health.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
