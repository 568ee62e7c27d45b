using TumorRegistry.Api.Security.Authorization;
using TumorRegistry.Infrastructure.Security;

namespace TumorRegistry.Api.Security.Audit;

/// <summary>
/// Appends a phi_audit row for every request to an endpoint that shows or changes identified data, whatever its
/// outcome (refusals included): who, which patient or case, which endpoint, from where, the status. Runs before
/// authorization so a 401 or 403 is recorded too.
/// </summary>
public sealed class PhiAuditMiddleware(RequestDelegate next, AuditStore audit, TimeProvider clock, ILogger<PhiAuditMiddleware> log)
{
    /// <summary>Set by the scoping checks when a record or facility was hidden from the principal (answered 404).</summary>
    public const string DeniedItem = "tr.audit.denied";
    /// <summary>Set by the pipeline when the patient is named in the body only (opening a case).</summary>
    public const string PatientItem = "tr.audit.patient";
    private const string ListedItem = "tr.audit.listed";

    /// <summary>A list endpoint names the patients and cases it showed: each gets its own audit row ("listed").</summary>
    public static void Listed(HttpContext http, IEnumerable<(Guid? PatientId, Guid? CaseId)> records) =>
        http.Items[ListedItem] = records.Distinct().ToList();

    public async Task InvokeAsync(HttpContext http)
    {
        var security = http.GetEndpoint()?.Metadata.GetMetadata<EndpointSecurity>();
        if (security is not { Phi: true })
        {
            await next(http);
            return;
        }
        var at = clock.GetUtcNow();
        http.Response.OnStarting(() =>
        {
            http.Response.Headers.CacheControl = "no-store"; // identified data never sits in a cache
            return Task.CompletedTask;
        });
        var failed = false;
        try { await next(http); }
        catch { failed = true; throw; }
        finally { await AppendAsync(http, at, failed); }
    }

    private async Task AppendAsync(HttpContext http, DateTimeOffset at, bool failed)
    {
        try
        {
            var values = http.Request.RouteValues;
            Guid? patient = Id(values, "patientId") ?? http.Items[PatientItem] as Guid?;
            Guid? @case = Id(values, "caseId");
            // A created stream is named by the Location header only.
            if (http.Response.Headers.Location.ToString() is { Length: > 0 } location && Guid.TryParse(location.Split('/').Last(), out var created))
            {
                if (location.StartsWith("/patients/", StringComparison.Ordinal)) patient ??= created;
                else if (location.StartsWith("/cases/", StringComparison.Ordinal)) @case ??= created;
            }
            var endpoint = http.GetEndpoint() as RouteEndpoint;
            var action = $"{http.Request.Method} {endpoint?.RoutePattern.RawText}";
            var outcome = failed ? "500" : http.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (http.Items.TryGetValue(DeniedItem, out var why)) outcome += $" {why}";
            var query = http.Request.QueryString.Value is { Length: > 1 } q ? q[..Math.Min(q.Length, 300)] : null;
            var entry = new AuditEntry(at, http.User.Identity?.Name ?? "anonymous", patient, @case, action,
                http.Connection.RemoteIpAddress?.ToString(), outcome, query);
            // One round trip: the request's row (its patient found from the case when only the case is named) and the listed rows.
            await audit.AppendAsync(entry, http.Items[ListedItem] as List<(Guid?, Guid?)> ?? [], CancellationToken.None);
        }
        catch (Exception e)
        {
            // The response has gone; the failure is logged (without values) for the operator to see.
            log.LogError("PHI audit row could not be written: {Error}", e.GetType().Name);
        }
    }

    private static Guid? Id(RouteValueDictionary values, string key) =>
        values.TryGetValue(key, out var v) && Guid.TryParse(v?.ToString(), out var g) ? g : null;
}
