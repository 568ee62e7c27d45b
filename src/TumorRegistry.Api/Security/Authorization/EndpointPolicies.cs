using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace TumorRegistry.Api.Security.Authorization;

/// <summary>What the security layer knows of an endpoint: its policy, whether it shows or changes identified data
/// (audited, no-store), whether it lists by facility, and which body types it takes when it reads the body itself.</summary>
public sealed record EndpointSecurity(string? Policy, bool Phi = false, bool FacilityList = false, string[]? BodyTypes = null);

/// <summary>
/// Every endpoint's policy in one table, keyed by method and route pattern, applied to the group every module maps
/// into. An endpoint missing here gets no policy, only the fallback (signed in), and fails the endpoint matrix test.
/// </summary>
public static class EndpointPolicies
{
    private static readonly string[] Csv = ["text/csv", "application/octet-stream"];
    private static readonly string[] Xml = ["application/xml", "text/xml"];
    private static readonly string[] Hl7v2 = ["x-application/hl7-v2+er7", "application/hl7-v2"];
    private static readonly string[] Fhir = ["application/fhir+json", "application/json"];

    public static readonly IReadOnlyDictionary<string, EndpointSecurity> Table = new Dictionary<string, EndpointSecurity>
    {
        ["GET /health"] = new(null),
        ["POST /auth/login"] = new(null),
        ["GET /auth/antiforgery"] = new(null),
        ["POST /auth/logout"] = new(Policies.SignedIn),
        ["GET /auth/me"] = new(Policies.SignedIn),
        ["GET /openapi/{documentName}.json"] = new(Policies.SignedIn),

        ["POST /patients"] = new(Policies.Abstract, Phi: true),
        ["POST /patients/{patientId:guid}/demographics"] = new(Policies.Abstract, Phi: true),
        ["POST /patients/{patientId:guid}/follow-up"] = new(Policies.Abstract, Phi: true),
        ["POST /patients/{patientId:guid}/death"] = new(Policies.Abstract, Phi: true),
        ["POST /patients/{patientId:guid}/corrections"] = new(Policies.Abstract, Phi: true),
        ["POST /patients/{patientId:guid}/import"] = new(Policies.Abstract, Phi: true),
        ["POST /cases"] = new(Policies.Abstract, Phi: true),
        ["POST /cases/{caseId:guid}/address-at-diagnosis"] = new(Policies.Abstract, Phi: true),
        ["POST /cases/{caseId:guid}/diagnosis"] = new(Policies.Abstract, Phi: true),
        ["POST /cases/{caseId:guid}/stage"] = new(Policies.Abstract, Phi: true),
        ["POST /cases/{caseId:guid}/treatment"] = new(Policies.Abstract, Phi: true),
        ["POST /cases/{caseId:guid}/follow-up"] = new(Policies.Abstract, Phi: true),
        ["POST /cases/{caseId:guid}/complete"] = new(Policies.Abstract, Phi: true),
        ["POST /cases/{caseId:guid}/reopen"] = new(Policies.Abstract, Phi: true),
        ["POST /cases/{caseId:guid}/corrections"] = new(Policies.Abstract, Phi: true),
        ["POST /cases/{caseId:guid}/overrides"] = new(Policies.Abstract, Phi: true),
        ["POST /cases/{caseId:guid}/duplicate"] = new(Policies.Abstract, Phi: true),
        ["POST /cases/{caseId:guid}/import"] = new(Policies.Abstract, Phi: true),
        ["GET /cases/{caseId:guid}"] = new(Policies.ReadIdentified, Phi: true),
        ["GET /patients/{patientId:guid}"] = new(Policies.ReadIdentified, Phi: true),
        ["GET /cases/{caseId:guid}/history"] = new(Policies.ReadIdentified, Phi: true),
        ["GET /cases/{caseId:guid}/edits"] = new(Policies.ReadIdentified, Phi: true),
        ["GET /worklists"] = new(Policies.Worklists, Phi: true, FacilityList: true),
        ["GET /edits"] = new(Policies.Worklists, Phi: true, FacilityList: true),
        ["POST /imports/naaccr-xml"] = new(Policies.Import, Phi: true, BodyTypes: Xml),
        ["GET /imports/naaccr-xml/{id:guid}"] = new(Policies.Import),
        // User-defined dictionaries: item definitions, no patient data.
        ["POST /naaccr/dictionaries"] = new(Policies.NaaccrDictionaries, BodyTypes: Xml),
        ["GET /naaccr/dictionaries"] = new(Policies.NaaccrDictionaries),
        // Exports (issue 10): identified data for registrars and managers (their facilities), the de-identified extract
        // for the statistics roles; status and download only for who asked (the handlers answer 404 to anyone else).
        ["POST /exports/naaccr"] = new(Policies.ReadIdentified, Phi: true),
        ["POST /exports/deidentified"] = new(Policies.Statistics),
        ["GET /exports/{id:guid}"] = new(Policies.SignedIn),
        ["GET /exports/{id:guid}/file"] = new(Policies.SignedIn, Phi: true),

        ["GET /follow-up/due"] = new(Policies.FollowUp, Phi: true, FacilityList: true),
        ["GET /follow-up/letters"] = new(Policies.FollowUp, Phi: true, FacilityList: true),
        ["GET /follow-up/rates"] = new(Policies.FollowUp),
        ["GET /follow-up/snapshots"] = new(Policies.FollowUp, FacilityList: true),
        ["POST /follow-up/snapshots/run"] = new(Policies.FollowUp),
        // Follow-up workflow (issue 11): answers by registrars; the manager's views.
        ["POST /cases/{caseId:guid}/follow-up-contacts"] = new(Policies.Abstract, Phi: true),
        ["POST /patients/{patientId:guid}/follow-up-answers"] = new(Policies.Abstract, Phi: true),
        ["GET /follow-up/patients/{patientId:guid}"] = new(Policies.FollowUp, Phi: true),
        ["GET /follow-up/requests"] = new(Policies.FollowUp, Phi: true, FacilityList: true),
        ["GET /follow-up/lost"] = new(Policies.FollowUp, Phi: true, FacilityList: true),
        ["GET /follow-up/due/summary"] = new(Policies.FollowUp, FacilityList: true),
        ["GET /follow-up/rates/cases"] = new(Policies.FollowUp, Phi: true),
        ["GET /follow-up/rates/trend"] = new(Policies.FollowUp, FacilityList: true),
        ["GET /follow-up/rates/as-recorded"] = new(Policies.FollowUp),
        ["GET /follow-up/templates"] = new(Policies.FollowUp),
        ["PUT /follow-up/templates/{name}"] = new(Policies.FollowUp),
        ["POST /follow-up/letter-batches"] = new(Policies.FollowUp, Phi: true, FacilityList: true),
        ["GET /follow-up/letter-batches"] = new(Policies.FollowUp, FacilityList: true),
        ["GET /follow-up/letter-batches/{id:guid}"] = new(Policies.FollowUp, Phi: true),
        ["GET /follow-up/letter-batches/{id:guid}/csv"] = new(Policies.FollowUp, Phi: true),

        ["GET /incidence"] = new(Policies.Statistics),
        ["GET /incidence/areas"] = new(Policies.Statistics),
        ["GET /populations"] = new(Policies.Statistics),
        ["GET /populations/{id:guid}/export"] = new(Policies.Statistics),
        ["POST /populations"] = new(Policies.PopulationImport, BodyTypes: Csv),
        ["GET /survival/life-tables"] = new(Policies.Statistics),
        ["GET /survival/life-tables/{name}"] = new(Policies.Statistics),
        ["POST /survival/life-tables"] = new(Policies.LifeTableImport, BodyTypes: Csv),
        ["GET /survival/observed"] = new(Policies.Statistics),
        ["GET /survival/cause-specific"] = new(Policies.Statistics),
        ["GET /survival/life-table"] = new(Policies.Statistics),
        ["GET /survival/conditional"] = new(Policies.Statistics),
        ["GET /survival/relative"] = new(Policies.Statistics),
        // Saved cohorts are criteria, not cases; screening a trial shows identified patients (issue 13).
        ["GET /cohorts"] = new(Policies.Cohorts),
        ["GET /cohorts/{name}"] = new(Policies.Cohorts),
        ["POST /cohorts"] = new(Policies.Cohorts),
        ["GET /cohorts/{name}/trial-candidates"] = new(Policies.ReadIdentified, Phi: true, FacilityList: true),

        // Patient linkage (issue 14): the review worklist shows both records' identifiers (registrars, audited).
        ["GET /linkage/pairs"] = new(Policies.LinkageReview, Phi: true),
        ["GET /linkage/counts"] = new(Policies.LinkageCounts),
        ["POST /linkage/pairs/{id:long}/confirm"] = new(Policies.LinkageReview, Phi: true),
        ["POST /linkage/pairs/{id:long}/reject"] = new(Policies.LinkageReview, Phi: true),
        ["POST /linkage/dedup/run"] = new(Policies.LinkageReview),
        ["* /linkage/review"] = new(Policies.LinkageReview, Phi: true),

        // Hangfire's dashboard is one endpoint for every method (its pages and its POSTed actions).
        ["* /jobs/{**path}"] = new(Policies.Jobs),

        // The web pages (Web/, */Pages/): one endpoint per page for every method (GET shows, POST saves).
        // Multiple primaries (issue 14): registrars only; the decision and the worklist show a patient's tumors.
        ["POST /primaries/decide"] = new(Policies.Abstract, Phi: true),
        ["GET /primaries/review"] = new(Policies.Abstract, Phi: true),
        ["POST /primaries/review/{id:guid}/resolve"] = new(Policies.Abstract, Phi: true),
        ["* /registrar/primaries"] = new(Policies.Abstract, Phi: true),
        ["* /signin"] = new(null),
        ["* /signout"] = new(Policies.SignedIn),
        ["* /"] = new(Policies.SignedIn, Phi: true),
        ["* /registrar/worklist"] = new(Policies.Worklists, Phi: true),
        ["* /registrar/cases/new"] = new(Policies.Abstract, Phi: true),
        ["* /registrar/cases/{caseId:guid}"] = new(Policies.ReadIdentified, Phi: true),
        ["* /registrar/cases/{caseId:guid}/history"] = new(Policies.ReadIdentified, Phi: true),
        ["* /manager/follow-up"] = new(Policies.FollowUp, Phi: true),
        ["* /manager/follow-up/{patientId:guid}"] = new(Policies.FollowUp, Phi: true),
        ["* /manager/rates"] = new(Policies.FollowUp),
        ["* /manager/workload"] = new(Policies.Workload),
        ["* /epi/survival"] = new(Policies.Statistics),
        ["* /epi/incidence"] = new(Policies.Statistics),

        ["GET /admin/users"] = new(Policies.Admin),
        ["POST /admin/users"] = new(Policies.Admin),
        ["GET /admin/keys"] = new(Policies.Admin),
        ["POST /admin/keys"] = new(Policies.Admin),
        ["DELETE /admin/keys/{id:guid}"] = new(Policies.Admin),
        ["GET /admin/audit/patients/{patientId:guid}"] = new(Policies.Admin),
        ["GET /admin/audit/users/{userName}"] = new(Policies.Admin),

        // Consolidation (issue 14): registrars fold source records in and resolve conflicts; managers see the worklist.
        ["POST /cases/{caseId:guid}/source-records"] = new(Policies.Abstract, Phi: true),
        ["GET /cases/{caseId:guid}/sources"] = new(Policies.ReadIdentified, Phi: true),
        ["GET /consolidation/review"] = new(Policies.Worklists, Phi: true, FacilityList: true),
        ["POST /consolidation/review/{id:guid}/resolve"] = new(Policies.Abstract, Phi: true),
        ["* /registrar/consolidation/review"] = new(Policies.Worklists, Phi: true),
        ["* /registrar/cases/{caseId:guid}/sources"] = new(Policies.ReadIdentified, Phi: true),
        // Casefinding (issue 14): electronic reports in; the queue is the registrars' and the managers', never the epidemiologists'.
        ["POST /reports/hl7v2"] = new(Policies.Import, Phi: true, BodyTypes: Hl7v2),
        ["POST /reports/fhir"] = new(Policies.Import, Phi: true, BodyTypes: Fhir),
        ["GET /reports/{id:guid}"] = new(Policies.ReadIdentified, Phi: true),
        ["GET /casefinding"] = new(Policies.Worklists),
        ["POST /casefinding/{id:guid}/dismiss"] = new(Policies.Abstract, Phi: true),
        ["POST /casefinding/{id:guid}/accept"] = new(Policies.Abstract, Phi: true),
        ["* /registrar/casefinding"] = new(Policies.Worklists),
        ["* /registrar/casefinding/{id:guid}"] = new(Policies.ReadIdentified, Phi: true),

        ["GET /quality"] = new(Policies.Quality),
        ["GET /quality/trend"] = new(Policies.Quality),
        ["GET /quality/cases"] = new(Policies.Quality, Phi: true, FacilityList: true),
        ["GET /quality/snapshots"] = new(Policies.Quality, FacilityList: true),
        ["POST /quality/snapshots/run"] = new(Policies.Quality),
    };

    /// <summary>The method key of an endpoint that answers every method.</summary>
    public const string AnyMethod = "*";

    public static string Key(string method, string pattern) => $"{method} {(pattern.Length > 1 ? pattern.TrimEnd('/') : pattern)}";

    /// <summary>Adds each endpoint's policy (or AllowAnonymous) and its security record as metadata.</summary>
    public static TBuilder WithRegistryPolicies<TBuilder>(this TBuilder group) where TBuilder : IEndpointConventionBuilder
    {
        group.Finally(b =>
        {
            if (b is not RouteEndpointBuilder route) return;
            var methods = b.Metadata.OfType<HttpMethodMetadata>().LastOrDefault()?.HttpMethods ?? [AnyMethod];
            var pattern = "/" + (route.RoutePattern.RawText ?? "").TrimStart('/');
            foreach (var method in methods)
            {
                if (!Table.TryGetValue(Key(method, pattern), out var security)) continue;
                b.Metadata.Add(security);
                if (security.Policy is null) b.Metadata.Add(new AllowAnonymousAttribute());
                else b.Metadata.Add(new AuthorizeAttribute(security.Policy));
                break;
            }
        });
        return group;
    }
}
