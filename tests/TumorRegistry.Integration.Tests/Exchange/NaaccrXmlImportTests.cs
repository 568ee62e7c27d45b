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

/// <summary>The upload over HTTP (a Hangfire job and its pollable batch record) and the command line.</summary>
// Waits for Hangfire jobs: in the non-parallel jobs collection, as the other job tests (a full parallel run starves the workers).
[Collection(nameof(TumorRegistry.Integration.Tests.FollowUp.HangfireJobTests))]
public sealed class NaaccrXmlImportTests(RegistryApiFactory api) : IClassFixture<RegistryApiFactory>
{
    private static string Sample => Path.Combine(AppContext.BaseDirectory, "reference", "naaccr", "sample-v250-abstract-10.xml");

    [Fact]
    public async Task An_upload_runs_as_a_background_job_and_loads_patients_and_cases_with_every_item_kept()
    {
        var before = await CountAsync("select count(*) from case_summary");
        var report = await UploadAndWait(await File.ReadAllTextAsync(Sample));

        Assert.Equal("completed", report.GetProperty("status").GetString());
        Assert.Equal(8, report.GetProperty("patientsCreated").GetInt32());
        Assert.Equal(10, report.GetProperty("tumorsCreated").GetInt32());
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

        // Sent again: recognised by its hash, nothing applied.
        var again = await UploadAndWait(await File.ReadAllTextAsync(Sample));
        Assert.Equal("already_imported", again.GetProperty("status").GetString());
        Assert.Equal(before + 10, await CountAsync("select count(*) from case_summary"));
    }

    [Fact]
    public async Task A_refused_record_is_named_with_its_line_and_item_and_nothing_of_it_is_stored()
    {
        var xml = XDocument.Parse(Renumbered("91"), LoadOptions.SetLineInfo);
        var ns = xml.Root!.Name.Namespace;
        // Patient record 3 carries a tumor item at patient level: that record is refused, the others load.
        xml.Root.Elements(ns + "Patient").ElementAt(2).AddFirst(new XElement(ns + "Item", new XAttribute("naaccrId", "primarySite"), "C509"));
        var report = await UploadAndWait(xml.ToString());

        Assert.Equal("completed", report.GetProperty("status").GetString());
        Assert.Equal((7, 1), (report.GetProperty("patientsCreated").GetInt32(), report.GetProperty("recordsRefused").GetInt32()));
        var problem = report.GetProperty("problems").EnumerateArray().Single();
        Assert.Equal((3, "primarySite"), (problem.GetProperty("patient").GetInt32(), problem.GetProperty("item").GetString()));
        Assert.True(problem.GetProperty("line").GetInt32() > 1);
        Assert.Equal(0L, await CountAsync("select count(*) from patients where patient_id_number = '91000003'"));
        Assert.Equal(1L, await CountAsync("select count(*) from patients where patient_id_number = '91000004'"));
    }

    [Fact]
    public async Task A_malformed_file_is_refused_with_its_line_and_an_anonymous_import_is_unauthorized()
    {
        var broken = Renumbered("92").Replace("</Tumor>", "</Tumr>", StringComparison.Ordinal);
        var report = await UploadAndWait(broken);
        Assert.Equal("refused", report.GetProperty("status").GetString());
        Assert.Contains("line", report.GetProperty("problems")[0].GetProperty("message").GetString());

        var anonymous = await api.Registrar(null).PostAsync("/imports/naaccr-xml", new StringContent(broken, Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_command_line_imports_a_file_with_its_batch_report_and_refuses_a_missing_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"naaccr-cli-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(file, Renumbered("93"));
        try
        {
            var run = await CliRunner.RunAsync($"import \"{file}\" --user ctr.batch --source hospital-A", api.ConnectionString);
            Assert.True(run.ExitCode == 0, run.Output + run.Error);
            Assert.Contains("8 patients and 10 tumors", run.Output);
            Assert.Contains("tumors: 10 new, 0 matched", run.Output);

            var again = await CliRunner.RunAsync($"import \"{file}\" --user ctr.batch", api.ConnectionString);
            Assert.Contains("the same file was imported as batch", again.Output);
        }
        finally { File.Delete(file); }

        var missing = await CliRunner.RunAsync("import-naaccr --file /no/such/file.xml --user ctr.batch", api.ConnectionString);
        Assert.Equal(2, missing.ExitCode);
    }

    [Fact]
    public async Task The_command_line_exports_a_cohort_and_refuses_an_unknown_site_group()
    {
        var file = Path.Combine(Path.GetTempPath(), $"naaccr-cli-{Guid.NewGuid():N}.xml");
        var csv = Path.ChangeExtension(file, ".csv.gz");
        await File.WriteAllTextAsync(file, Renumbered("94"));
        try
        {
            Assert.Equal(0, (await CliRunner.RunAsync($"import \"{file}\" --user ctr.batch", api.ConnectionString)).ExitCode);
            var run = await CliRunner.RunAsync($"export --out \"{csv}\" --dx-year-from 2024 --csv primarySite dateOfDiagnosis", api.ConnectionString);
            Assert.True(run.ExitCode == 0, run.Output + run.Error);
            using var gz = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(csv), System.IO.Compression.CompressionMode.Decompress));
            var rows = (await gz.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("primarySite,dateOfDiagnosis", rows[0]);
            Assert.True(rows.Length > 1 && rows.Skip(1).All(r => r.Split(',')[1].StartsWith("2024", StringComparison.Ordinal)), string.Join("|", rows));

            var bad = await CliRunner.RunAsync($"export --out \"{csv}\" --site \"No Such Site\"", api.ConnectionString);
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("siteGroup", bad.Error);
        }
        finally { File.Delete(file); File.Delete(csv); }
    }

    private Task<JsonElement> UploadAndWait(string xml) =>
        NaaccrUploads.UploadAndWaitAsync(api.Registrar("ctr.import"), "source=sample&fileName=sample.xml", xml);

    /// <summary>The sample with Patient ID Numbers of its own (prefix + 6 digits), so each test's patients are new.</summary>
    private static string Renumbered(string prefix)
    {
        var xml = File.ReadAllText(Sample);
        for (var i = 1; i <= 8; i++) xml = xml.Replace($">0000000{i}<", $">{prefix}00000{i}<");
        return xml;
    }

    private async Task<long> CountAsync(string sql) => await ScalarAsync<long>(sql);

    private async Task<T> ScalarAsync<T>(string sql)
    {
        _ = api.Server; // the host (and its migrations) must be up before the database is read
        await using var ds = NpgsqlDataSource.Create(api.ConnectionString);
        await using var cmd = ds.CreateCommand(sql);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
