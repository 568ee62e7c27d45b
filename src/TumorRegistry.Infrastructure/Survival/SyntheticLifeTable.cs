using TumorRegistry.Synthetic;

namespace TumorRegistry.Infrastructure.Survival;

/// <summary>
/// The SYNTHETIC population life table for demos and tests only (<see cref="SyntheticMortality"/>: Gompertz, not any
/// country's table; relative survival against it means nothing epidemiologically). Real tables are imported.
/// </summary>
public static class SyntheticLifeTable
{
    public const string DefaultName = "synthetic-demo";
    public const string Description = "SYNTHETIC Gompertz mortality for demos; not a real population life table.";

    public static string Csv(int firstYear = 2000, int lastYear = 2030) => SyntheticMortality.Csv(firstYear, lastYear);
}
