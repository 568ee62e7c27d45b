using MathNet.Numerics.Distributions;

namespace TumorRegistry.Survival.Estimation;

/// <summary>Transformation used for pointwise confidence intervals of a survival curve (as in R survfit's conf.type).</summary>
public enum ConfidenceType
{
    /// <summary>S ± z·se(S), clipped to [0, 1].</summary>
    Plain,
    /// <summary>exp(log S ± z·se(log S)), upper clipped to 1. R's default.</summary>
    Log,
    /// <summary>exp(−exp(log(−log S) ± z·se(log S)/log S)). Undefined where S is 0 or 1.</summary>
    LogLog,
}

/// <summary>Pointwise confidence limits for a survival probability.</summary>
public static class ConfidenceLimits
{
    /// <summary>Two-sided standard normal quantile for a confidence level, e.g. 1.959964 for 0.95.</summary>
    public static double Z(double level) => Normal.InvCDF(0, 1, 1 - (1 - level) / 2);

    /// <summary>
    /// Limits for survival <paramref name="s"/> with standard error of log S (Greenwood) <paramref name="seLog"/>.
    /// Returns NaN where the transformation is undefined, as R returns NA.
    /// </summary>
    public static (double Lower, double Upper) For(double s, double seLog, ConfidenceType type, double z)
    {
        switch (type)
        {
            case ConfidenceType.Plain:
                {
                    double half = seLog * s * z;
                    return (Math.Max(s - half, 0), Math.Min(s + half, 1));
                }
            case ConfidenceType.Log:
                {
                    if (s == 0 || double.IsNaN(seLog)) return (double.NaN, double.NaN);
                    double ls = Math.Log(s);
                    return (Math.Exp(ls - z * seLog), Math.Min(Math.Exp(ls + z * seLog), 1));
                }
            default:
                {
                    if (s == 0 || s == 1 || double.IsNaN(seLog)) return (double.NaN, double.NaN);
                    double ls = Math.Log(s);
                    double half = z * seLog / ls;
                    double c = Math.Log(-ls);
                    return (Math.Exp(-Math.Exp(c - half)), Math.Exp(-Math.Exp(c + half)));
                }
        }
    }
}
