using TumorRegistry.Survival.Estimation;
using TumorRegistry.Survival.Timing;

namespace TumorRegistry.Survival.CauseSpecific;

/// <summary>Cause-specific survival curve plus the cases left out because their cause of death is unknown.</summary>
public sealed record CauseSpecificResult(SurvivalCurve Curve, IReadOnlyList<SurvivalTime> UnknownCauseOfDeath);

/// <summary>
/// Cause-specific survival: deaths from this cancer (SEER classification) are events, deaths from other causes are
/// censored at death. Dead cases with unknown cause are excluded and returned, as SEER*Stat does.
/// </summary>
public static class CauseSpecificSurvival
{
    /// <summary>Kaplan-Meier of cause-specific survival over survival times (in months when <paramref name="inMonths"/>).</summary>
    public static CauseSpecificResult Fit(IReadOnlyList<SurvivalTime> cases, CauseSpecificDeathClassification classification,
        bool inMonths = true, ConfidenceType type = ConfidenceType.Log, double level = 0.95, string group = "all")
    {
        var time = new List<double>(cases.Count);
        var dead = new List<bool>(cases.Count);
        var unknown = new List<SurvivalTime>();
        foreach (var c in cases)
        {
            var status = classification.Classify(c.Dead, c.Case.SiteRecode, c.Case.SequenceNumber, c.Case.CauseOfDeath);
            if (status == CauseSpecificStatus.Unknown) { unknown.Add(c); continue; }
            time.Add(inMonths ? c.Months : c.Days);
            dead.Add(status == CauseSpecificStatus.DeadOfThisCancer);
        }
        return new CauseSpecificResult(KaplanMeier.Fit(time.ToArray(), dead.ToArray(), group, type, level), unknown);
    }
}
