using TumorRegistry.Survival.Estimation;

namespace TumorRegistry.Survival.Relative;

/// <summary>One patient for relative or net survival.</summary>
/// <param name="TimeDays">Follow-up in days from diagnosis.</param>
/// <param name="Dead">True if the follow-up ended in death.</param>
/// <param name="AgeYears">Age at diagnosis in years (may be fractional).</param>
/// <param name="Sex">Sex code as used in the life table (NAACCR: "1" male, "2" female).</param>
/// <param name="DiagnosisDate">Date of diagnosis; moves the patient through calendar years of the life table.</param>
/// <param name="Race">Race code when the life table is by race.</param>
/// <param name="EntryDays">Days from diagnosis to the start of observation (left truncation, period analysis); 0 = from diagnosis.</param>
public sealed record RelativeSurvivalSubject(double TimeDays, bool Dead, double AgeYears, string Sex, DateOnly DiagnosisDate,
    string? Race = null, double EntryDays = 0);

/// <summary>Estimator of relative or net survival.</summary>
public enum NetSurvivalMethod
{
    /// <summary>Ederer II relative survival: expected hazard averaged over those still at risk (Ederer &amp; Heise 1959).</summary>
    EdererII,
    /// <summary>Pohar Perme net survival: each patient weighted by 1 / expected survival (Pohar Perme et al. 2012).</summary>
    PoharPerme,
}

/// <summary>A relative or net survival curve, at every distinct follow-up time (days).</summary>
public sealed class RelativeSurvivalCurve
{
    /// <summary>Estimator used.</summary>
    public required NetSurvivalMethod Method { get; init; }
    /// <summary>Group label.</summary>
    public required string Group { get; init; }
    /// <summary>Distinct follow-up times (days).</summary>
    public required double[] Time { get; init; }
    /// <summary>Number at risk at each time.</summary>
    public required int[] AtRisk { get; init; }
    /// <summary>Deaths at each time.</summary>
    public required int[] Events { get; init; }
    /// <summary>Relative (Ederer II) or net (Pohar Perme) survival.</summary>
    public required double[] Survival { get; init; }
    /// <summary>Standard error on the log scale (relsurv's std.err).</summary>
    public required double[] StdErrLog { get; init; }
    /// <summary>Lower confidence limit (not clipped; relative survival may exceed 1).</summary>
    public required double[] Lower { get; init; }
    /// <summary>Upper confidence limit (not clipped).</summary>
    public required double[] Upper { get; init; }

    /// <summary>Estimate at time t in days (step function).</summary>
    public double SurvivalAt(double t) => Index(t) is var i && i < 0 ? 1 : Survival[i];

    /// <summary>Standard error of log S at time t in days (0 before the first time).</summary>
    public double StdErrLogAt(double t) => Index(t) is var i && i < 0 ? 0 : StdErrLog[i];

    /// <summary>Row of the last time at or before t, or -1.</summary>
    public int Index(double t)
    {
        int i = Array.BinarySearch(Time, t);
        return i >= 0 ? i : ~i - 1;
    }
}

/// <summary>
/// Ederer II relative survival and Pohar Perme net survival, computed as R relsurv's rs.surv: follow-up is cut at
/// every distinct follow-up time and each interval into steps of <c>precisionDays</c>; within a step the population
/// hazard is taken at the step's start (age and calendar year at that moment).
/// </summary>
public static class RelativeSurvival
{
    /// <summary>Estimates the curve for one group of patients.</summary>
    public static RelativeSurvivalCurve Estimate(IReadOnlyList<RelativeSurvivalSubject> subjects, PopulationLifeTable table,
        NetSurvivalMethod method, ConfidenceType type = ConfidenceType.Log, double level = 0.95, double precisionDays = 1,
        string group = "all")
    {
        // Longest follow-up first, so those still at risk at time t are a prefix.
        var ordered = subjects.OrderByDescending(s => s.TimeDays).ToArray();
        int n = ordered.Length;
        var y = ordered.Select(s => s.TimeDays).ToArray();
        var entry = ordered.Select(s => s.EntryDays).ToArray();
        bool truncated = entry.Any(e => e > 0);
        var age0 = ordered.Select(s => s.AgeYears * PopulationLifeTable.DaysPerYear).ToArray();
        var date0 = ordered.Select(s => (double)(s.DiagnosisDate.DayNumber - PopulationLifeTable.Origin)).ToArray();
        var stratum = ordered.Select(s => table.Stratum(s.Sex, s.Race)).ToArray();
        var expectedSurv = new double[n];
        Array.Fill(expectedSurv, 1.0);

        // With delayed entry the entry times are interval ends too, so a patient is at risk for whole intervals.
        var times = (truncated ? y.Concat(entry.Where(e => e > 0)) : y).Distinct().Order().ToArray();
        int m = times.Length;
        var atRisk = new int[m];
        var events = new int[m];
        var surv = new double[m];
        var se = new double[m];
        var lower = new double[m];
        var upper = new double[m];
        double z = ConfidenceLimits.Z(level);
        double s = 1, variance = 0, previous = 0;
        int riskCount = n;
        for (int j = 0; j < m; j++)
        {
            double tj = times[j];
            while (riskCount > 0 && y[riskCount - 1] < tj) riskCount--;
            double length = tj - previous;
            double expectedHazard = 0; // Σ over at-risk of the integrated population hazard (Ederer II)
            double weightedIntegral = 0; // Pohar Perme's integral of the weighted population hazard
            double sumHazW = 0, sumW = 0, sumHazWEnd = 0, sumWEnd = 0;
            for (double done = 0; done < length;)
            {
                double step = Math.Min(precisionDays, length - done);
                double at = previous + done;
                for (int i = 0; i < riskCount; i++)
                {
                    double lambda = table.DailyHazard(stratum[i], age0[i] + at, date0[i] + at);
                    double after = expectedSurv[i] * Math.Exp(-step * lambda);
                    // Not yet entered: expected survival still runs from diagnosis, but the patient is not at risk.
                    if (entry[i] > previous) { expectedSurv[i] = after; continue; }
                    sumHazW += lambda / expectedSurv[i];
                    sumW += 1 / expectedSurv[i];
                    sumHazWEnd += lambda / after;
                    sumWEnd += 1 / after;
                    expectedHazard += step * lambda;
                    expectedSurv[i] = after;
                }
                // relsurv averages the weighted hazard at both ends of the step, with sums running over the interval.
                if (sumW > 0) weightedIntegral += (sumHazW / sumW / 2 + sumHazWEnd / sumWEnd / 2) * step;
                done += step;
            }
            int deaths = 0, entered = 0;
            double deathsW = 0, deathsW2 = 0, riskW = 0;
            for (int i = 0; i < riskCount; i++)
            {
                if (entry[i] > previous) continue;
                entered++;
                riskW += 1 / expectedSurv[i];
                if (y[i] == tj && ordered[i].Dead)
                {
                    deaths++;
                    deathsW += 1 / expectedSurv[i];
                    deathsW2 += 1 / (expectedSurv[i] * expectedSurv[i]);
                }
            }
            double hazard;
            if (entered == 0) hazard = 0;
            else if (method == NetSurvivalMethod.EdererII)
            {
                hazard = deaths / (double)entered - expectedHazard / entered;
                variance += deaths / ((double)entered * entered);
            }
            else
            {
                hazard = deathsW / riskW - weightedIntegral;
                variance += deathsW2 / (riskW * riskW);
            }
            s *= 1 - hazard;
            atRisk[j] = entered;
            events[j] = deaths;
            surv[j] = s;
            se[j] = Math.Sqrt(variance);
            (lower[j], upper[j]) = Limits(s, se[j], type, z);
            previous = tj;
        }
        return new RelativeSurvivalCurve
        {
            Method = method, Group = group, Time = times, AtRisk = atRisk, Events = events, Survival = surv,
            StdErrLog = se, Lower = lower, Upper = upper,
        };
    }

    // rs.surv does not clip the limits at 1: relative survival can exceed 1.
    static (double, double) Limits(double s, double se, ConfidenceType type, double z) => type switch
    {
        ConfidenceType.Plain => (s - se * z * s, s + se * z * s),
        ConfidenceType.Log => (Math.Exp(Math.Log(s) - se * z), Math.Exp(Math.Log(s) + se * z)),
        _ => (Math.Exp(-Math.Exp(Math.Log(-Math.Log(s)) - se * z / Math.Log(s))),
              Math.Exp(-Math.Exp(Math.Log(-Math.Log(s)) + se * z / Math.Log(s)))),
    };
}

/// <summary>Conditional net (or relative) survival: S(y + x | y) = S(y + x) / S(y).</summary>
public sealed record ConditionalNetSurvival(double SurvivedDays, double AdditionalDays, double Survival, double StdErrLog, double Lower, double Upper)
{
    /// <summary>
    /// From a curve: the ratio of the estimates, and as the curve's variance of log S is a sum over intervals, the
    /// conditional one is the sum after y: se = sqrt(var(y + x) − var(y)). Limits on the log scale.
    /// </summary>
    public static ConditionalNetSurvival From(RelativeSurvivalCurve curve, double survivedDays, double additionalDays, double level = 0.95)
    {
        double sy = curve.SurvivalAt(survivedDays), syx = curve.SurvivalAt(survivedDays + additionalDays);
        double vy = curve.StdErrLogAt(survivedDays), vyx = curve.StdErrLogAt(survivedDays + additionalDays);
        double s = syx / sy, se = Math.Sqrt(Math.Max(0, vyx * vyx - vy * vy));
        double z = ConfidenceLimits.Z(level);
        return new(survivedDays, additionalDays, s, se, Math.Exp(Math.Log(s) - z * se), Math.Exp(Math.Log(s) + z * se));
    }
}
