namespace TumorRegistry.Infrastructure.Cases;

/// <summary>Our stream types (recorded by Marten in mt_streams.type as the Patient and TumorCase aggregates).</summary>
public static class StreamTypes
{
    public const string Patient = "patient";
    public const string Tumor = "tumor";
}
