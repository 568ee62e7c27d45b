using TumorRegistry.Domain.Events;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Infrastructure.Events;

namespace TumorRegistry.Api.Demo;

/// <summary>Settings of the made-up registry the demo loads.</summary>
public sealed record DemoOptions
{
    public int Tumors { get; init; } = 8_000;
    public int Seed { get; init; } = 2026;
    public int FirstYear { get; init; } = 2015;
    public int LastYear { get; init; } = 2022;
    /// <summary>Follow-up runs to this date (the demo's study cutoff).</summary>
    public DateOnly FollowUpThrough { get; init; } = new(2024, 12, 31);
    public IReadOnlyList<string> Facilities { get; init; } = ["0006540001", "0006540002", "0006540003"];
}

/// <summary>
/// Generates a synthetic registry as event streams: one patient stream and one tumor stream per case, with
/// residence drawn from the synthetic population so incidence rates are sensible. Deterministic per seed.
/// Fake people only: names, dates of birth and SSNs (999-prefixed, never issued) are invented.
/// </summary>
public static class DemoRegistry
{
    private static readonly string[] LastNames = ["ALVAREZ", "BAKER", "CHEN", "DAVIS", "ESPINOZA", "FOSTER", "GARCIA", "HARJO", "IVERSON", "JONES", "KIM", "LOPEZ", "MARTIN", "NGUYEN", "ORTIZ", "PATEL"];
    private static readonly string[] FirstNames = ["ALEX", "BLAIR", "CASEY", "DANA", "ELLIS", "FRANCIS", "GRAY", "HAYDEN", "JORDAN", "KENDALL", "LEE", "MORGAN"];

    public static IReadOnlyList<StreamAppend> Generate(DemoOptions options, IReadOnlyList<PopulationRecord> population)
    {
        var random = new Random(options.Seed);
        var residents = ResidentPicker.From(population, options.FirstYear, options.LastYear);
        var streams = new List<StreamAppend>(options.Tumors * 2);
        for (var i = 0; i < options.Tumors; i++)
        {
            var site = PickSite(random);
            var person = residents.Pick(random, site.OnlySex);
            var patientId = Guid.NewGuid();
            var tumorId = Guid.NewGuid();
            var (patientEvents, tumorEvents) = DemoCase.Events(random, options, i, site, person, patientId, LastNames, FirstNames);
            streams.Add(new StreamAppend(patientId, "patient", StreamAppend.NoStream, patientEvents));
            streams.Add(new StreamAppend(tumorId, "tumor", StreamAppend.NoStream, tumorEvents));
        }
        return streams;
    }

    private static DemoSite PickSite(Random random)
    {
        var x = random.NextDouble() * DemoSites.All.Sum(s => s.Weight);
        foreach (var s in DemoSites.All)
            if ((x -= s.Weight) <= 0) return s;
        return DemoSites.All[^1];
    }
}
