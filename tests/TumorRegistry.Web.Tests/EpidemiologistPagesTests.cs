using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TumorRegistry.Web.Tests.Infrastructure;

namespace TumorRegistry.Web.Tests;

/// <summary>An epidemiologist builds a cohort with strata and a county table; no page they can open carries patient data.</summary>
[Collection(WebCollection.Name)]
public sealed class EpidemiologistPagesTests(WebApp app)
{
    [Fact]
    public async Task An_epidemiologist_produces_a_survival_plot_and_a_county_table_and_no_page_shows_patient_data()
    {
        await using var context = await app.ContextAsync(Person.Epidemiologist);
        var page = await context.NewPageAsync();
        var html = new List<(string Url, string Html)>();
        async Task Keep() => html.Add((page.Url, await page.ContentAsync()));

        await page.GotoAsync("/");
        await page.InspectAsync("epidemiologist-home");
        await Keep();
        await page.GotoAsync("/epi/survival");
        await page.SetAllAsync(("stratify", "stage"), ("cutoff", "2024-12-31"));
        await page.ClickAndWaitAsync("#run-survival");
        Assert.True(await page.Locator("#survival-plot svg path.curve").CountAsync() >= 2, "one curve per stage");
        Assert.True(await page.Locator("#survival-table tbody tr").CountAsync() > 5);
        await page.InspectAsync("epidemiologist-survival");
        await Keep();
        var csv = await context.APIRequest.GetAsync(await page.GetAttributeAsync("#survival-csv", "href") ?? "");
        Assert.Equal(200, csv.Status);
        Assert.StartsWith("text/csv", csv.Headers["content-type"]);

        await page.SetAsync("stage", "x");
        var refused = await page.ClickAndWaitAsync("#run-survival");
        Assert.Equal(400, refused.Status);
        Assert.NotEmpty(await page.InnerTextAsync("#stage-msg"));

        await page.GotoAsync("/epi/incidence");
        Assert.Equal("NM", await page.InputValueAsync("#state"));
        await page.ClickAndWaitAsync("#run-incidence");
        var table = await page.InnerTextAsync("table.incidence");
        Assert.Contains("New Mexico", table);
        Assert.Contains("County", table); // county names, not only FIPS codes
        Assert.True(await page.Locator("table.incidence tbody tr").CountAsync() >= 9, "the state and its eight counties");
        Assert.Contains("suppressed", await page.InnerTextAsync("#suppression-note"));
        Assert.True(await page.Locator("#county-map svg path").CountAsync() >= 8, "the county map");
        await page.InspectAsync("epidemiologist-incidence");
        await Keep();
        var countyCsv = await context.APIRequest.GetAsync(await page.GetAttributeAsync("#incidence-csv", "href") ?? "");
        Assert.Equal(200, countyCsv.Status);
        Assert.Contains("New Mexico", await countyCsv.TextAsync());

        // Every identifier of the registry's patients and cases is absent from what the epidemiologist's pages sent.
        var identifiers = await IdentifiersAsync();
        Assert.True(identifiers.Count > 1000);
        foreach (var (url, text) in html)
            foreach (var value in identifiers)
                Assert.False(text.Contains(value, StringComparison.OrdinalIgnoreCase), $"{url} shows {value}");
    }

    private async Task<List<string>> IdentifiersAsync()
    {
        await using var db = NpgsqlDataSource.Create(app.Services.GetRequiredService<TumorRegistry.Infrastructure.Postgres.RegistryDatabase>().ConnectionString);
        var values = new List<string>();
        await using var cmd = db.CreateCommand("""
            select p.patient_id::text, c.case_id::text, p.patient_id_number, p.date_of_birth, c.items->>'accessionNumberHosp'
            from patients p join case_summary c on c.patient_id = p.patient_id
            """);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            for (var i = 0; i < r.FieldCount; i++)
                if (!r.IsDBNull(i) && r.GetString(i).Length >= 6) values.Add(r.GetString(i));
        return values.Distinct().ToList();
    }
}
