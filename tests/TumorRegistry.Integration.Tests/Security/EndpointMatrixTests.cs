using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TumorRegistry.Api.Security.Authorization;
using TumorRegistry.Infrastructure.Security;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Cases;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Security;

/// <summary>
/// Every endpoint the app maps (read from its own EndpointDataSource) called by every kind of principal: the status
/// follows from the endpoint's policy and the principal's roles and facilities. An endpoint without a policy fails.
/// </summary>
public sealed class EndpointMatrixTests(RegistryApiFactory api) : IClassFixture<RegistryApiFactory>
{
    private static readonly HashSet<HttpStatusCode> Denied = [HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden];

    [Fact]
    public async Task Every_endpoint_has_a_policy_and_answers_each_principal_as_its_policy_says()
    {
        var admin = api.CreateClient();
        var patientId = await admin.RegisterPatientAsync("00000901");
        var (caseId, _) = await admin.OpenCaseAsync(patientId, Principal.FacilityA);
        var created = await (await admin.PostAsync("/admin/keys", Json(new { owner = "revoked.client", roles = new[] { "admin", "registrar" }, days = 5 })))
            .Expect(HttpStatusCode.Created);
        var revokedKey = created.GetProperty("key").GetString()!;
        await (await admin.DeleteAsync($"/admin/keys/{created.GetProperty("info").GetProperty("id").GetGuid()}")).Expect(HttpStatusCode.NoContent);

        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var unpoliced = endpoints.Where(e => e.Metadata.GetMetadata<EndpointSecurity>() is null).Select(e => e.DisplayName).ToList();
        Assert.True(unpoliced.Count == 0, "Endpoints without a policy in EndpointPolicies.Table: " + string.Join("; ", unpoliced));
        var mapped = endpoints.SelectMany(e => Methods(e)
            .Select(m => EndpointPolicies.Key(m, "/" + e.RoutePattern.RawText!.TrimStart('/')))).ToHashSet();
        var stale = EndpointPolicies.Table.Keys.Where(k => !mapped.Contains(k)).ToList();
        Assert.True(stale.Count == 0, "The table names endpoints the app does not map: " + string.Join("; ", stale));

        var principals = new[] { Principal.Anonymous, Principal.RegistrarA, Principal.RegistrarB, Principal.Manager, Principal.Epidemiologist,
            Principal.Admin, Principal.Expired };
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var security = endpoint.Metadata.GetMetadata<EndpointSecurity>()!;
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var method = Methods(endpoint).Single() is var m && m == EndpointPolicies.AnyMethod ? "GET" : Methods(endpoint).Single();
            var url = pattern.Replace("{caseId:guid}", caseId.ToString()).Replace("{patientId:guid}", patientId.ToString())
                .Replace("{id:guid}", Guid.NewGuid().ToString()).Replace("{id:long}", "1").Replace("{name}", "none").Replace("{userName}", "nobody")
                .Replace("{documentName}", "v1").Replace("{**path}", "recurring");
            foreach (var principal in principals.Append(null))
            {
                var request = new HttpRequestMessage(new HttpMethod(method), url);
                // A forged name in the old header changes nothing.
                request.Headers.Add("X-Registrar", "forged.name");
                if (principal?.Token is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                if (principal is null) request.Headers.Add("X-Api-Key", revokedKey);
                if (method == "POST")
                    request.Content = pattern == "/cases"
                        ? Json(new { patientId, casefindingSource = "10", reportingFacility = Principal.FacilityA, typeOfReportingSource = "1" })
                        : security.BodyTypes is { } types ? new StringContent("x", Encoding.UTF8, types[0]) : Json(new { });
                var response = await api.Anonymous().SendAsync(request);
                var expected = Expected(security, pattern, method, principal);
                var who = principal?.Name ?? "revoked key";
                var ok = expected switch
                {
                    // Unknown key, population or life-table ids answer 404; the case and patient exist.
                    "allowed" => !Denied.Contains(response.StatusCode)
                        && (response.StatusCode != HttpStatusCode.NotFound || pattern.Contains("{id:guid}") || pattern.Contains("{name}")),
                    "any" => !Denied.Contains(response.StatusCode),
                    _ => response.StatusCode.ToString() == expected,
                };
                if (!ok || response.StatusCode == HttpStatusCode.InternalServerError)
                    failures.Add($"{method} {pattern} as {who}: expected {expected}, got {(int)response.StatusCode}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static IReadOnlyList<string> Methods(RouteEndpoint e) =>
        e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [EndpointPolicies.AnyMethod];

    /// <summary>What the policy table and the facility rules say the principal (null: the revoked key) gets.</summary>
    private static string Expected(EndpointSecurity security, string pattern, string method, Principal? p)
    {
        if (security.Policy is null) return "any";
        if (p is null || !p.SignedIn) return nameof(HttpStatusCode.Unauthorized);
        if (!p.Roles.Intersect(Policies.Roles[security.Policy]).Any()) return nameof(HttpStatusCode.Forbidden);
        if (Policies.AllFacilitiesOnly.Contains(security.Policy) && !p.Holds(RegistryRoles.AllFacilities)) return nameof(HttpStatusCode.Forbidden);
        if (method == "POST" && pattern == "/cases" && !p.Holds(Principal.FacilityA)) return nameof(HttpStatusCode.Forbidden);
        // The case and patient are facility A's: anyone else is told they do not exist.
        if ((pattern.Contains("{caseId") || pattern.Contains("{patientId")) && !pattern.StartsWith("/admin", StringComparison.Ordinal)
            && !p.Holds(Principal.FacilityA)) return nameof(HttpStatusCode.NotFound);
        return "allowed";
    }

    private static StringContent Json(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
