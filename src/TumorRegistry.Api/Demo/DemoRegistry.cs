using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Synthetic;

namespace TumorRegistry.Api.Demo;

/// <summary>
/// The demo registry: the synthetic registry generator (docs/synthetic.md) at the demo's scale, written as event
/// streams, one patient stream and one tumor stream per report. Fake people only.
/// </summary>
public static class DemoRegistry
{
    /// <summary>The demo's options: 50,000 tumors by default (configuration Demo:Tumors), seed 2026.</summary>
    public static SyntheticOptions Options(IConfiguration configuration) =>
        new() { Tumors = configuration.GetValue("Demo:Tumors", 50_000), Seed = configuration.GetValue("Demo:Seed", 2026) };

    public static IEnumerable<(SyntheticCase Case, StreamAppend Patient, StreamAppend Tumor)> Generate(SyntheticOptions options) =>
        SyntheticRegistry.Generate(options).Select(c => (c,
            new StreamAppend(c.PatientId, "patient", StreamAppend.NoStream, c.PatientEvents),
            new StreamAppend(c.TumorId, "tumor", StreamAppend.NoStream, c.TumorEvents)));
}
