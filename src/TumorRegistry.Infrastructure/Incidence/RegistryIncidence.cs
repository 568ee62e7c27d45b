using System.Diagnostics;
using Npgsql;
using TumorRegistry.Incidence.Geography;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Incidence.Standards;
using TumorRegistry.Incidence.Tables;
using TumorRegistry.Standards;

namespace TumorRegistry.Infrastructure.Incidence;

/// <summary>Where the time of one table went: the two queries and the table building in memory.</summary>
public sealed record IncidenceTimings(TimeSpan CaseCountsSql, TimeSpan PopulationSql, TimeSpan TableBuild, TimeSpan Total);

/// <summary>What a table is computed from: the state's FIPS code, the grouped case counts and the population cells.</summary>
public sealed record IncidenceInputs(string StateFips, IReadOnlyList<CaseCount> Counts, IReadOnlyList<PopulationCell> Cells);

public abstract record IncidenceOutcome
{
    /// <param name="Inputs">The counts and population cells the table was built from (SIRs and the scan reuse them).</param>
    public sealed record Built(IncidenceTable Table, PopulationSummary Population, CountExclusions Excluded, IncidenceTimings Timings,
        string Title, IncidenceInputs Inputs) : IncidenceOutcome
    {
        /// <summary>The registry state the counts come from (highest event sequence number seen).</summary>
        public long Sequence { get; init; }
        /// <summary>True when counted on the events replayed up to <see cref="Sequence"/>.</summary>
        public bool Replayed { get; init; }
    }

    public sealed record NoPopulation(string Detail) : IncidenceOutcome;
}

/// <summary>
/// Incidence tables from the registry: case counts grouped in PostgreSQL, denominators from an imported population
/// (the one named, else the newest covering the state), then <see cref="IncidenceTableBuilder.Build"/> for rates,
/// intervals, trends and suppression.
/// </summary>
public sealed class RegistryIncidence(NpgsqlDataSource db, NaaccrStandards standards)
{
    private static readonly Lazy<StandardPopulation> Us2000 = new(() => StandardPopulation.Us2000());
    private static readonly Lazy<StandardPopulation> Us2000Eighteen = new(() => StandardPopulation.Us2000EighteenGroups());
    private static readonly Lazy<CountyMap> Counties = new(CountyMap.Load);

    /// <summary>US county boundaries and names (read once from the shipped TopoJSON).</summary>
    public static CountyMap Map => Counties.Value;

    public IncidenceSiteGroups SiteGroups { get; } = new(standards.SiteRecode);
    public PopulationStore Populations { get; } = new(db);

    /// <summary>Opens the registry state for as-of counts (the host gives it the event store).</summary>
    public Reports.RegistrySnapshot Snapshots { get; init; } = new(db, null);

    public async Task<IncidenceOutcome> BuildAsync(IncidenceQuery q, CancellationToken ct = default)
    {
        var total = Stopwatch.StartNew();
        var population = q.Population is { } id ? await Populations.FindAsync(id, ct) : await Populations.LatestForStateAsync(q.State, ct);
        if (population is null)
            return new IncidenceOutcome.NoPopulation(q.Population is { } missing ? $"No population {missing}."
                : $"No population has been imported for {q.State}: import the state's SEER population file first (POST /populations).");
        if (!population.States.Contains(q.State))
            return new IncidenceOutcome.NoPopulation($"Population {population.Id} ('{population.Name}') has no cells for {q.State}.");

        var ((stateFips, cells), populationTime) = await Timed(() => Populations.CellsAsync(population.Id, q.State, q.FirstYear, q.LastYear, q.ByRace, ct));
        // The population's labels decide the case vocabulary: split by Hispanic origin only when the population is.
        var byOrigin = cells.Any(c => c.RaceEthnicity == RaceEthnicity.FromSeer(1, 1));
        var counter = new RegistryCaseCounts(db, SiteGroups);
        await using var scope = q.AsOfSequence is { } asOf ? await Snapshots.OpenAsync(asOf, ct) : null;
        var ((counts, excluded), countTime) = await Timed(() => counter.CountAsync(q.State, stateFips!, q.FirstYear, q.LastYear, byOrigin, q.ByRace, q.Sites, ct,
            q.Cohort?.CaseIds, scope));

        var stateName = standards.CodeLists.ForItem("addrAtDxState")?.Find(q.State)?.Label ?? q.State;
        var present = counts.Select(c => c.SiteGroup).ToHashSet(StringComparer.Ordinal);
        var request = new IncidenceTableRequest
        {
            Standard = q.Standard == "us2000-18" ? Us2000Eighteen.Value : Us2000.Value,
            FirstYear = q.FirstYear, LastYear = q.LastYear, Area = q.Area, BySex = q.BySex, ByRace = q.ByRace, Periods = q.Periods,
            SiteGroups = q.Sites ?? SiteGroups.Names.Where(n => n == IncidenceSiteGroups.AllSites || present.Contains(n)).ToList(),
            SexSpecificSites = SiteGroups.SexSpecific, SuppressionThreshold = q.Threshold, ComplementarySuppression = q.Complementary,
            AreaNames = new Dictionary<string, string>(Map.CountyNames(stateFips!)) { [stateFips!] = stateName },
        };
        var build = Stopwatch.StartNew();
        var table = IncidenceTableBuilder.Build(request, counts, cells);
        build.Stop();
        return new IncidenceOutcome.Built(table, population, excluded,
            new IncidenceTimings(countTime, populationTime, build.Elapsed, total.Elapsed), $"Cancer incidence, {stateName}, {q.FirstYear}-{q.LastYear}",
            new IncidenceInputs(stateFips!, counts, cells)) { Sequence = counter.LastSequence, Replayed = scope is not null };
    }

    private static async Task<(T, TimeSpan)> Timed<T>(Func<Task<T>> work)
    {
        var sw = Stopwatch.StartNew();
        var result = await work();
        return (result, sw.Elapsed);
    }
}
