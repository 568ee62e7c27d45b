using System.Net;
using System.Text.Json;
using TumorRegistry.Survival;
using TumorRegistry.Survival.CauseSpecific;
using TumorRegistry.Survival.Estimation;
using TumorRegistry.Survival.Timing;
using static TumorRegistry.Integration.Tests.Survival.SurvivalAssert;

namespace TumorRegistry.Integration.Tests.Survival;

/// <summary>
/// Survival endpoints on a real database fed through the case projections: every number must equal the survival
/// library's on the same cases built here, and filters must pick exactly the cases the test selects itself.
/// </summary>
public sealed class SurvivalReportApiTests(SurvivalApiFixture fx) : IClassFixture<SurvivalApiFixture>
{
    static readonly SurvivalTimeRules Rules = new(RegistryCohort.Cutoff);
    const string Cutoff = "cutoff=2024-12-31";

    // Stage labels as the code list names them (the report's group labels).
    static readonly Dictionary<string, string> StageLabel = new()
    {
        ["1"] = "1 Localized", ["3"] = "3 Regional, regional lymph nodes only", ["7"] = "7 Distant", ["9"] = "9 Unstaged",
    };

    IEnumerable<TestCase> Live => fx.Cases.Where(c => c.DuplicateOf is null);

    async Task<JsonElement> GetJsonAsync(string url)
    {
        var response = await fx.Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Observed_lung_survival_equals_the_library_on_the_same_cases_and_reports_the_DCO_case()
    {
        var report = await GetJsonAsync($"/survival/observed?site=30&{Cutoff}");

        var lung = Live.Where(c => c.Recode == "30").ToList();
        var expected = RegistrySurvival.Observed(lung.Select(c => c.ToSurvivalCase()), Rules, new() { Title = "Observed survival" });
        SameCurves(expected, report);
        Assert.Equal(lung.Count, report.GetProperty("cohort").GetProperty("casesRead").GetInt32());
        Assert.Equal(1, Exclusions(report)["DeathCertificateOnly"]);
        Assert.Equal(lung.Count - 1, report.GetProperty("curves")[0].GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task Two_cases_either_side_of_a_birthday_give_the_Kaplan_Meier_worked_by_hand()
    {
        // Both lung, diagnosed 2020-08-10, aged 64 and 65 only by their dates of birth. One dies 2022-01-01
        // (509 days, 16 SEER months), one is alive 2023-10-01 (1,147 days, 37 months): S = 1/2 from month 16 on.
        var report = await GetJsonAsync($"/survival/observed?site=30&age=64-65&{Cutoff}");

        var rows = report.GetProperty("curves")[0].GetProperty("table").EnumerateArray().ToList();
        Assert.Equal([16.0, 37.0], rows.Select(r => r.GetProperty("time").GetDouble()));
        Assert.Equal([2, 1], rows.Select(r => r.GetProperty("nRisk").GetInt32()));
        Assert.Equal([1, 0], rows.Select(r => r.GetProperty("nEvent").GetInt32()));
        Assert.Equal([0.5, 0.5], rows.Select(r => r.GetProperty("survival").GetDouble()));
        // Greenwood: se(log S) = sqrt(1/(2·1)); log limits exp(log 0.5 ± 1.96·0.7071), the upper clipped to 1.
        Assert.Equal(0.125048826629953, rows[0].GetProperty("lower").GetDouble(), 1e-12);
        Assert.Equal(1.0, rows[0].GetProperty("upper").GetDouble());
    }

    [Fact]
    public async Task Stratified_by_stage_gives_one_curve_per_stage_and_the_log_rank_test()
    {
        var report = await GetJsonAsync($"/survival/observed?stratify=stage&{Cutoff}");

        var expected = RegistrySurvival.Observed(Live.Select(c => c.ToSurvivalCase(StageLabel[c.Stage])), Rules, new() { Title = "Observed survival" });
        SameCurves(expected, report);
        Assert.Equal(["1 Localized", "3 Regional, regional lymph nodes only", "7 Distant"],
            report.GetProperty("curves").EnumerateArray().Select(c => c.GetProperty("group").GetString()));
        Assert.True(report.GetProperty("logRank").GetProperty("chiSquare").GetDouble() > 0);
    }

    [Fact]
    public async Task Filters_select_exactly_the_cases_that_match_every_criterion()
    {
        var report = await GetJsonAsync($"/survival/observed?sex=2&age=50-64,75%2B&years=2016-2018&county=013&facility=0000005678&state=NM&{Cutoff}");

        var chosen = Live.Where(c => c.Sex == "2" && (c.ExpectedAge is >= 50 and <= 64 || c.ExpectedAge >= 75)
            && c.DxYear is >= 2016 and <= 2018 && c.County == "013" && c.Facility == "0000005678").ToList();
        Assert.NotEmpty(chosen);
        Assert.Equal(chosen.Count, report.GetProperty("cohort").GetProperty("casesRead").GetInt32());
        SameCurves(RegistrySurvival.Observed(chosen.Select(c => c.ToSurvivalCase()), Rules, new() { Title = "Observed survival" }), report);
    }

    [Fact]
    public async Task A_parent_site_group_covers_its_leaf_recodes()
    {
        var report = await GetJsonAsync($"/survival/observed?site=Digestive%20System&stratify=site&race=01,02&stage=1,3,7&{Cutoff}");

        var digestive = Live.Where(c => c.Recode is "17" or "20").ToList();
        var labels = new Dictionary<string, string> { ["17"] = "17 Stomach", ["20"] = "20 Colon and Rectum (excluding Appendix)" };
        SameCurves(RegistrySurvival.Observed(digestive.Select(c => c.ToSurvivalCase(labels[c.Recode])), Rules, new() { Title = "Observed survival" }), report);
        Assert.Equal(digestive.Count, report.GetProperty("cohort").GetProperty("casesRead").GetInt32());
    }

    [Fact]
    public async Task Age_comes_from_the_abstracted_item_or_else_from_birth_and_diagnosis_dates()
    {
        var report = await GetJsonAsync($"/survival/observed?stratify=age&{Cutoff}");

        static string Broad(int age) => age < 50 ? "00-49" : age < 65 ? "50-64" : age < 75 ? "65-74" : "75+";
        SameCurves(RegistrySurvival.Observed(Live.Select(c => c.ToSurvivalCase(Broad(c.ExpectedAge))), Rules, new() { Title = "Observed survival" }), report);

        // The two cases without the item: 64 (birthday five days after diagnosis) and 65.
        var byDates = await GetJsonAsync($"/survival/observed?site=30&age=64&{Cutoff}");
        Assert.Equal(Live.Count(c => c.Recode == "30" && c.ExpectedAge == 64), byDates.GetProperty("cohort").GetProperty("casesRead").GetInt32());
        var sixtyFive = await GetJsonAsync($"/survival/observed?site=30&age=65-65&{Cutoff}");
        Assert.Equal(Live.Count(c => c.Recode == "30" && c.ExpectedAge == 65), sixtyFive.GetProperty("cohort").GetProperty("casesRead").GetInt32());
    }

    [Fact]
    public async Task Cause_specific_survival_censors_other_deaths_and_excludes_unknown_causes()
    {
        var report = await GetJsonAsync($"/survival/cause-specific?site=30&stratify=sex&{Cutoff}");

        var sexLabel = new Dictionary<string, string> { ["1"] = "1 Male", ["2"] = "2 Female" };
        var expected = RegistrySurvival.CauseSpecific(Live.Where(c => c.Recode == "30").Select(c => c.ToSurvivalCase(sexLabel[c.Sex])), Rules,
            CauseSpecificDeathClassification.LoadShipped(), new() { Title = "Cause-specific survival" });
        SameCurves(expected, report);
        Assert.Equal(1, Exclusions(report)["Dead, cause of death unknown"]);
    }

    [Fact]
    public async Task The_actuarial_life_table_equals_the_library_per_group()
    {
        var report = await GetJsonAsync($"/survival/life-table?stratify=stage&interval=yearly&{Cutoff}");

        var derived = SurvivalTimeCalculator.Derive(Live.Select(c => c.ToSurvivalCase(StageLabel[c.Stage])), Rules);
        var groups = report.GetProperty("groups").EnumerateArray().ToList();
        var expected = derived.Included.GroupBy(t => t.Case.Group!).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(g => g.Key), groups.Select(g => g.GetProperty("group").GetString()));
        foreach (var (e, a) in expected.Zip(groups))
        {
            var rows = ActuarialLifeTable.Build(e.Select(t => (double)t.Months).ToArray(), e.Select(t => t.Dead).ToArray(), 12);
            var actual = a.GetProperty("intervals").EnumerateArray().ToList();
            Assert.Equal(rows.Count, actual.Count);
            for (int i = 0; i < rows.Count; i++)
            {
                Assert.Equal(rows[i].Entering, actual[i].GetProperty("entering").GetInt32());
                Assert.Equal(rows[i].Deaths, actual[i].GetProperty("deaths").GetInt32());
                Assert.Equal(rows[i].Withdrawn, actual[i].GetProperty("withdrawn").GetInt32());
                Near(rows[i].CumulativeSurvival, actual[i].GetProperty("cumulativeSurvival"));
                Near(rows[i].Lower, actual[i].GetProperty("lower"));
                Near(rows[i].Upper, actual[i].GetProperty("upper"));
            }
        }
        Assert.Equal(1, Exclusions(report)["DeathCertificateOnly"]);
    }

    [Fact]
    public async Task Conditional_survival_equals_the_library_per_group()
    {
        var report = await GetJsonAsync($"/survival/conditional?stratify=stage&survived=12&additional=36&{Cutoff}");

        var derived = SurvivalTimeCalculator.Derive(Live.Select(c => c.ToSurvivalCase(StageLabel[c.Stage])), Rules);
        var groups = report.GetProperty("groups").EnumerateArray().ToList();
        var expected = derived.Included.GroupBy(t => t.Case.Group!).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Count, groups.Count);
        foreach (var (e, a) in expected.Zip(groups))
        {
            var estimate = ConditionalSurvival.Estimate(e.Select(t => (double)t.Months).ToArray(), e.Select(t => t.Dead).ToArray(), 12, 36);
            Assert.Equal(e.Key, a.GetProperty("group").GetString());
            Assert.Equal(estimate.AtRiskAtStart, a.GetProperty("atRiskAtStart").GetInt32());
            Near(estimate.Survival, a.GetProperty("survival"));
            Near(estimate.Lower, a.GetProperty("lower"));
            Near(estimate.Upper, a.GetProperty("upper"));
        }
    }

    [Theory]
    [InlineData("csv", "text/csv", "group,time,n_risk")]
    [InlineData("svg", "image/svg+xml", "<svg")]
    [InlineData("html", "text/html", "<h2>Excluded cases</h2>")]
    public async Task Reports_render_as_csv_svg_and_html(string format, string contentType, string marker)
    {
        var response = await fx.Client.GetAsync($"/survival/observed?site=30&stratify=stage&format={format}&{Cutoff}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(marker, body);
        Assert.Contains("Distant", body);
        Assert.Equal(Live.Count(c => c.Recode == "30").ToString(), response.Headers.GetValues("X-Survival-Cases-Read").Single());
        Assert.Equal("DeathCertificateOnly=1", response.Headers.GetValues("X-Survival-Excluded").Single());
    }

    [Theory]
    [InlineData("observed", "json")]
    [InlineData("observed", "html")]
    [InlineData("observed", "svg")]
    [InlineData("cause-specific", "csv")]
    [InlineData("life-table", "json")]
    [InlineData("conditional", "json")]
    public async Task An_empty_cohort_is_a_report_of_no_cases_not_an_error(string report, string format)
    {
        var response = await fx.Client.GetAsync($"/survival/{report}?years=2030&format={format}&{Cutoff}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("0", response.Headers.GetValues("X-Survival-Cases-Read").Single());
    }

    [Fact]
    public async Task Duplicates_never_count()
    {
        var all = await GetJsonAsync($"/survival/observed?{Cutoff}");
        Assert.Equal(Live.Count(), all.GetProperty("cohort").GetProperty("casesRead").GetInt32());
        Assert.Equal(fx.Cases.Count - 1, Live.Count());
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_survival_endpoints_and_their_parameters()
    {
        var doc = await fx.Client.GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/survival/observed", "/survival/cause-specific", "/survival/life-table", "/survival/conditional",
                     "/survival/relative", "/survival/life-tables", "/survival/life-tables/{name}" })
            Assert.Contains($"\"{path}\"", doc);
        Assert.Contains("\"stratify\"", doc);
        Assert.Contains("\"lifeTable\"", doc);
    }
}
