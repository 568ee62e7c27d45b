using System.Globalization;

namespace TumorRegistry.Api.Cases.Shared;

/// <summary>
/// The headers of a write. X-Registrar is the authorization hook: it stands in for the authenticated user
/// until real authentication replaces it (then read the user from HttpContext.User here).
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
        var registrar = h[RegistrarHeader].ToString().Trim();
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
