using System.Globalization;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Synthetic;

namespace TumorRegistry.Api.Demo;

/// <summary>
/// The demo registry: the synthetic registry generator (docs/synthetic.md) at the demo's scale, written as event
/// streams, one patient stream and one tumor stream per report. Fake people only.
/// </summary>
public static class DemoRegistry
{
    /// <summary>
    /// The demo's options: 50,000 tumors by default (Demo:Tumors), seed 2026 (Demo:Seed). Follow-up runs to the end of
    /// the month before <paramref name="today"/> (Demo:FollowUpThrough overrides) and diagnoses end the year before, so
    /// the follow-up jobs see a registry as current as a real one: a few patients due, not everyone lost.
    /// </summary>
    public static SyntheticOptions Options(IConfiguration configuration, DateOnly today)
    {
        var through = DateOnly.TryParseExact(configuration["Demo:FollowUpThrough"], "yyyy-MM-dd", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var set) ? set : new DateOnly(today.Year, today.Month, 1).AddDays(-1);
        var lastYear = through.Year - 1;
        return new SyntheticOptions
        {
            Tumors = configuration.GetValue("Demo:Tumors", 50_000),
            Seed = configuration.GetValue("Demo:Seed", 2026),
            FirstYear = lastYear - 19,
            LastYear = lastYear,
            FollowUpThrough = through,
        };
    }

    public static IEnumerable<(SyntheticCase Case, StreamAppend Patient, StreamAppend Tumor)> Generate(SyntheticOptions options) =>
        SyntheticRegistry.Generate(options).Select(c => (c,
            new StreamAppend(c.PatientId, "patient", StreamAppend.NoStream, c.PatientEvents),
            new StreamAppend(c.TumorId, "tumor", StreamAppend.NoStream, c.TumorEvents)));
}
