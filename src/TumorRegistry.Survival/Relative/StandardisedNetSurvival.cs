using TumorRegistry.Survival.Estimation;

namespace TumorRegistry.Survival.Relative;

/// <summary>One age group's estimate at a time, with the weight it gets.</summary>
public sealed record AgeGroupEstimate(string AgeGroup, double Weight, int Patients, double Survival, double StdErrSurvival);

/// <summary>Age-standardised net (or relative) survival at one time: Σ w_k S_k with se = sqrt(Σ w_k² se(S_k)²).</summary>
public sealed record StandardisedEstimate(double TimeDays, double Survival, double StdErrSurvival, double Lower, double Upper,
    IReadOnlyList<AgeGroupEstimate> Groups);

/// <summary>
/// Direct age standardisation of net survival (ICSS): one Pohar Perme (or Ederer II) curve per ICSS age group, read at
/// each time and weighted; the groups are independent, so the variance is the weighted sum of the groups' variances,
/// se(S_k) = S_k·se(log S_k) (delta method). Patients younger than 15 are outside every ICSS group and are left out.
/// </summary>
public static class StandardisedNetSurvival
{
    /// <summary>Estimates at the given times (days). A group with no patients makes the standardised estimate undefined (NaN).</summary>
    public static IReadOnlyList<StandardisedEstimate> Estimate(IReadOnlyList<RelativeSurvivalSubject> subjects, PopulationLifeTable table,
        IReadOnlyList<IcssAgeGroup> standard, IReadOnlyList<double> timesDays, NetSurvivalMethod method = NetSurvivalMethod.PoharPerme,
        double level = 0.95)
    {
        var curves = standard.Select(g =>
        {
            var members = subjects.Where(s => g.Contains(s.AgeYears)).ToList();
            return (Group: g, Count: members.Count,
                Curve: members.Count == 0 ? null : RelativeSurvival.Estimate(members, table, method, group: g.Label));
        }).ToList();
        double z = ConfidenceLimits.Z(level);
        return timesDays.Select(t =>
        {
            var groups = curves.Select(c =>
            {
                double s = c.Curve?.SurvivalAt(t) ?? double.NaN;
                return new AgeGroupEstimate(c.Group.Label, c.Group.Weight, c.Count, s, s * (c.Curve?.StdErrLogAt(t) ?? double.NaN));
            }).ToList();
            double surv = groups.Sum(g => g.Weight * g.Survival);
            double se = Math.Sqrt(groups.Sum(g => g.Weight * g.Weight * g.StdErrSurvival * g.StdErrSurvival));
            // Log-scale limits, as for the unstandardised curves (se of log S = se(S)/S).
            return new StandardisedEstimate(t, surv, se, Math.Exp(Math.Log(surv) - z * se / surv), Math.Exp(Math.Log(surv) + z * se / surv), groups);
        }).ToList();
    }
}
