using System.Text;
using System.Text.Json;
using TumorRegistry.Survival.Estimation;
using TumorRegistry.Survival.Relative;

namespace TumorRegistry.Survival.Reporting;

/// <summary>JSON rendering of a survival report (NaN, R's NA, is written as null).</summary>
public static class SurvivalJson
{
    /// <summary>The report as an indented JSON document.</summary>
    public static string Write(SurvivalReport report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("title", report.Title);
            w.WriteString("timeUnit", report.TimeUnit);
            w.WriteStartArray("curves");
            foreach (var c in report.Curves) WriteCurve(w, c, report.QuantileProbabilities);
            w.WriteEndArray();
            if (report.LogRank is { } lr)
            {
                w.WriteStartObject("logRank");
                Num(w, "chiSquare", lr.ChiSquare);
                w.WriteNumber("degreesOfFreedom", lr.DegreesOfFreedom);
                Num(w, "pValue", lr.PValue);
                w.WriteBoolean("stratified", lr.Stratified);
                w.WriteStartArray("groups");
                foreach (var g in lr.Groups)
                {
                    w.WriteStartObject();
                    w.WriteString("group", g.Group);
                    w.WriteNumber("n", g.N);
                    Num(w, "observed", g.Observed);
                    Num(w, "expected", g.Expected);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteStartObject("exclusions");
            foreach (var (reason, count) in report.Exclusions) w.WriteNumber(reason, count);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A relative or net survival curve as JSON.</summary>
    public static string Write(RelativeSurvivalCurve c) => Document(w =>
    {
        w.WriteString("method", c.Method.ToString());
        w.WriteString("group", c.Group);
        w.WriteString("timeUnit", "days");
        w.WriteStartArray("table");
        for (int i = 0; i < c.Time.Length; i++)
        {
            w.WriteStartObject();
            Num(w, "time", c.Time[i]);
            w.WriteNumber("nRisk", c.AtRisk[i]);
            w.WriteNumber("nEvent", c.Events[i]);
            Num(w, "survival", c.Survival[i]);
            Num(w, "stdErrLog", c.StdErrLog[i]);
            Num(w, "lower", c.Lower[i]);
            Num(w, "upper", c.Upper[i]);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    /// <summary>An actuarial life table as JSON.</summary>
    public static string Write(IEnumerable<LifeTableInterval> rows) => Document(w =>
    {
        w.WriteStartArray("intervals");
        foreach (var r in rows)
        {
            w.WriteStartObject();
            Num(w, "start", r.Start);
            Num(w, "end", r.End);
            w.WriteNumber("entering", r.Entering);
            w.WriteNumber("deaths", r.Deaths);
            w.WriteNumber("withdrawn", r.Withdrawn);
            Num(w, "effectiveAtRisk", r.EffectiveAtRisk);
            Num(w, "intervalSurvival", r.IntervalSurvival);
            Num(w, "cumulativeSurvival", r.CumulativeSurvival);
            Num(w, "stdErrSurvival", r.StdErr);
            Num(w, "lower", r.Lower);
            Num(w, "upper", r.Upper);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    static string Document(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    static void WriteCurve(Utf8JsonWriter w, SurvivalCurve c, IReadOnlyList<double> probabilities)
    {
        w.WriteStartObject();
        w.WriteString("group", c.Group);
        w.WriteNumber("n", c.N);
        w.WriteNumber("events", c.TotalEvents);
        w.WriteString("confidenceType", c.ConfidenceType.ToString());
        w.WriteNumber("confidenceLevel", c.ConfidenceLevel);
        w.WriteStartArray("quantiles");
        foreach (var p in probabilities)
        {
            var q = c.Quantile(p);
            w.WriteStartObject();
            w.WriteNumber("probability", p);
            Num(w, "time", q.Time);
            Num(w, "lower", q.Lower);
            Num(w, "upper", q.Upper);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("table");
        for (int i = 0; i < c.Time.Length; i++)
        {
            w.WriteStartObject();
            Num(w, "time", c.Time[i]);
            w.WriteNumber("nRisk", c.AtRisk[i]);
            w.WriteNumber("nEvent", c.Events[i]);
            w.WriteNumber("nCensor", c.Censored[i]);
            Num(w, "survival", c.Survival[i]);
            Num(w, "stdErrSurvival", c.StdErr(i));
            Num(w, "lower", c.Lower[i]);
            Num(w, "upper", c.Upper[i]);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    static void Num(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v)) w.WriteNumber(name, v); else w.WriteNull(name);
    }
}
