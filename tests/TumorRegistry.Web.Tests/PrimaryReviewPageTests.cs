using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TumorRegistry.Domain.Primaries;
using TumorRegistry.Infrastructure.Primaries;
using TumorRegistry.Web.Tests.Infrastructure;

namespace TumorRegistry.Web.Tests;

/// <summary>A registrar works the multiple primary review at the screen: the questionable tumor, its rule, and a decision.</summary>
[Collection(WebCollection.Name)]
public sealed class PrimaryReviewPageTests(WebApp app)
{
    [Fact]
    public async Task A_registrar_resolves_a_questionable_tumor_as_the_same_primary_as_a_case()
    {
        // A demo patient's breast case, and an incoming breast tumor of unknown side: questionable by Breast M4.
        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        await using var cmd = db.CreateCommand($"""
            select patient_id, case_id from case_summary where reporting_facility = '{Person.Facility}' and primary_site like 'C50%'
              and laterality in ('1', '2') and status <> 'duplicate' order by case_id limit 1
            """);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync(), "the demo registry has a breast case");
        var (patientId, caseId) = (r.GetGuid(0), r.GetGuid(1));
        var rules = app.Services.GetRequiredService<MultiplePrimaryRules>();
        var store = app.Services.GetRequiredService<PrimaryReviewStore>();
        var existing = (await store.TumorsOfAsync(patientId, default)).Select(t => TumorFacts.FromItems(t.Items, t.CaseId.ToString()).Facts!).ToList();
        var incoming = new Dictionary<string, string>
        {
            ["primarySite"] = "C509", ["histologicTypeIcdO3"] = "8500", ["behaviorCodeIcdO3"] = "3", ["laterality"] = "9", ["dateOfDiagnosis"] = "2024",
        };
        var decision = rules.Decide(existing, TumorFacts.FromItems(incoming.ToDictionary(k => k.Key, k => (string?)k.Value)).Facts!);
        Assert.Equal(PrimaryOutcome.Questionable, decision.Outcome);
        var reviewId = await store.QuestionAsync(patientId, incoming, decision, "casefinding", default);
        var rid = reviewId.ToString("N")[..8];

        await using var context = await app.ContextAsync(Person.Registrar);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.NavigatingAsync(() => page.ClickAsync("nav a[href='/registrar/primaries']"));
        await page.InspectAsync("registrar-primaries");
        Assert.Contains("open", await page.InnerTextAsync("#review-counts"));
        var row = page.Locator("#review tbody tr", new() { Has = page.Locator($"#decision-{rid}") });
        Assert.Contains("C509 8500/3", await row.InnerTextAsync());
        Assert.Contains(decision.RuleId, await row.InnerTextAsync());

        await page.SelectOptionAsync($"#decision-{rid}", $"same:{caseId}");
        await page.FillAsync($"#reason-{rid}", "pathology report names the breast of the stored case");
        await page.NavigatingAsync(() => row.Locator("button").ClickAsync());
        Assert.EndsWith("/registrar/primaries?resolved=1", page.Url);
        Assert.NotEmpty(await page.InnerTextAsync("#resolved"));
        Assert.Equal(0, await page.Locator($"#decision-{rid}").CountAsync());

        var resolved = await store.GetAsync(reviewId, default);
        Assert.Equal(("same", caseId, Person.Registrar.UserName), (resolved!.Decision, resolved.SameAsCaseId, resolved.ResolvedBy));
    }

    [Fact]
    public async Task An_epidemiologist_is_refused_the_review_page()
    {
        await using var context = await app.ContextAsync(Person.Epidemiologist);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("/registrar/primaries");
        Assert.Equal(403, response!.Status);
    }
}
