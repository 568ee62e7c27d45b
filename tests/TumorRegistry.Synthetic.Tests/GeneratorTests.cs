using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Edits;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Patients;

namespace TumorRegistry.Synthetic.Tests;

public sealed class GeneratorTests(GeneratedRegistry registry) : IClassFixture<GeneratedRegistry>
{
    [Fact]
    public void The_same_seed_gives_the_same_registry_and_another_seed_another()
    {
        var options = new SyntheticOptions { Seed = 11, Tumors = 2_000 };
        var first = SyntheticRegistry.Generate(options).ToList();
        var again = SyntheticRegistry.Generate(options).ToList();
        var other = SyntheticRegistry.Generate(options with { Seed = 12 }).ToList();

        Assert.Equal(first.Select(c => (c.PatientId, c.TumorId)), again.Select(c => (c.PatientId, c.TumorId)));
        Assert.Equal(first.SelectMany(c => c.PatientEvents.Concat(c.TumorEvents)), again.SelectMany(c => c.PatientEvents.Concat(c.TumorEvents)));
        Assert.Empty(first.Select(c => c.PatientId).Intersect(other.Select(c => c.PatientId)));
        Assert.NotEqual(first.Select(c => c.Person.Site.Site), other.Select(c => c.Person.Site.Site));
    }

    [Fact]
    public void Every_case_fails_only_the_edit_planted_in_it_and_no_completed_case_fails_an_error_edit()
    {
        var today = GeneratedRegistry.Options.FollowUpThrough.AddDays(1);
        var engine = EditEngine.Default;
        var planted = 0;
        foreach (var c in registry.Cases)
        {
            var report = engine.RunEdits(Patient.From(c.PatientId, c.PatientEvents), TumorCase.From(c.TumorId, c.TumorEvents), today);
            var failed = report.Failures.Select(f => f.Edit.Id).ToHashSet();
            if (c.Person.PlantedEdit is { } edit)
            {
                planted++;
                Assert.True(failed.SetEquals([edit]), $"case {c.Index} planted {edit}, failed {string.Join(",", failed)}");
                Assert.False(c.Completed);
            }
            else Assert.True(failed.Count == 0, $"case {c.Index} ({c.Person.Site.Site}) failed {string.Join(",", failed)}");
        }
        // About 1 % planted, each kind present.
        Assert.InRange(planted, 0.006 * registry.Cases.Count, 0.014 * registry.Cases.Count);
        Assert.Equal(["TR101", "TR102", "TR103", "TR205"], registry.Cases.Select(c => c.Person.PlantedEdit).OfType<string>().Distinct().Order());
        Assert.InRange(registry.Cases.Count(c => c.Completed), 0.85 * registry.Cases.Count, 0.97 * registry.Cases.Count);
    }

    [Fact]
    public void Sites_come_in_their_published_shares_by_sex_and_stages_in_their_published_mix()
    {
        var originals = registry.Cases.Where(c => c.DuplicateOf is null && c.Person.PlantedEdit is not ("TR101" or "TR102")).ToList();
        foreach (var bySex in originals.GroupBy(c => c.Person.Sex))
        {
            var profiles = SyntheticData.NewMexico.Sites.Where(s => s.Sex == bySex.Key).ToList();
            var total = profiles.Sum(p => p.Share);
            foreach (var profile in profiles)
            {
                var observed = bySex.Count(c => c.Person.Site == profile) / (double)bySex.Count();
                Assert.InRange(observed, profile.Share / total - 0.01, profile.Share / total + 0.01);
            }
        }
        var lung = originals.Where(c => c.Person.Site.Site == "Lung and Bronchus" && !c.Person.DeathCertificateOnly).ToList();
        var distant = lung.Count(c => c.Person.Stage == StageGroup.Distant) / (double)lung.Count;
        Assert.InRange(distant, 0.44 - 0.03, 0.44 + 0.03);
        // Older sites are older: prostate median age above thyroid's by more than ten years.
        double Median(string site) => originals.Where(c => c.Person.Site.Site == site).Select(c => (double)c.Person.Age).Order().ElementAt(originals.Count(c => c.Person.Site.Site == site) / 2);
        Assert.True(Median("Prostate") - Median("Thyroid") > 10);
    }

    [Fact]
    public void Duplicate_reports_name_an_earlier_case_of_the_same_tumor_from_another_facility_under_a_varied_identity()
    {
        var byIndex = registry.Cases.ToDictionary(c => c.Index);
        var duplicates = registry.Cases.Where(c => c.DuplicateOf is not null).ToList();
        Assert.InRange(duplicates.Count, 0.006 * registry.Cases.Count, 0.014 * registry.Cases.Count);
        var varied = 0;
        foreach (var d in duplicates)
        {
            var first = byIndex[d.DuplicateOf!.Value];
            Assert.True(first.Index < d.Index);
            Assert.NotEqual(first.Facility, d.Facility);
            Assert.NotEqual(first.PatientId, d.PatientId);
            Assert.Equal(first.Person.Site, d.Person.Site);
            Assert.Equal(first.Person.Diagnosis, d.Person.Diagnosis);
            Assert.False(d.Completed);
            var a = first.PatientEvents.OfType<DemographicsRecorded>().Single();
            var b = d.PatientEvents.OfType<DemographicsRecorded>().Single();
            if (a.NameFirst != b.NameFirst || a.NameLast != b.NameLast || a.DateOfBirth != b.DateOfBirth) varied++;
        }
        // A transposition of two equal letters changes nothing; nearly every duplicate differs.
        Assert.True(varied > 0.9 * duplicates.Count);
    }

    [Fact]
    public void The_planted_cluster_county_has_about_its_relative_risk_for_the_cluster_site_and_others_do_not()
    {
        var data = SyntheticData.NewMexico;
        var cluster = GeneratedRegistry.Options.Cluster;
        var population = data.Counties.ToDictionary(c => c.Fips, c => (double)c.Population);
        var share = population[cluster.CountyFips] / population.Values.Sum();
        double Ratio(string site)
        {
            var cases = registry.Cases.Where(c => c.DuplicateOf is null && c.Person.Site.Site == site).ToList();
            return cases.Count(c => c.Person.County.Fips == cluster.CountyFips) / (cases.Count * share);
        }
        // Relative to the rest of the state: RR * share / (RR * share + 1 - share) over share.
        var expected = cluster.RelativeRisk / (cluster.RelativeRisk * share + 1 - share);
        Assert.InRange(Ratio(cluster.Site), expected * 0.8, expected * 1.2);
        Assert.InRange(Ratio("Colon and Rectum"), 0.8, 1.2);
    }

    [Fact]
    public void Denominators_spread_each_county_population_over_age_sex_and_race()
    {
        var options = GeneratedRegistry.Options;
        var records = SyntheticDenominators.Generate(options);
        var data = SyntheticData.NewMexico;
        foreach (var county in data.Counties)
        {
            var year = records.Where(r => r.FullCountyFips == county.Fips && r.Year == options.FirstYear).Sum(r => r.Population);
            Assert.InRange(year, county.Population * 0.99, county.Population * 1.01);
        }
        Assert.Equal(options.LastYear - options.FirstYear + 1, records.Select(r => r.Year).Distinct().Count());
        Assert.Equal(33, records.Select(r => r.CountyFips).Distinct().Count());
    }
}
