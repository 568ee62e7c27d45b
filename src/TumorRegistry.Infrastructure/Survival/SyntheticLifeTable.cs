using System.Globalization;
using System.Text;

namespace TumorRegistry.Infrastructure.Survival;

/// <summary>
/// A SYNTHETIC population life table for demos and tests only: Gompertz mortality (qx = 1 − exp(−a·e^(b·age)),
/// women at 60 % of men's hazard, 1 % lower each calendar year). It is not any country's life table; relative
/// survival against it means nothing epidemiologically. Real tables (e.g. US by state, sex and race) are imported.
/// </summary>
public static class SyntheticLifeTable
{
    public const string DefaultName = "synthetic-demo";
    public const string Description = "SYNTHETIC Gompertz mortality for demos; not a real population life table.";

    public static string Csv(int firstYear = 2000, int lastYear = 2030)
    {
        var sb = new StringBuilder("age,year,sex,qx\n");
        foreach (var sex in new[] { "1", "2" })
            for (int year = firstYear; year <= lastYear; year++)
                for (int age = 0; age <= 110; age++)
                {
                    double hazard = 0.00005 * Math.Exp(0.09 * age) * (sex == "2" ? 0.6 : 1) * Math.Pow(0.99, year - firstYear);
                    double qx = Math.Min(1 - Math.Exp(-hazard), 0.99);
                    sb.Append(CultureInfo.InvariantCulture, $"{age},{year},{sex},{qx:R}\n");
                }
        return sb.ToString();
    }
}
