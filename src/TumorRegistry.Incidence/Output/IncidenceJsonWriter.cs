using System.Text.Json;
using System.Text.Json.Serialization;
using TumorRegistry.Incidence.Tables;

namespace TumorRegistry.Incidence.Output;

/// <summary>Writes an incidence table as JSON (camelCase; suppressed values are null with "suppression" set).</summary>
public static class IncidenceJsonWriter
{
    static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The JSON document as a string.</summary>
    public static string ToJson(IncidenceTable table) => JsonSerializer.Serialize(Document(table), Options);

    /// <summary>Writes the JSON document to a stream (UTF-8).</summary>
    public static void Write(Stream stream, IncidenceTable table) => JsonSerializer.Serialize(stream, Document(table), Options);

    static object Document(IncidenceTable table)
    {
        var q = table.Request;
        return new
        {
            standardPopulation = q.Standard.Name,
            firstYear = q.FirstYear,
            lastYear = q.LastYear,
            perPopulation = q.PerPopulation,
            confidenceLevel = q.ConfidenceLevel,
            intervalMethod = q.IntervalMethod,
            suppressionThreshold = q.SuppressionThreshold,
            suppressionNote = table.SuppressionNote,
            rows = table.Rows.Select(r => new
            {
                r.AreaFips, r.AreaName, r.IsAreaTotal, r.SiteGroup, r.Sex, r.RaceEthnicity, r.Period, r.FirstYear, r.LastYear,
                r.Population, r.Count, r.AverageAnnualCount, r.CrudeRate, r.AgeAdjustedRate,
                lowerCi = r.Interval?.Lower, upperCi = r.Interval?.Upper,
                trend = r.Trend is { } t ? new { apc = t.Apc, lowerCi = t.Interval.Lower, upperCi = t.Interval.Upper, pValue = t.PValue, years = t.Years, fit = t.Fit } : null,
                r.Suppression,
            }),
        };
    }
}
