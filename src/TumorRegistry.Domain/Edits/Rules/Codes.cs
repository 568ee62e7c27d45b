namespace TumorRegistry.Domain.Edits.Rules;

/// <summary>Small helpers for ICD-O-3 code ranges used by several edits.</summary>
internal static class Codes
{
    /// <summary>Site within an inclusive range of topography codes, e.g. InRange("C509", "C500", "C509").</summary>
    public static bool InRange(string code, string from, string to) =>
        code.Length == from.Length && string.CompareOrdinal(code, from) >= 0 && string.CompareOrdinal(code, to) <= 0;

    public static bool InRange(int? value, int from, int to) => value is { } v && v >= from && v <= to;

    /// <summary>Hematopoietic and lymphoid neoplasms: histology 9590-9993.</summary>
    public static bool IsHematopoietic(int? histology) => InRange(histology, 9590, 9993);
}
