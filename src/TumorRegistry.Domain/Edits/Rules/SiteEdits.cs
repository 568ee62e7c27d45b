using TumorRegistry.Standards.Demographics;
using static TumorRegistry.Domain.Edits.EditDefinition;
using static TumorRegistry.Domain.Edits.Rules.Codes;

namespace TumorRegistry.Domain.Edits.Rules;

/// <summary>Primary site: existence, sex-specific sites, laterality of paired organs.</summary>
internal static class SiteEdits
{
    public static IEnumerable<EditDefinition> All()
    {
        yield return new("TR100", "Primary Site (ICD-O-3)",
            "Primary Site is not an ICD-O-3 topography code.",
            EditSeverity.Error, ["primarySite"], false, ctx =>
                ctx["primarySite"] is { } site ? PassIf(ctx.Standards.IcdO3.SiteExists(site)) : Skip);

        yield return new("TR101", "Primary Site, Sex (female sites)",
            "A female genital site (C510-C589) is coded for a patient whose sex is male.",
            EditSeverity.Error, ["primarySite", "sex"], false, ctx =>
                ctx["primarySite"] is { } site && InRange(site, "C510", "C589") && PatientSex.FromItems(ctx.Items) is { } sex
                    ? PassIf(sex.AtBirth != SexAssignedAtBirth.Male) : Skip);

        yield return new("TR102", "Primary Site, Sex (male sites)",
            "A male genital site (C600-C639) is coded for a patient whose sex is female.",
            EditSeverity.Error, ["primarySite", "sex"], false, ctx =>
                ctx["primarySite"] is { } site && InRange(site, "C600", "C639") && PatientSex.FromItems(ctx.Items) is { } sex
                    ? PassIf(sex.AtBirth != SexAssignedAtBirth.Female) : Skip);

        yield return new("TR103", "Primary Site, Laterality (paired organ)",
            "The primary site is a paired organ: Laterality cannot be 0 (not a paired site).",
            EditSeverity.Error, ["primarySite", "laterality"], false, ctx =>
                ctx["primarySite"] is { } site && ctx["laterality"] is { } lat
                && ctx.Standards.IcdO3.FindPairedSite(site) is { MidlineAllowed: false }
                    ? PassIf(lat != "0") : Skip);

        yield return new("TR104", "Primary Site, Laterality (not paired)",
            "The primary site is not a paired organ: Laterality must be 0.",
            EditSeverity.Error, ["primarySite", "laterality"], false, ctx =>
                ctx["primarySite"] is { } site && ctx["laterality"] is { } lat
                && ctx.Standards.IcdO3.SiteExists(site) && ctx.Standards.IcdO3.FindPairedSite(site) is null
                    ? PassIf(lat == "0") : Skip);

        yield return new("TR105", "Primary Site C809, Laterality",
            "Unknown primary site (C809) must have Laterality 0.",
            EditSeverity.Error, ["primarySite", "laterality"], false, ctx =>
                ctx["primarySite"] == "C809" && ctx["laterality"] is { } lat ? PassIf(lat == "0") : Skip);

        yield return new("TR106", "Laterality 4 (bilateral), Primary Site, Histology",
            "Laterality 4 (bilateral, single primary) is only for ovary, Wilms tumor of kidney or retinoblastoma.",
            EditSeverity.Error, ["laterality", "primarySite", "histologicTypeIcdO3"], false, ctx =>
            {
                if (ctx["laterality"] != "4" || ctx["primarySite"] is not { } site) return Skip;
                var hist = ctx.Int("histologicTypeIcdO3");
                return PassIf(site == "C569"
                    || (site == "C649" && hist == 8960)
                    || (InRange(site, "C690", "C699") && InRange(hist, 9510, 9514)));
            });

        yield return new("TR107", "Laterality 5 (midline), Primary Site",
            "Laterality 5 (midline) is only for sites where a midline tumor is possible (skin of face or trunk, meninges, brain, cranial nerves).",
            EditSeverity.Error, ["laterality", "primarySite"], false, ctx =>
                ctx["laterality"] == "5" && ctx["primarySite"] is { } site
                    ? PassIf(ctx.Standards.IcdO3.FindPairedSite(site) is { MidlineAllowed: true }) : Skip);

        yield return new("TR108", "Primary Site, Histology (leukemia)",
            "Leukemia is coded to bone marrow (C421); check the primary site.",
            EditSeverity.Warning, ["primarySite", "histologicTypeIcdO3"], true, ctx =>
            {
                var hist = ctx.Int("histologicTypeIcdO3");
                if (ctx["primarySite"] is not { } site || !InRange(hist, 9800, 9948) || hist == 9930) return Skip;
                return PassIf(site == "C421");
            });
    }
}
