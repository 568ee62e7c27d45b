namespace TumorRegistry.Incidence.Rates;

/// <summary>
/// An age-adjusted rate seen as a weighted sum of Poisson counts, y = sum w_i d_i with w_i = s_i / n_i,
/// plus the weight summaries the gamma intervals need (Fay and Feuer 1997; Tiwari et al. 2006).
/// Rates here are per person-year (not yet multiplied by 100,000).
/// </summary>
internal readonly record struct WeightedPoissonSum(long Count, double Population, double Rate, double Variance,
    double MaxWeight, double MeanWeight, double MeanWeightSquared, int WeightTerms, bool PopulationAdjusted)
{
    public static WeightedPoissonSum From(IReadOnlyList<long> counts, IReadOnlyList<double> populations, IReadOnlyList<double> standardPopulation)
    {
        int groups = counts.Count;
        if (populations.Count != groups || standardPopulation.Count != groups)
            throw new ArgumentException("Counts, populations and standard population must have one entry per age group.");
        double standardTotal = 0;
        foreach (var s in standardPopulation)
        {
            if (s < 0) throw new ArgumentException("Standard population cannot be negative.", nameof(standardPopulation));
            standardTotal += s;
        }
        if (!(standardTotal > 0)) throw new ArgumentException("Standard population must have a positive total.", nameof(standardPopulation));

        double rate = 0, variance = 0, maxWeight = 0, sumWeight = 0, sumWeightSquared = 0, population = 0;
        long count = 0;
        int terms = 0;
        bool adjusted = false;
        for (int i = 0; i < groups; i++)
        {
            long d = counts[i];
            double n = populations[i];
            if (d < 0 || n < 0) throw new ArgumentException($"Age group {i}: counts and populations cannot be negative.");
            count += d;
            population += n;
            if (n == 0)
            {
                if (d == 0) continue; // SEER: rate treated as zero; no weight term
                n = d;                // SEER: population set to the count for this group
                adjusted = true;
            }
            double w = standardPopulation[i] / standardTotal / n;
            rate += w * d;
            variance += w * w * d;
            maxWeight = Math.Max(maxWeight, w);
            sumWeight += w;
            sumWeightSquared += w * w;
            terms++;
        }
        return new WeightedPoissonSum(count, population, rate, variance, maxWeight,
            terms == 0 ? 0 : sumWeight / terms, terms == 0 ? 0 : sumWeightSquared / terms, terms, adjusted);
    }

    /// <summary>Lower gamma limit: Gamma(shape y^2/v, scale v/y) at alpha/2; 0 when there are no cases.</summary>
    public double Lower(double alpha) => Variance > 0 ? Quantiles.Gamma(alpha / 2, Rate * Rate / Variance, Variance / Rate) : 0;

    /// <summary>Upper gamma limit with y* = y + k and v* = v + k2 (Fay-Feuer: k = max w, k2 = k^2; Tiwari: k = mean w, k2 = mean w^2).</summary>
    public double Upper(double alpha, bool tiwari)
    {
        if (WeightTerms == 0) return double.PositiveInfinity;
        var (mean, variance) = Shifted(tiwari);
        return Quantiles.Gamma(1 - alpha / 2, mean * mean / variance, variance / mean);
    }

    /// <summary>The shifted mean and variance used for upper limits.</summary>
    public (double Mean, double Variance) Shifted(bool tiwari) => tiwari
        ? (Rate + MeanWeight, Variance + MeanWeightSquared)
        : (Rate + MaxWeight, Variance + MaxWeight * MaxWeight);
}
