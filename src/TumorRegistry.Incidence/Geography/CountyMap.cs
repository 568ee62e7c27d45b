using TumorRegistry.Standards;

namespace TumorRegistry.Incidence.Geography;

/// <summary>
/// US counties and states in the Albers USA projection (us-atlas 3.0.1, Census 1:10,000,000), ids = FIPS codes.
/// Coordinates are SVG pixels (975x610 frame, y down), so paths draw directly and centroids are planar points.
/// </summary>
public sealed class CountyMap(IReadOnlyList<MapFeature> counties, IReadOnlyList<MapFeature> states)
{
    /// <summary>Shipped file names under reference/geography.</summary>
    public const string CountiesFile = "counties-albers-10m.json", StatesFile = "states-albers-10m.json";

    readonly Dictionary<string, MapFeature> countyById = counties.ToDictionary(c => c.Id, StringComparer.Ordinal);

    /// <summary>All counties (id = 5-digit FIPS).</summary>
    public IReadOnlyList<MapFeature> Counties { get; } = counties;
    /// <summary>All states (id = 2-digit FIPS).</summary>
    public IReadOnlyList<MapFeature> States { get; } = states;

    /// <summary>Reads the two shipped TopoJSON files (reference/geography/...); the only I/O here.</summary>
    public static CountyMap Load()
    {
        using var c = ReferenceData.Open("reference", "geography", CountiesFile);
        using var s = ReferenceData.Open("reference", "geography", StatesFile);
        return new CountyMap(TopoJson.Read(c, "counties"), TopoJson.Read(s, "states"));
    }

    /// <summary>A county by 5-digit FIPS.</summary>
    public MapFeature? County(string fips5) => countyById.GetValueOrDefault(fips5);

    /// <summary>A state by 2-digit FIPS.</summary>
    public MapFeature? State(string fips2) => States.FirstOrDefault(s => s.Id == fips2);

    /// <summary>Counties of a state (FIPS prefix), in file order.</summary>
    public IReadOnlyList<MapFeature> CountiesOf(string stateFips) =>
        Counties.Where(c => c.Id.Length == 5 && c.Id.StartsWith(stateFips, StringComparison.Ordinal)).ToList();

    /// <summary>County FIPS to name for one state, for <c>IncidenceTableRequest.AreaNames</c>.</summary>
    public IReadOnlyDictionary<string, string> CountyNames(string stateFips) => CountiesOf(stateFips).ToDictionary(c => c.Id, c => c.Name);
}
