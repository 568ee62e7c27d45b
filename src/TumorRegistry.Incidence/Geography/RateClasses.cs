namespace TumorRegistry.Incidence.Geography;

/// <summary>
/// Quantile classes for a choropleth (as State Cancer Profiles maps): class j holds the values up to the
/// ceil(j·n/k)-th smallest, so each class has about n/k areas. Tied breaks merge classes.
/// </summary>
public sealed record RateClasses(IReadOnlyList<double> UpperBounds, double Min)
{
    /// <summary>Number of classes (after merging ties).</summary>
    public int Count => UpperBounds.Count;

    /// <summary>Quantile classes of the values (NaN ignored).</summary>
    public static RateClasses Quantiles(IEnumerable<double> values, int classes = 5)
    {
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes));
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0) return new RateClasses([], double.NaN);
        var bounds = new List<double>();
        for (int j = 1; j <= classes; j++)
        {
            double b = sorted[(int)Math.Ceiling((double)j * sorted.Length / classes) - 1];
            if (bounds.Count == 0 || b > bounds[^1]) bounds.Add(b);
        }
        return new RateClasses(bounds, sorted[0]);
    }

    /// <summary>Index of the class holding the value (values above the top bound go in the top class).</summary>
    public int ClassOf(double value)
    {
        for (int j = 0; j < UpperBounds.Count; j++) if (value <= UpperBounds[j]) return j;
        return UpperBounds.Count - 1;
    }

    /// <summary>Lower end of class j for the legend: the minimum for the first, else the previous bound.</summary>
    public double LowerOf(int j) => j == 0 ? Min : UpperBounds[j - 1];
}
