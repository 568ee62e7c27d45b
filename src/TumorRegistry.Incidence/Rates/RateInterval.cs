namespace TumorRegistry.Incidence.Rates;

/// <summary>A confidence interval; both ends in the same unit as the estimate it belongs to.</summary>
public readonly record struct ConfidenceInterval(double Lower, double Upper)
{
    /// <summary>The interval multiplied by a constant (e.g. per 100,000).</summary>
    public ConfidenceInterval Scale(double factor) => new(Lower * factor, Upper * factor);
}
