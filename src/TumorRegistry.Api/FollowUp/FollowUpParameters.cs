using System.Globalization;

namespace TumorRegistry.Api.FollowUp;

/// <summary>Checks the follow-up query parameters; each bad one is named in the 400.</summary>
public sealed class FollowUpParameters(TimeProvider clock)
{
    public Dictionary<string, string[]> Errors { get; } = [];

    /// <summary>yyyy-MM-dd; today (UTC) when absent.</summary>
    public DateOnly AsOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Errors["asOf"] = [$"asOf is a date as yyyy-MM-dd, not {TumorRegistry.Standards.ErrorText.Quote(text)}."];
        return default;
    }

    /// <summary>An optional yyyy-MM-dd bound named <paramref name="name"/> in the 400; null when absent.</summary>
    public DateOnly? OptionalDate(string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Errors[name] = [$"{name} is a date as yyyy-MM-dd, not {TumorRegistry.Standards.ErrorText.Quote(text)}."];
        return null;
    }

    public int Page(int? page)
    {
        if (page is < 1) Errors["page"] = ["Pages start at 1."];
        return page ?? 1;
    }

    public int PageSize(int? pageSize)
    {
        if (pageSize is < 1 or > 500) Errors["pageSize"] = ["Page size is 1 to 500."];
        return pageSize ?? 50;
    }

    public int ReferenceYear(string? text, DateOnly asOf)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= 1900 && year <= asOf.Year) return year;
        Errors["referenceYear"] = [$"referenceYear is the registry's reference year (1900 to the as-of year), not {TumorRegistry.Standards.ErrorText.Quote(text)}."];
        return default;
    }

    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
