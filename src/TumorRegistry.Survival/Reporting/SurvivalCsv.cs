using TumorRegistry.Survival.Estimation;
using TumorRegistry.Survival.Relative;

namespace TumorRegistry.Survival.Reporting;

/// <summary>CSV tables of survival results, one row per time (or interval), NaN written as NA.</summary>
public static class SurvivalCsv
{
    /// <summary>Kaplan-Meier tables of all curves: group,time,n_risk,n_event,n_censor,survival,std_err_survival (se of S),lower,upper.</summary>
    public static void WriteCurves(TextWriter w, IEnumerable<SurvivalCurve> curves)
    {
        w.WriteLine("group,time,n_risk,n_event,n_censor,survival,std_err_survival,lower,upper");
        foreach (var c in curves)
            for (int i = 0; i < c.Time.Length; i++)
                w.WriteLine(string.Join(',', Csv.Field(c.Group), Csv.Number(c.Time[i]), c.AtRisk[i], c.Events[i], c.Censored[i],
                    Csv.Number(c.Survival[i]), Csv.Number(c.StdErr(i)), Csv.Number(c.Lower[i]), Csv.Number(c.Upper[i])));
    }

    /// <summary>
    /// Survival at chosen times per curve (R summary(fit, times=)): group,time,n_risk,n_event,n_censor,survival,
    /// std_err_survival (se of S, not of log S),lower,upper; the header names the interval.
    /// </summary>
    public static void WriteTimes(TextWriter w, IEnumerable<SurvivalCurve> curves, IEnumerable<double> times)
    {
        var ts = times.ToArray();
        w.WriteLine("group,time,n_risk,n_event,n_censor,survival,std_err_survival,lower,upper");
        foreach (var c in curves)
            foreach (var r in SurvivalAtTimes.Table(c, ts))
                w.WriteLine(string.Join(',', Csv.Field(r.Group), Csv.Number(r.Time), r.AtRisk, r.Events, r.Censored,
                    Csv.Number(r.Survival), Csv.Number(r.StdErr), Csv.Number(r.Lower), Csv.Number(r.Upper)));
    }

    /// <summary>Quantiles with limits per curve: group,probability,time,lower,upper.</summary>
    public static void WriteQuantiles(TextWriter w, IEnumerable<SurvivalCurve> curves, IEnumerable<double> probabilities)
    {
        w.WriteLine("group,probability,time,lower,upper");
        var ps = probabilities.ToArray();
        foreach (var c in curves)
            foreach (var p in ps)
            {
                var q = c.Quantile(p);
                w.WriteLine(string.Join(',', Csv.Field(c.Group), Csv.Number(p), Csv.Number(q.Time), Csv.Number(q.Lower), Csv.Number(q.Upper)));
            }
    }

    /// <summary>Log-rank observed/expected by group, with the test on every row: group,n,observed,expected,chisq,df,p.</summary>
    public static void WriteLogRank(TextWriter w, LogRankTest test)
    {
        w.WriteLine("group,n,observed,expected,chisq,df,p");
        foreach (var g in test.Groups)
            w.WriteLine(string.Join(',', Csv.Field(g.Group), g.N, Csv.Number(g.Observed), Csv.Number(g.Expected),
                Csv.Number(test.ChiSquare), test.DegreesOfFreedom, Csv.Number(test.PValue)));
    }

    /// <summary>Actuarial life table rows.</summary>
    public static void WriteLifeTable(TextWriter w, IEnumerable<LifeTableInterval> rows)
    {
        w.WriteLine("start,end,entering,deaths,withdrawn,effective_at_risk,interval_survival,cumulative_survival,std_err_survival,lower,upper");
        foreach (var r in rows)
            w.WriteLine(string.Join(',', Csv.Number(r.Start), Csv.Number(r.End), r.Entering, r.Deaths, r.Withdrawn,
                Csv.Number(r.EffectiveAtRisk), Csv.Number(r.IntervalSurvival), Csv.Number(r.CumulativeSurvival),
                Csv.Number(r.StdErr), Csv.Number(r.Lower), Csv.Number(r.Upper)));
    }

    /// <summary>Relative or net survival curve: method,group,time,n_risk,n_event,survival,std_err_log,lower,upper.</summary>
    public static void WriteRelative(TextWriter w, RelativeSurvivalCurve c)
    {
        w.WriteLine("method,group,time,n_risk,n_event,survival,std_err_log,lower,upper");
        for (int i = 0; i < c.Time.Length; i++)
            w.WriteLine(string.Join(',', c.Method, Csv.Field(c.Group), Csv.Number(c.Time[i]), c.AtRisk[i], c.Events[i],
                Csv.Number(c.Survival[i]), Csv.Number(c.StdErrLog[i]), Csv.Number(c.Lower[i]), Csv.Number(c.Upper[i])));
    }

    /// <summary>Relative or net survival read at chosen days: method,group,time,n_risk,survival,std_err_log,lower,upper.</summary>
    public static void WriteRelativeAtTimes(TextWriter w, IEnumerable<RelativeSurvivalCurve> curves, IEnumerable<double> times)
    {
        var ts = times.ToArray();
        w.WriteLine("method,group,time,n_risk,survival,std_err_log,lower,upper");
        foreach (var c in curves)
            foreach (var t in ts.Where(t => c.Time.Length > 0 && t <= c.Time[^1]))
            {
                int i = c.Index(t);
                // n_risk: still followed at t (as R's summary), i.e. at risk at the first time at or after t.
                int next = Array.FindIndex(c.Time, x => x >= t);
                w.WriteLine(string.Join(',', c.Method, Csv.Field(c.Group), Csv.Number(t), next < 0 ? 0 : c.AtRisk[next],
                    i < 0 ? "1" : Csv.Number(c.Survival[i]), i < 0 ? "0" : Csv.Number(c.StdErrLog[i]),
                    i < 0 ? "1" : Csv.Number(c.Lower[i]), i < 0 ? "1" : Csv.Number(c.Upper[i])));
            }
    }

    /// <summary>
    /// Age-standardised estimates: group,time,age_group,weight,patients,survival,std_err_survival,lower,upper, one row per
    /// ICSS age group and one "standardised" row; std_err_survival is the standard error of S (not of log S).
    /// </summary>
    public static void WriteStandardised(TextWriter w, IEnumerable<(string Group, IReadOnlyList<StandardisedEstimate> Estimates)> groups)
    {
        w.WriteLine("group,time,age_group,weight,patients,survival,std_err_survival,lower,upper");
        foreach (var (group, estimates) in groups)
            foreach (var e in estimates)
            {
                foreach (var a in e.Groups)
                    w.WriteLine(string.Join(',', Csv.Field(group), Csv.Number(e.TimeDays), Csv.Field(a.AgeGroup), Csv.Number(a.Weight), a.Patients,
                        Csv.Number(a.Survival), Csv.Number(a.StdErrSurvival), "NA", "NA"));
                w.WriteLine(string.Join(',', Csv.Field(group), Csv.Number(e.TimeDays), "standardised", "1", e.Groups.Sum(a => a.Patients),
                    Csv.Number(e.Survival), Csv.Number(e.StdErrSurvival), Csv.Number(e.Lower), Csv.Number(e.Upper)));
            }
    }
}
