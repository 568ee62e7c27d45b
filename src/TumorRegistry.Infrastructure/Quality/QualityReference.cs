using TumorRegistry.Domain.Quality;
using TumorRegistry.Standards;

namespace TumorRegistry.Infrastructure.Quality;

/// <summary>
/// The thresholds (data/reference/quality/thresholds.csv) and the reference rates for expected counts
/// (data/reference/quality/expected-rates.csv, or the file named by Quality:ReferenceRates), loaded once.
/// </summary>
public sealed class QualityReference(IReadOnlyList<QualityThreshold> thresholds, IReadOnlyList<ReferenceRate> rates, string ratesSource)
{
    public const string RatesSetting = "Quality:ReferenceRates";

    public IReadOnlyList<QualityThreshold> Thresholds { get; } = thresholds;
    public IReadOnlyList<ReferenceRate> Rates { get; } = rates;
    /// <summary>The rate file's name, shown beside the expected count.</summary>
    public string RatesSource { get; } = ratesSource;

    public static QualityReference Load(string? ratesFile = null)
    {
        using var thresholds = ReferenceData.OpenText("reference", "quality", "thresholds.csv");
        using var rates = ratesFile is { Length: > 0 } f ? new StreamReader(f) : ReferenceData.OpenText("reference", "quality", "expected-rates.csv");
        return new QualityReference(QualityThresholds.Parse(thresholds), ExpectedCounts.Parse(rates),
            ratesFile is { Length: > 0 } ? Path.GetFileName(ratesFile) : "expected-rates.csv (illustrative, shipped)");
    }
}
