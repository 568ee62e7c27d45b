using System.Globalization;

namespace TumorRegistry.Api.Cases.Shared;

/// <summary>
/// Who writes and the headers of a write. The registrar is the signed-in principal's name, never a header:
/// X-Registrar is ignored (kept as a name only for code that still mentions it).
/// </summary>
public sealed record WriteHeaders(string? Registrar, int? ExpectedVersion, string? Reason, Guid CorrelationId)
{
    public const string RegistrarHeader = "X-Registrar";
    public const string ReasonHeader = "X-Reason";
    public const string CorrelationHeader = "X-Correlation-Id";

    public static WriteHeaders From(HttpContext http)
    {
        var h = http.Request.Headers;
        var correlation = Guid.TryParse(h[CorrelationHeader].ToString(), out var c) ? c : Guid.NewGuid();
        http.Response.Headers[CorrelationHeader] = correlation.ToString();
        var registrar = http.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : "";
        var reason = h[ReasonHeader].ToString().Trim();
        return new(registrar.Length == 0 ? null : registrar, ParseIfMatch(h.IfMatch.ToString()), reason.Length == 0 ? null : reason, correlation);
    }

    /// <summary>"3", "\"3\"" or W/"3" give 3; "*" any version; missing or unreadable gives null (428).</summary>
    public static int? ParseIfMatch(string value)
    {
        var v = value.Trim();
        if (v == "*") return RegistryCommand.AnyVersion;
        if (v.StartsWith("W/", StringComparison.Ordinal)) v = v[2..];
        v = v.Trim('"');
        return int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
    }

    public static string ETag(int version) => $"\"{version}\"";
}
