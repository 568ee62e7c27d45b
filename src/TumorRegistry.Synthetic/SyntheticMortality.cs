using System.Globalization;
using System.Text;

namespace TumorRegistry.Synthetic;

/// <summary>
/// SYNTHETIC population mortality for demos and tests: Gompertz (qx = 1 - exp(-a e^(b age)), women at 60 % of men's
/// hazard, 1 % lower each calendar year after 2000). Not any country's life table. The generator draws deaths from
/// other causes from it, and relative survival computed against the same table recovers the cancer survival drawn.
/// </summary>
public static class SyntheticMortality
{
    public const int BaseYear = 2000;

    public static double Qx(int age, int year, string sex)
    {
        var hazard = 0.00005 * Math.Exp(0.09 * age) * (sex == "2" ? 0.6 : 1) * Math.Pow(0.99, year - BaseYear);
        return Math.Min(1 - Math.Exp(-hazard), 0.99);
    }

    /// <summary>The table as the life-table import reads it (age, year, sex, qx).</summary>
    public static string Csv(int firstYear = BaseYear, int lastYear = 2030)
    {
        var sb = new StringBuilder("age,year,sex,qx\n");
        foreach (var sex in new[] { "1", "2" })
            for (var year = firstYear; year <= lastYear; year++)
                for (var age = 0; age <= 110; age++)
                    sb.Append(CultureInfo.InvariantCulture, $"{age},{year},{sex},{Qx(age, year, sex):R}\n");
        return sb.ToString();
    }
}
