using TumorRegistry.Domain.Quality;

namespace TumorRegistry.Infrastructure.Quality;

/// <summary>The indicators of one facility (cases without a Reporting Facility are "none").</summary>
public sealed record FacilityQuality(string Facility, QualityReport Report);

/// <summary>Where the expected count came from, or why there is none.</summary>
public sealed record ExpectedSource(string? State, string? Population, string Rates, string? Missing);

/// <summary>The indicators for diagnosis years, for the registry (the facilities the reader holds) and by facility.</summary>
public sealed record QualityResult(int FirstYear, int LastYear, DateTimeOffset AsOf, ExpectedSource Expected, QualityReport Registry,
    IReadOnlyList<FacilityQuality> Facilities);

/// <summary>One diagnosis year of the trend.</summary>
public sealed record QualityYear(int Year, QualityReport Report);

/// <summary>
/// Builds the indicators from the registry: the records of the years, the expected count from the reference rates and
/// the state's imported population. Completeness is the registry's alone: it needs the whole state's cases, so a reader
/// who does not hold every facility, and each facility, gets no expected count.
/// </summary>
public sealed class RegistryQuality(QualityReader reader, QualityReference reference, TimeProvider clock)
{
    public const string NoFacility = "none";

    public QualityReference Reference => reference;

    /// <param name="holds">Whether the reader holds a facility (null facility: cases without one).</param>
    public async Task<QualityResult> BuildAsync(int firstYear, int lastYear, string? state, Func<string?, bool> holds, bool allFacilities,
        CancellationToken ct = default)
    {
        state ??= await reader.DefaultStateAsync(ct);
        var records = (await reader.RecordsAsync(firstYear, lastYear, state, ct)).Where(r => holds(r.Facility)).ToList();
        var (expected, source) = await ExpectedAsync(state, firstYear, lastYear, allFacilities, ct);
        var registry = Compute(records, expected);
        var facilities = records.GroupBy(r => r.Facility ?? NoFacility).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new FacilityQuality(g.Key, Compute(g.ToList(), null))).ToList();
        return new QualityResult(firstYear, lastYear, clock.GetUtcNow(), source, registry, facilities);
    }

    /// <summary>The registry's indicators for each diagnosis year from <paramref name="lastYear"/> - years + 1 to <paramref name="lastYear"/>.</summary>
    public async Task<IReadOnlyList<QualityYear>> TrendAsync(int lastYear, int years, string? state, Func<string?, bool> holds, bool allFacilities,
        CancellationToken ct = default)
    {
        state ??= await reader.DefaultStateAsync(ct);
        var first = lastYear - years + 1;
        var records = (await reader.RecordsAsync(first, lastYear, state, ct)).Where(r => holds(r.Facility)).ToLookup(r => r.DxYear);
        var trend = new List<QualityYear>();
        for (var year = first; year <= lastYear; year++)
        {
            var (expected, _) = await ExpectedAsync(state, year, year, allFacilities, ct);
            trend.Add(new QualityYear(year, Compute(records[year].ToList(), expected)));
        }
        return trend;
    }

    /// <summary>The records behind one indicator, for the years and the facilities the reader holds.</summary>
    public async Task<IReadOnlyList<(QualityRecord Record, Guid? DuplicateOf)>?> ListAsync(string indicator, int firstYear, int lastYear,
        Func<string?, bool> holds, CancellationToken ct = default)
    {
        var records = (await reader.RecordsAsync(firstYear, lastYear, null, ct)).Where(r => holds(r.Facility)).ToList();
        return QualityIndicators.ListOf(indicator, records);
    }

    /// <summary>The expected count: the whole table when every site is "All Sites", else the table's sites.</summary>
    public async Task<((double Expected, IReadOnlyCollection<string> Sites)? Value, ExpectedSource Source)> ExpectedAsync(string? state,
        int firstYear, int lastYear, bool allFacilities, CancellationToken ct)
    {
        ExpectedSource Source(string? population, string? missing) => new(state, population, reference.RatesSource, missing);
        if (!allFacilities) return (null, Source(null, "completeness is computed for readers who hold every facility"));
        if (state is null) return (null, Source(null, "no state: name one, or import the registry's population"));
        if (await reader.PopulationAsync(state, firstYear, lastYear, ct) is not { } population)
            return (null, Source(null, $"no imported population covers {state}"));
        var missingYears = Enumerable.Range(firstYear, lastYear - firstYear + 1).Except(population.Strata.Select(s => s.Year)).ToList();
        if (missingYears.Count > 0)
            return (null, Source(population.Name, $"the population has no {string.Join(", ", missingYears)}"));
        var bySite = ExpectedCounts.BySite(reference.Rates, population.Strata);
        return ((bySite.Values.Sum(), bySite.Keys.ToList()), Source(population.Name, null));
    }

    private QualityReport Compute(IReadOnlyCollection<QualityRecord> records, (double Expected, IReadOnlyCollection<string> Sites)? expected) =>
        QualityIndicators.Compute(records, expected?.Expected, expected is { } e ? ExpectedCounts.Observed(records, e.Sites) : 0,
            reference.Thresholds);
}
