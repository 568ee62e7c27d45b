using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TumorRegistry.Infrastructure.Exchange;
using TumorRegistry.Infrastructure.Security;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Cases;
using TumorRegistry.Integration.Tests.Infrastructure;
using TumorRegistry.Standards.Xml;

namespace TumorRegistry.Integration.Tests.Exchange;

/// <summary>
/// User-defined dictionaries kept by the registry (POST/GET /naaccr/dictionaries) and resolved by imports over HTTP
/// and on the command line; the root items an imported file carries, kept on its batch.
/// </summary>
[Collection(nameof(TumorRegistry.Integration.Tests.FollowUp.HangfireJobTests))]
public sealed class NaaccrUserDictionaryTests(RegistryApiFactory api) : IClassFixture<RegistryApiFactory>
{
    private static string Sample => Path.Combine(AppContext.BaseDirectory, "reference", "naaccr", "sample-v250-abstract-10.xml");

    /// <summary>A state's dictionary: a patient item, a tumor item and a file-level item, their naaccrIds starting
    /// with <paramref name="ids"/> (kept dictionaries may not share items, and the tests share one registry).</summary>
    private static string Dictionary(string uri, int firstNum, string ids = "state") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <NaaccrDictionary xmlns="http://naaccr.org/naaccrxml" dictionaryUri="{uri}" specificationVersion="1.8" description="State items">
          <ItemDefs>
            <ItemDef naaccrId="{ids}PreferredLanguage" naaccrNum="{firstNum}" naaccrName="State Preferred Language" length="2"
                     parentXmlElement="Patient" dataType="alpha" recordTypes="A,M,C,I"/>
            <ItemDef naaccrId="{ids}TrialEnrolled" naaccrNum="{firstNum + 1}" naaccrName="State Trial Enrolled" length="1"
                     parentXmlElement="Tumor" dataType="digits" recordTypes="A,M,C,I"/>
            <ItemDef naaccrId="{ids}SubmissionBatch" naaccrNum="{firstNum + 2}" naaccrName="State Submission Batch" length="8"
                     parentXmlElement="NaaccrData"/>
          </ItemDefs>
        </NaaccrDictionary>
        """;

    [Fact]
    public async Task A_kept_dictionary_lets_a_strict_upload_carry_its_items_which_are_stored_and_exported_back()
    {
        const string uri = "http://registry.example/naaccr/state-items-1.xml";
        var manager = api.As("mgr.dict", [RegistryRoles.Manager]);
        var created = await manager.PostAsync("/naaccr/dictionaries", Xml(Dictionary(uri, 9510)));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        // The same URI again replaces it (its own items are no clash).
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsync("/naaccr/dictionaries", Xml(Dictionary(uri, 9510)))).StatusCode);
        var listed = await manager.GetFromJsonAsync<JsonElement>("/naaccr/dictionaries");
        var entry = listed.EnumerateArray().Single(d => d.GetProperty("dictionaryUri").GetString() == uri);
        Assert.Equal(3, entry.GetProperty("items").GetInt32());
        // A registrar imports with the dictionaries but does not decide them.
        var registrar = await api.As("ctr.dict", [RegistryRoles.Registrar]).PostAsync("/naaccr/dictionaries", Xml(Dictionary(uri, 9510)));
        Assert.Equal(HttpStatusCode.Forbidden, registrar.StatusCode);

        var report = await UploadAndWait(WithUserItems("95", uri));
        Assert.True(report.GetProperty("status").GetString() == "completed", report.ToString());
        Assert.Equal((8, 0, 0), (report.GetProperty("patientsCreated").GetInt32(), report.GetProperty("recordsRefused").GetInt32(),
            report.GetProperty("warnings").GetInt32()));
        var roots = report.GetProperty("rootItems");
        Assert.Equal(("0000003500", "Q3-2025A"), (roots.GetProperty("registryId").GetString(), roots.GetProperty("stateSubmissionBatch").GetString()));

        Assert.Equal("EN", await ScalarAsync<string>("select items ->> 'statePreferredLanguage' from patients where patient_id_number = '95000001'"));
        var caseId = await ScalarAsync<Guid>("""
            select c.case_id from case_summary c join patients p using (patient_id)
            where p.patient_id_number = '95000001' and c.items ->> 'stateTrialEnrolled' = '1'
            """);

        using var output = new MemoryStream();
        await api.Services.GetRequiredService<NaaccrExporter>().ExportAsync(new NaaccrExportRequest(NaaccrCohort.All with { CaseIds = [caseId] }), output);
        var kept = await api.Services.GetRequiredService<NaaccrUserDictionaryStore>().LoadAllAsync();
        using var reader = new NaaccrXmlReader(new MemoryStream(output.ToArray()), NaaccrReadOptions.Strict with { UserDictionaries = kept });
        Assert.Contains(uri, reader.Header.UserDictionaryUri!.Split(' '));
        var patient = reader.Patients().Single();
        Assert.Empty(reader.FileProblems);
        Assert.Empty(patient.Problems);
        Assert.Equal("EN", patient["statePreferredLanguage"]);
        Assert.Equal("1", patient.Tumors.Single()["stateTrialEnrolled"]);

        // Left out on request, for a receiver that does not have the dictionary.
        using var plain = new MemoryStream();
        await api.Services.GetRequiredService<NaaccrExporter>().ExportAsync(
            new NaaccrExportRequest(NaaccrCohort.All with { CaseIds = [caseId] }) { UserItems = false }, plain);
        var text = Encoding.UTF8.GetString(plain.ToArray());
        Assert.DoesNotContain("statePreferredLanguage", text);
        Assert.DoesNotContain("userDictionaryUri", text);

        // A CSV export takes the kept dictionary's items as columns too, but the de-identified extract does not.
        var exporter = api.Services.GetRequiredService<NaaccrExporter>();
        var csvRequest = new NaaccrExportRequest(NaaccrCohort.All with { CaseIds = [caseId] })
        {
            Format = NaaccrExportFormat.Csv, CsvItems = ["patientIdNumber", "statePreferredLanguage", "stateTrialEnrolled"],
        };
        using var csv = new MemoryStream();
        await exporter.ExportAsync(csvRequest, csv);
        Assert.Equal(["patientIdNumber,statePreferredLanguage,stateTrialEnrolled", "95000001,EN,1"],
            Encoding.UTF8.GetString(csv.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var refused = await exporter.ValidateAsync(csvRequest with { Deidentified = true, CsvItems = ["primarySite", "stateTrialEnrolled"] });
        Assert.Contains("stateTrialEnrolled", Assert.Single(refused["items"]));
        Assert.DoesNotContain("primarySite", Assert.Single(refused["items"]));
    }

    [Fact]
    public async Task A_bad_dictionary_is_refused_naming_each_item_at_fault_and_is_not_kept()
    {
        const string uri = "http://registry.example/naaccr/bad-items.xml";
        var bad = Dictionary(uri, 9530, "bad")
            .Replace("naaccrId=\"badTrialEnrolled\"", "naaccrId=\"primarySite\"", StringComparison.Ordinal)   // a base item's id
            .Replace(" length=\"8\"", "", StringComparison.Ordinal);                                           // no length
        var response = await api.As("mgr.dict", [RegistryRoles.Manager]).PostAsync("/naaccr/dictionaries", Xml(bad));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Contains("Primary Site [400]", errors.GetProperty("primarySite")[0].GetString());
        Assert.Contains("length is missing", errors.GetProperty("badSubmissionBatch")[0].GetString());
        Assert.False(errors.TryGetProperty("badPreferredLanguage", out _));

        var notXml = await api.As("mgr.dict", [RegistryRoles.Manager]).PostAsync("/naaccr/dictionaries", Xml("<NaaccrDictionary"));
        Assert.Equal(HttpStatusCode.BadRequest, notXml.StatusCode);

        var listed = await api.As("mgr.dict", [RegistryRoles.Manager]).GetFromJsonAsync<JsonElement>("/naaccr/dictionaries");
        Assert.DoesNotContain(listed.EnumerateArray(), d => d.GetProperty("dictionaryUri").GetString() == uri);
    }

    [Fact]
    public async Task A_file_naming_a_dictionary_the_registry_does_not_keep_is_refused_naming_its_uri()
    {
        const string uri = "http://registry.example/naaccr/never-uploaded.xml";
        var report = await UploadAndWait(WithUserItems("96", uri, "none"));
        Assert.Equal("refused", report.GetProperty("status").GetString());
        var problem = report.GetProperty("problems").EnumerateArray().First(p => p.GetProperty("item").GetString() == "userDictionaryUri");
        Assert.Contains(uri, problem.GetProperty("message").GetString());
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from patients where patient_id_number like '96%'"));
    }

    [Fact]
    public async Task The_command_line_resolves_kept_dictionaries_and_still_takes_a_dictionary_file()
    {
        const string kept = "http://registry.example/naaccr/state-items-cli.xml";
        Assert.Equal(HttpStatusCode.Created,
            (await api.As("mgr.dict", [RegistryRoles.Manager]).PostAsync("/naaccr/dictionaries", Xml(Dictionary(kept, 9540, "cli")))).StatusCode);
        var file = Path.Combine(Path.GetTempPath(), $"naaccr-dict-{Guid.NewGuid():N}.xml");
        var other = Path.ChangeExtension(file, ".dictionary.xml");
        try
        {
            await File.WriteAllTextAsync(file, WithUserItems("97", kept, "cli"));
            var run = await CliRunner.RunAsync($"import \"{file}\" --user ctr.batch", api.ConnectionString);
            Assert.True(run.ExitCode == 0, run.Output + run.Error);
            Assert.Contains("tumors: 10 new", run.Output);

            // A dictionary the registry does not keep, given as a file: as before.
            const string given = "http://registry.example/naaccr/hospital-items.xml";
            await File.WriteAllTextAsync(other, Dictionary(given, 9550, "hosp"));
            await File.WriteAllTextAsync(file, WithUserItems("98", given, "hosp"));
            var refused = await CliRunner.RunAsync($"import \"{file}\" --user ctr.batch", api.ConnectionString);
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains(given, refused.Output + refused.Error);
            var withFile = await CliRunner.RunAsync($"import \"{file}\" --user ctr.batch --user-dictionary \"{other}\" --again", api.ConnectionString);
            Assert.True(withFile.ExitCode == 0, withFile.Output + withFile.Error);
            Assert.Equal("1", await ScalarAsync<string>("""
                select c.items ->> 'hospTrialEnrolled' from case_summary c join patients p using (patient_id)
                where p.patient_id_number = '98000001' and c.items ? 'hospTrialEnrolled'
                """));

            // A dictionary file the reader refuses (here: a DTD) is named, and nothing is imported.
            await File.WriteAllTextAsync(other, Dictionary(given, 9550, "hosp")
                .Replace("encoding=\"UTF-8\"?>", "encoding=\"UTF-8\"?><!DOCTYPE NaaccrDictionary [<!ENTITY a \"b\">]>"));
            var broken = await CliRunner.RunAsync($"import \"{file}\" --user ctr.batch --user-dictionary \"{other}\" --again", api.ConnectionString);
            Assert.Equal(2, broken.ExitCode);
            Assert.Contains($"User dictionary {Path.GetFileName(other)} cannot be read", broken.Error);
        }
        finally { File.Delete(file); File.Delete(other); }
    }

    /// <summary>The sample renumbered (prefix + 6 digits), naming the dictionary, with root items and the user items on its first patient and tumor.</summary>
    private static string WithUserItems(string prefix, string uri, string ids = "state")
    {
        var xml = File.ReadAllText(Sample);
        for (var i = 1; i <= 8; i++) xml = xml.Replace($">0000000{i}<", $">{prefix}00000{i}<");
        xml = xml.Replace("specificationVersion=\"1.7\"", $"specificationVersion=\"1.7\" userDictionaryUri=\"{uri}\"", StringComparison.Ordinal);
        var first = xml.IndexOf("<Patient>", StringComparison.Ordinal);
        xml = xml.Insert(first, $"""
            <Item naaccrId="registryId">0000003500</Item>
                <Item naaccrId="{ids}SubmissionBatch">Q3-2025A</Item>
                
            """);
        var pid = $"<Item naaccrId=\"patientIdNumber\">{prefix}000001</Item>";
        xml = xml.Replace(pid, pid + $"<Item naaccrId=\"{ids}PreferredLanguage\">EN</Item>", StringComparison.Ordinal);
        var tumor = xml.IndexOf("<Tumor>", StringComparison.Ordinal) + "<Tumor>".Length;
        return xml.Insert(tumor, $"<Item naaccrId=\"{ids}TrialEnrolled\">1</Item>");
    }

    private static StringContent Xml(string xml) => new(xml, Encoding.UTF8, "application/xml");

    private Task<JsonElement> UploadAndWait(string xml) =>
        NaaccrUploads.UploadAndWaitAsync(api.Registrar("ctr.import"), "source=state&fileName=state.xml&mode=strict", xml);

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var conn = new NpgsqlConnection(api.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
