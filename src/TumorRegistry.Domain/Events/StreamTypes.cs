namespace TumorRegistry.Domain.Events;

/// <summary>Stream type names for the event store (StreamAppend.StreamType).</summary>
public static class StreamTypes
{
    public const string Patient = "patient";
    public const string Tumor = "tumor";
}
