using System.Globalization;
using TumorRegistry.Survival.Relative;
using Xunit.Abstractions;

namespace TumorRegistry.Synthetic.Tests;

/// <summary>
/// The generated registry's 5-year net survival (Pohar Perme against the synthetic life table the deaths from other
/// causes were drawn from) recovers the published SEER relative survival by site and stage it was drawn from.
/// Tolerance: three standard errors of the estimate, and never tighter than 0.02.
/// </summary>
public sealed class SurvivalTests(GeneratedRegistry registry, ITestOutputHelper output) : IClassFixture<GeneratedRegistry>
{
    private const double FiveYears = 5 * PopulationLifeTable.DaysPerYear;

    [Fact]
    public void Five_year_net_survival_by_site_and_stage_is_within_tolerance_of_the_published_figures()
    {
        var table = PopulationLifeTable.Load(new StringReader(SyntheticMortality.Csv(2000, 2035)));
        var checkedGroups = 0;
        output.WriteLine("| site | stage | cases | published 5-year RS | generated 5-year net survival (SE) | difference |");
        output.WriteLine("|---|---|---:|---:|---:|---:|");
        var analysed = registry.Cases.Where(c => c.DuplicateOf is null && !c.Person.DeathCertificateOnly).ToList();
        foreach (var group in analysed.GroupBy(c => (c.Person.Site.Site, c.Person.Stage)).OrderBy(g => g.Key.Site).ThenBy(g => g.Key.Stage))
        {
            if (group.Count() < 200) continue;
            var published = group.First().Person.Site.RelativeSurvival5[(int)group.Key.Stage];
            var (estimate, se) = NetSurvivalAtFiveYears(group, table);
            var tolerance = Math.Max(0.02, 3 * se);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key.Site} | {group.Key.Stage} | {group.Count()} | {published:F3} | {estimate:F3} ({se:F3}) | {estimate - published:+0.000;-0.000} |"));
            Assert.True(Math.Abs(estimate - published) <= tolerance,
                $"{group.Key.Site} {group.Key.Stage}: generated {estimate:F3}, published {published:F3}, tolerance {tolerance:F3}");
            checkedGroups++;
        }
        Assert.True(checkedGroups >= 35, $"only {checkedGroups} site and stage groups had 200 cases");
    }

    private static (double Survival, double StdErr) NetSurvivalAtFiveYears(IEnumerable<SyntheticCase> cases, PopulationLifeTable table)
    {
        // Follow-up is cut at five years: later deaths are censored there (the estimate at five years is unchanged).
        var subjects = cases.Select(c =>
        {
            var p = c.Person;
            var end = p.Death ?? p.LastContact;
            var days = (double)(end.DayNumber - p.Diagnosis.DayNumber);
            var dead = p.Death is not null && days <= FiveYears;
            return new RelativeSurvivalSubject(Math.Min(Math.Max(days, 0.5), FiveYears + 1), dead,
                (p.Diagnosis.DayNumber - p.Birth.DayNumber) / PopulationLifeTable.DaysPerYear, p.Sex, p.Diagnosis);
        }).ToList();
        var curve = RelativeSurvival.Estimate(subjects, table, NetSurvivalMethod.PoharPerme, precisionDays: 7);
        var i = Array.FindLastIndex(curve.Time, t => t <= FiveYears);
        return (curve.Survival[i], curve.Survival[i] * curve.StdErrLog[i]);
    }
}
