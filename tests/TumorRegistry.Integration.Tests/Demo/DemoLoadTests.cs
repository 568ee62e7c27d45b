using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TumorRegistry.Api.Demo;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Synthetic;

namespace TumorRegistry.Integration.Tests.Demo;

public sealed class DemoLoadTests(RegistryApiFactory api) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task The_demo_loads_once_through_the_event_store_and_writes_its_reports()
    {
        var loader = api.Services.GetRequiredService<DemoLoader>();
        var reports = api.Services.GetRequiredService<DemoReports>();
        var options = new SyntheticOptions { Tumors = 800, DuplicateReportRate = 0 };

        Assert.True((await loader.LoadIfEmptyAsync(options)).Loaded);
        await reports.ImportDenominatorsAsync(options);
        // A later start asking for other years reuses the data and gets back the options it was made with.
        var again = await loader.LoadIfEmptyAsync(options with { LastYear = 2030, Seed = 1 });
        Assert.False(again.Loaded);
        Assert.Equal((options.Seed, options.LastYear, options.FollowUpThrough, options.Tumors), (again.Options.Seed, again.Options.LastYear, again.Options.FollowUpThrough, again.Options.Tumors));
        Assert.Equal(options.Facilities, again.Options.Facilities);

        // The read models were rebuilt from the events: every demo case is in the worklists' table.
        var client = api.CreateClient();
        var open = await client.GetFromJsonAsync<JsonElement>("/worklists?status=open");
        var completed = await client.GetFromJsonAsync<JsonElement>("/worklists?status=completed");
        var failing = await client.GetFromJsonAsync<JsonElement>("/worklists?status=failing_edits");
        Assert.Equal(options.Tumors, open.GetProperty("total").GetInt32() + completed.GetProperty("total").GetInt32() + failing.GetProperty("total").GetInt32());
        // The planted edit errors are on the worklist of failing cases.
        Assert.InRange(failing.GetProperty("total").GetInt32(), 1, options.Tumors * 3 / 100);
        Assert.True(completed.GetProperty("total").GetInt32() > options.Tumors * 85 / 100);

        var folder = Path.Combine(Path.GetTempPath(), "demo-reports-" + Guid.NewGuid().ToString("N")[..8]);
        var written = await reports.WriteAsync(folder, options);
        Assert.Equal(9, written.Count);
        var quality = await File.ReadAllTextAsync(Path.Combine(folder, "quality-2024.html"));
        Assert.Contains("<h1>Data quality indicators, diagnosis year 2024</h1>", quality);
        Assert.Contains("✘ fail", quality); // the made-up demo is far from complete against the illustrative rates
        var survival = await File.ReadAllTextAsync(Path.Combine(folder, "survival-by-stage.html"));
        Assert.Contains("<svg", survival);
        Assert.Contains("Distant", survival);
        var incidence = await File.ReadAllTextAsync(Path.Combine(folder, "incidence-by-county.csv"));
        Assert.Contains("35001", incidence);
    }
}
