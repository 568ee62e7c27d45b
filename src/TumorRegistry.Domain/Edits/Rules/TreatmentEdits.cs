using static TumorRegistry.Domain.Edits.EditDefinition;

namespace TumorRegistry.Domain.Edits.Rules;

/// <summary>First course treatment: dates against diagnosis and last contact, codes against reasons and dates.</summary>
internal static class TreatmentEdits
{
    private static readonly string[] TreatmentDates =
        ["rxDateSurgery", "rxDateRadiation", "rxDateChemo", "rxDateHormone", "rxDateBrm", "rxDateSystemic"];

    public static IEnumerable<EditDefinition> All()
    {
        yield return new("TR050", "Treatment Dates, Date of Diagnosis",
            "A first course treatment date is before Date of Diagnosis.",
            EditSeverity.Warning, [.. TreatmentDates, "dateOfDiagnosis"], true, ctx =>
            {
                if (ctx.Date("dateOfDiagnosis") is not { } dx) return Skip;
                var dates = TreatmentDates.Select(ctx.Date).OfType<Standards.Dates.NaaccrDate>().ToList();
                return dates.Count == 0 ? Skip : PassIf(dates.All(d => !d.IsDefinitelyBefore(dx)));
            });

        yield return new("TR051", "Treatment Dates, Date of Last Contact",
            "A first course treatment date is after Date of Last Contact.",
            EditSeverity.Error, [.. TreatmentDates, "dateOfLastContact"], false, ctx =>
            {
                if (ctx.Date("dateOfLastContact") is not { } contact) return Skip;
                var dates = TreatmentDates.Select(ctx.Date).OfType<Standards.Dates.NaaccrDate>().ToList();
                return dates.Count == 0 ? Skip : PassIf(dates.All(d => !contact.IsDefinitelyBefore(d)));
            });

        yield return new("TR052", "RX Summ--Surg Prim Site, RX Date--Surgery",
            "Surgery of the primary site was performed but Date of Surgery is blank.",
            EditSeverity.Warning, ["rxSummSurgPrimSite", "rxDateSurgery"], true, ctx =>
                ctx.Int("rxSummSurgPrimSite") is { } s ? PassIf(!(s is >= 10 and <= 90) || ctx.Has("rxDateSurgery")) : Skip);

        yield return new("TR053", "RX Summ--Surg Prim Site, Reason for No Surgery",
            "Reason for No Surgery must be 0 when surgery was performed (10-90) and not 0 when it was not (00).",
            EditSeverity.Error, ["rxSummSurgPrimSite", "reasonForNoSurgery"], false, ctx =>
            {
                if (ctx.Int("rxSummSurgPrimSite") is not { } s || ctx["reasonForNoSurgery"] is not { } reason) return Skip;
                if (s is >= 10 and <= 90) return PassIf(reason == "0");
                return s == 0 ? PassIf(reason != "0") : Pass;
            });

        yield return new("TR054", "RX Summ--Surg Prim Site, RX Date--Surgery (none)",
            "No surgery of the primary site (00) but a Date of Surgery is recorded.",
            EditSeverity.Error, ["rxSummSurgPrimSite", "rxDateSurgery"], false, ctx =>
                ctx["rxSummSurgPrimSite"] is { } s ? PassIf(s != "00" || !ctx.Has("rxDateSurgery")) : Skip);

        yield return new("TR055", "RX Summ--Chemo, RX Date--Chemo",
            "Chemotherapy is coded none (00) but a chemotherapy date is recorded.",
            EditSeverity.Error, ["rxSummChemo", "rxDateChemo"], false, ctx =>
                ctx["rxSummChemo"] is { } c ? PassIf(c != "00" || !ctx.Has("rxDateChemo")) : Skip);

        yield return new("TR056", "Phase I Radiation Treatment Modality, Reason for No Radiation",
            "Reason for No Radiation must be 0 when radiation was given and not 0 when no radiation (00).",
            EditSeverity.Error, ["phase1RadiationTreatmentModality", "reasonForNoRadiation"], false, ctx =>
            {
                if (ctx["phase1RadiationTreatmentModality"] is not { } m || ctx["reasonForNoRadiation"] is not { } reason) return Skip;
                if (m == "00") return PassIf(reason != "0");
                return m == "99" ? Pass : PassIf(reason == "0");
            });
    }
}
