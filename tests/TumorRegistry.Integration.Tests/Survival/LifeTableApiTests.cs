using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TumorRegistry.Infrastructure.Survival;
using TumorRegistry.Survival;
using TumorRegistry.Survival.Relative;
using TumorRegistry.Survival.Timing;
using static TumorRegistry.Integration.Tests.Survival.SurvivalAssert;

namespace TumorRegistry.Integration.Tests.Survival;

/// <summary>Population life tables through HTTP: import, list, export round trip, and relative survival against them.</summary>
public sealed class LifeTableApiTests(SurvivalApiFixture fx) : IClassFixture<SurvivalApiFixture>
{
    static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    async Task<string> ImportSyntheticAsync(string name)
    {
        var response = await fx.Client.PostAsync($"/survival/life-tables?name={name}&description=synthetic", Csv(SyntheticLifeTable.Csv(2010, 2025)));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return SyntheticLifeTable.Csv(2010, 2025);
    }

    [Fact]
    public async Task An_imported_table_is_listed_and_exports_back_to_the_same_rates()
    {
        var csv = await ImportSyntheticAsync("roundtrip");

        var listed = await fx.Client.GetFromJsonAsync<JsonElement>("/survival/life-tables");
        var entry = listed.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "roundtrip");
        Assert.Equal(2 * 16 * 111, entry.GetProperty("rows").GetInt32());
        Assert.Equal(0, entry.GetProperty("minAge").GetInt32());
        Assert.Equal(110, entry.GetProperty("maxAge").GetInt32());
        Assert.Equal(["1", "2"], entry.GetProperty("sexes").EnumerateArray().Select(s => s.GetString()));

        var exported = await fx.Client.GetStringAsync("/survival/life-tables/roundtrip");
        Assert.Equal(Rates(csv), Rates(exported));
    }

    [Fact]
    public async Task Relative_and_net_survival_equal_the_library_with_the_same_table()
    {
        var csv = await ImportSyntheticAsync("relative");
        var table = PopulationLifeTable.Load(new StringReader(csv));
        var lung = fx.Cases.Where(c => c.DuplicateOf is null && c.Recode == "30").Select(c => c.ToSurvivalCase()).ToList();
        var rules = new SurvivalTimeRules(RegistryCohort.Cutoff);

        foreach (var (method, name) in new[] { (NetSurvivalMethod.EdererII, "ederer2"), (NetSurvivalMethod.PoharPerme, "pohar-perme") })
        {
            var report = await fx.Client.GetFromJsonAsync<JsonElement>($"/survival/relative?site=30&lifeTable=relative&method={name}&cutoff=2024-12-31");
            var (curves, excluded, missing) = RegistrySurvival.Relative(lung, rules, table, method);
            var actual = report.GetProperty("curves").EnumerateArray().ToList();
            Assert.Equal(curves.Count, actual.Count);
            foreach (var (e, a) in curves.Zip(actual))
            {
                Assert.Equal(method.ToString(), a.GetProperty("method").GetString());
                var rows = a.GetProperty("table").EnumerateArray().ToList();
                Assert.Equal(e.Time.Length, rows.Count);
                for (int i = 0; i < rows.Count; i++)
                {
                    Assert.Equal(e.Time[i], rows[i].GetProperty("time").GetDouble());
                    Near(e.Survival[i], rows[i].GetProperty("survival"));
                    Near(e.Lower[i], rows[i].GetProperty("lower"));
                }
            }
            Assert.Equal(excluded.Count, Exclusions(report).Values.Sum());
            Assert.Empty(missing);
        }
    }

    [Fact]
    public async Task Net_survival_from_the_registry_uses_the_exact_age_from_the_dates_of_birth_and_diagnosis()
    {
        var table = PopulationLifeTable.Load(new StringReader(await ImportSyntheticAsync("exact-age")));
        var rules = new SurvivalTimeRules(RegistryCohort.Cutoff);
        // The two lung cases aged 64 and 65 only by their dates of birth (RegistryCohort).
        var dated = fx.Cases.Where(c => c.DuplicateOf is null && c.Recode == "30" && c.DateOfBirth is not null).ToList();
        Assert.Equal(2, dated.Count);
        var report = await fx.Client.GetFromJsonAsync<JsonElement>("/survival/relative?site=30&age=64-65&lifeTable=exact-age&method=pohar-perme&cutoff=2024-12-31");
        var rows = report.GetProperty("curves")[0].GetProperty("table").EnumerateArray().ToList();

        var exact = RegistrySurvival.Relative(dated.Select(c => c.ToSurvivalCase()), rules, table, NetSurvivalMethod.PoharPerme).Curves.Single();
        var whole = RegistrySurvival.Relative(dated.Select(c => c.ToSurvivalCase() with { DateOfBirth = null }), rules, table,
            NetSurvivalMethod.PoharPerme).Curves.Single();
        Assert.Equal(exact.Time.Length, rows.Count);
        for (int i = 0; i < rows.Count; i++) Near(exact.Survival[i], rows[i].GetProperty("survival"));
        // Completed years give other figures: the report is not using them.
        Assert.Contains(Enumerable.Range(0, rows.Count), i => Math.Abs(whole.Survival[i] - rows[i].GetProperty("survival").GetDouble()) > 1e-9);
    }

    [Fact]
    public async Task Icss_standardised_period_net_survival_from_the_registry_equals_the_library()
    {
        var table = PopulationLifeTable.Load(new StringReader(await ImportSyntheticAsync("icss")));
        var rules = new SurvivalTimeRules(RegistryCohort.Cutoff);
        var cases = fx.Cases.Where(c => c.DuplicateOf is null).Select(c => c.ToSurvivalCase()).ToList();
        var period = (new DateOnly(2018, 1, 1), new DateOnly(2023, 12, 31));
        var report = await fx.Client.GetFromJsonAsync<JsonElement>(
            "/survival/relative?lifeTable=icss&icss=1&times=365,730&period=2018-2023&cutoff=2024-12-31");

        var subjects = RegistrySurvival.RelativeSubjects(cases, rules, period).Groups.Single().Subjects;
        Assert.Contains(subjects, s => s.EntryDays > 0); // diagnosed before 2018: entered late
        var expected = StandardisedNetSurvival.Estimate(subjects, table, IcssWeights.LoadShipped().Standard(1), [365, 730]);
        var curve = report.GetProperty("curves")[0];
        var estimates = curve.GetProperty("standardised").GetProperty("estimates").EnumerateArray().ToList();
        Assert.Equal("ICSS 1", curve.GetProperty("standardised").GetProperty("standard").GetString());
        Assert.Equal(2, estimates.Count);
        foreach (var (e, a) in expected.Zip(estimates))
        {
            Assert.Equal(e.TimeDays, a.GetProperty("timeDays").GetDouble());
            Near(e.Survival, a.GetProperty("survival"));
            Near(e.StdErrSurvival, a.GetProperty("stdErrSurvival"));
        }
        Assert.Equal("2018-01-01", report.GetProperty("period").GetProperty("from").GetString());
        var periodCurve = RelativeSurvival.Estimate(subjects, table, NetSurvivalMethod.PoharPerme);
        Assert.Equal(periodCurve.Time.Length, curve.GetProperty("table").GetArrayLength());
    }

    [Fact]
    public async Task A_table_with_a_bad_line_is_refused_naming_the_line_and_nothing_is_stored()
    {
        var response = await fx.Client.PostAsync("/survival/life-tables?name=broken", Csv("age,year,sex,qx\n0,2020,1,0.01\n1,2020,1,1.5\n"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Line 3", problem.GetProperty("errors").GetProperty("csv")[0].GetString());

        var incomplete = await fx.Client.PostAsync("/survival/life-tables?name=broken", Csv("age,year,sex,qx\n0,2020,1,0.01\n1,2020,1,0.01\n0,2021,1,0.01\n"));
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.Contains("missing", (await incomplete.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("csv")[0].GetString());

        var badName = await fx.Client.PostAsync("/survival/life-tables?name=no%20spaces", Csv("age,year,sex,qx\n0,2020,1,0.01\n"));
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.True((await badName.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("name", out _));

        Assert.Equal(HttpStatusCode.NotFound, (await fx.Client.GetAsync("/survival/life-tables/broken")).StatusCode);
    }

    [Fact]
    public async Task A_second_import_under_the_same_name_conflicts_unless_it_replaces()
    {
        await ImportSyntheticAsync("twice");
        var again = await fx.Client.PostAsync("/survival/life-tables?name=twice", Csv("age,year,sex,qx\n0,2020,1,0.25\n"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var replaced = await fx.Client.PostAsync("/survival/life-tables?name=twice&replace=true", Csv("age,year,sex,qx\n0,2020,1,0.25\n"));
        Assert.Equal(HttpStatusCode.Created, replaced.StatusCode);
        Assert.Equal("age,year,sex,qx\n0,2020,1,0.25\n", await fx.Client.GetStringAsync("/survival/life-tables/twice"));
    }

    [Theory]
    [InlineData("/survival/observed?stage=5", "stage")]
    [InlineData("/survival/observed?sex=7", "sex")]
    [InlineData("/survival/observed?site=Martian%20Glands", "site")]
    [InlineData("/survival/observed?cutoff=2024-13-01", "cutoff")]
    [InlineData("/survival/observed?stratify=planet", "stratify")]
    [InlineData("/survival/observed?years=2019-2015", "years")]
    [InlineData("/survival/observed?age=old", "age")]
    [InlineData("/survival/observed?county=1", "county")]
    [InlineData("/survival/observed?level=2", "level")]
    [InlineData("/survival/observed?stratiffy=stage", "stratiffy")]
    [InlineData("/survival/life-table?format=svg", "format")]
    [InlineData("/survival/relative?site=30", "lifeTable")]
    [InlineData("/survival/relative?lifeTable=nowhere", "lifeTable")]
    public async Task A_bad_parameter_is_a_400_naming_it(string url, string parameter)
    {
        var response = await fx.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out var messages), problem.ToString());
        Assert.NotEmpty(messages[0].GetString()!);
    }

    static List<(int, int, string, double)> Rates(string csv) => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
        .Select(l => l.Split(','))
        .Select(f => (int.Parse(f[0]), int.Parse(f[1]), f[2], double.Parse(f[3], CultureInfo.InvariantCulture)))
        .OrderBy(r => r.Item3).ThenBy(r => r.Item2).ThenBy(r => r.Item1).ToList();
}
