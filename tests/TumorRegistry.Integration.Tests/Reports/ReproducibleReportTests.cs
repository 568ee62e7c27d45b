using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Reports;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Infrastructure;
using TumorRegistry.Integration.Tests.Survival;
using TumorRegistry.Survival.Timing;

namespace TumorRegistry.Integration.Tests.Reports;

/// <summary>
/// Reports state the registry state they were computed at and can be recomputed as of it: a report made, more cases
/// added, then recomputed with asOfSequence gives the first report's figures; the default cutoff is the data's end of follow-up.
/// </summary>
public sealed class ReproducibleReportTests : IAsyncLifetime
{
    readonly RegistryApiFactory _api = new();
    HttpClient _client = null!;
    readonly IReadOnlyList<TestCase> _cases = RegistryCohort.Build();

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_api).InitializeAsync();
        _client = _api.CreateClient();
        await RegistryCohort.WriteAsync(_api.ConnectionString, _cases);
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)_api).DisposeAsync();

    async Task<(JsonObject Body, HttpResponseMessage Response)> GetAsync(string url)
    {
        var response = await _client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
        return (JsonNode.Parse(text)!.AsObject(), response);
    }

    static string Figures(JsonObject report) => report["curves"]!.ToJsonString() + report["logRank"]?.ToJsonString() + report["exclusions"]?.ToJsonString();

    [Fact]
    public async Task A_report_recomputed_as_of_its_sequence_after_more_cases_gives_identical_figures()
    {
        const string url = "/survival/observed?site=30&stratify=stage&cutoff=2024-12-31";
        var (first, response) = await GetAsync(url);
        var provenance = first["provenance"]!.AsObject();
        long sequence = provenance["registrySequence"]!.GetValue<long>();
        Assert.True(sequence > 0);
        Assert.Equal(sequence.ToString(), response.Headers.GetValues("X-Registry-Sequence").Single());
        Assert.StartsWith("TumorRegistry ", provenance["software"]!.GetValue<string>());
        Assert.Contains("Kaplan-Meier", provenance["methods"]!.GetValue<string>());

        // More lung cases, and a correction to one already there: the live report changes.
        var more = Enumerable.Range(0, 6).Select(i => _cases[0] with
        {
            CaseId = Guid.NewGuid(), PatientId = Guid.NewGuid(), Stage = i % 2 == 0 ? "1" : "7", DateOfDiagnosis = $"20{16 + i}0301",
            VitalStatus = "0", DateOfLastContact = $"20{17 + i}0615", DuplicateOf = null,
        }).ToList();
        await RegistryCohort.WriteAsync(_api.ConnectionString, more);
        var (now, _) = await GetAsync(url);
        Assert.NotEqual(Figures(first), Figures(now));
        Assert.True(now["provenance"]!["registrySequence"]!.GetValue<long>() > sequence);

        var (again, againResponse) = await GetAsync(url + $"&asOfSequence={sequence}");
        Assert.Equal(Figures(first), Figures(again));
        Assert.Equal(first["cohort"]!.ToJsonString(), again["cohort"]!.ToJsonString());
        Assert.True(again["provenance"]!["recomputedAsOf"]!.GetValue<bool>());
        Assert.Equal(sequence.ToString(), againResponse.Headers.GetValues("X-Registry-Sequence").Single());

        // As of a time: the sequence of the last event recorded by then, so the same figures once more.
        await using var db = NpgsqlDataSource.Create(_api.ConnectionString);
        var at = new DateTimeOffset(DateTime.SpecifyKind((DateTime)(await db.ScalarAsync($"select timestamp from marten.mt_events where seq_id = {sequence}"))!, DateTimeKind.Utc));
        var (byTime, _) = await GetAsync(url + $"&asOf={Uri.EscapeDataString(at.ToString("O"))}");
        Assert.Equal(sequence, byTime["provenance"]!["registrySequence"]!.GetValue<long>());
        Assert.Equal(Figures(first), Figures(byTime));
    }

    [Fact]
    public async Task The_registry_replayed_to_its_last_event_equals_the_live_read_models()
    {
        await using var db = NpgsqlDataSource.Create(_api.ConnectionString);
        await using var marten = RegistryStore.Create(_api.ConnectionString);
        var live = await db.ReadModelsSnapshotAsync();
        var sequence = (long)(await db.ScalarAsync("select max(seq_id) from marten.mt_events"))!;
        await using var scope = await new RegistrySnapshot(db, new RegistryEvents(marten)).OpenAsync(sequence);
        await using var cmd = scope.Command(new NpgsqlCommand("""
            select (select string_agg(t::text, E'\n' order by t.case_id) from case_summary t)
                || E'\n--\n' || (select string_agg(p::text, E'\n' order by p.patient_id) from patients p)
            """));
        Assert.Equal(live, (string)(await cmd.ExecuteScalarAsync())!);
        Assert.True(scope.Replayed);
    }

    [Fact]
    public async Task Without_a_cutoff_the_report_ends_at_the_last_follow_up_in_its_cases_not_by_the_clock()
    {
        var (report, response) = await GetAsync("/survival/observed?site=20");
        var last = _cases.Where(c => c.Recode == "20" && c.DuplicateOf is null)
            .Select(c => PartialDate.Parse(c.DateOfLastContact)).Where(d => d.IsComplete).Max(d => d.Earliest!.Value);
        Assert.Equal(last.ToString("yyyy-MM-dd"), report["provenance"]!["cutoff"]!.GetValue<string>());
        Assert.Equal("end of follow-up in the data", report["provenance"]!["cutoffSource"]!.GetValue<string>());
        Assert.Equal(last.ToString("yyyy-MM-dd"), report["cohort"]!["cutoff"]!.GetValue<string>());
        Assert.StartsWith(last.ToString("yyyy-MM-dd"), response.Headers.GetValues("X-Report-Cutoff").Single());
    }
}
