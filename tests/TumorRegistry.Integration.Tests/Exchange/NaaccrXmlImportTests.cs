using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Npgsql;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Cases;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Exchange;

public sealed class NaaccrXmlImportTests(RegistryApiFactory api) : IClassFixture<RegistryApiFactory>
{
    private static string Sample => Path.Combine(AppContext.BaseDirectory, "reference", "naaccr", "sample-v250-abstract-10.xml");

    [Fact]
    public async Task A_NAACCR_XML_file_loads_as_patients_and_cases_with_every_item_kept()
    {
        var before = await CountAsync("select count(*) from case_summary");
        var response = await Post(await File.ReadAllTextAsync(Sample), "ctr.import");

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(8, body.GetProperty("patients").GetInt32());
        Assert.Equal(10, body.GetProperty("tumors").GetInt32());
        Assert.Equal(before + 10, await CountAsync("select count(*) from case_summary"));

        // Every item of the first tumor, typed or not, reads back through the case API.
        var first = XDocument.Load(Sample).Descendants().First(e => e.Name.LocalName == "Tumor");
        var expected = first.Elements().ToDictionary(e => e.Attribute("naaccrId")!.Value, e => e.Value);
        var caseId = await ScalarAsync<Guid>("""
            select c.case_id from case_summary c join patients p using (patient_id)
            where p.patient_id_number = '00000001' order by c.case_id limit 1
            """);
        var view = await api.CreateClient().GetFromJsonAsync<JsonElement>($"/cases/{caseId}");
        var tumorItems = view.GetProperty("tumorItems");
        foreach (var (id, value) in expected.Where(kv => kv.Value.Trim().Length > 0))
            Assert.True(tumorItems.TryGetProperty(id, out var got) && got.GetString() == value, $"item {id}: expected '{value}'");
        Assert.Equal("Smith", view.GetProperty("patientItems").GetProperty("nameLast").GetString());
    }

    [Fact]
    public async Task A_refused_record_is_named_with_its_item_and_nothing_from_the_file_is_stored()
    {
        var xml = XDocument.Load(Sample);
        var ns = xml.Root!.Name.Namespace;
        // Patient record 3 carries a tumor item at patient level: the file must not load at all.
        xml.Root.Elements(ns + "Patient").ElementAt(2).AddFirst(new XElement(ns + "Item", new XAttribute("naaccrId", "primarySite"), "C509"));
        var streams = await CountAsync("select count(*) from marten.mt_streams");

        var response = await Post(xml.ToString(), "ctr.import");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("patient[3].primarySite", out _), problem.ToString());
        Assert.Equal(streams, await CountAsync("select count(*) from marten.mt_streams"));
    }

    [Fact]
    public async Task A_malformed_file_is_refused_with_its_line_and_an_anonymous_import_is_forbidden()
    {
        var broken = (await File.ReadAllTextAsync(Sample)).Replace("</Tumor>", "</Tumr>", StringComparison.Ordinal);
        var response = await Post(broken, "ctr.import");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("line", await response.Content.ReadAsStringAsync());

        // Not signed in: refused before the body is read (401 since sign-in exists; it was 403 for a missing X-Registrar).
        var anonymous = await Post(await File.ReadAllTextAsync(Sample), null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_command_line_imports_a_file_and_reports_refusals()
    {
        var run = await CliRunner.RunAsync($"import-naaccr --file \"{Sample}\" --user ctr.batch", api.ConnectionString);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("10 tumors", run.Output);

        var missing = await CliRunner.RunAsync("import-naaccr --file /no/such/file.xml --user ctr.batch", api.ConnectionString);
        Assert.Equal(2, missing.ExitCode);
    }

    private Task<HttpResponseMessage> Post(string xml, string? user) =>
        api.Registrar(user).PostAsync("/imports/naaccr-xml?source=sample", new StringContent(xml, Encoding.UTF8, "application/xml"));

    private async Task<long> CountAsync(string sql) => await ScalarAsync<long>(sql);

    private async Task<T> ScalarAsync<T>(string sql)
    {
        _ = api.Server; // the host (and its migrations) must be up before the database is read
        await using var ds = NpgsqlDataSource.Create(api.ConnectionString);
        await using var cmd = ds.CreateCommand(sql);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
