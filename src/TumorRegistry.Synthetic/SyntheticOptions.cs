namespace TumorRegistry.Synthetic;

/// <summary>What to generate. The same options and seed give the same registry, identifiers included.</summary>
public sealed record SyntheticOptions
{
    public int Seed { get; init; } = 2026;
    /// <summary>Primary tumors reported (duplicate reports come on top).</summary>
    public int Tumors { get; init; } = 50_000;
    public int FirstYear { get; init; } = 2005;
    public int LastYear { get; init; } = 2024;
    /// <summary>Follow-up (and the registry's knowledge of deaths) runs to this date.</summary>
    public DateOnly FollowUpThrough { get; init; } = new(2025, 6, 30);
    public IReadOnlyList<string> Facilities { get; init; } = ["0006540001", "0006540002", "0006540003"];
    /// <summary>Share of cases given one planted edit error (kept open, as a registry never completes them).</summary>
    public double PlantedErrorRate { get; init; } = 0.01;
    /// <summary>Share of tumors reported a second time, from another facility, under a varied identity.</summary>
    public double DuplicateReportRate { get; init; } = 0.01;
    /// <summary>Share of deaths known from the death certificate only.</summary>
    public double DeathCertificateOnlyRate { get; init; } = 0.015;
    /// <summary>Share of cases left open on the worklists although they pass their edits.</summary>
    public double OpenRate { get; init; } = 0.05;
    /// <summary>The planted geographic cluster: this site in this county at this relative risk.</summary>
    public PlantedCluster Cluster { get; init; } = new("Thyroid", "35045", 3.0);
}

public sealed record PlantedCluster(string Site, string CountyFips, double RelativeRisk);
