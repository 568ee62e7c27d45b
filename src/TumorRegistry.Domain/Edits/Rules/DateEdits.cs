using TumorRegistry.Standards.Dates;
using static TumorRegistry.Domain.Edits.EditDefinition;

namespace TumorRegistry.Domain.Edits.Rules;

/// <summary>Order of the key dates and age at diagnosis. Partial dates fail only when the order is impossible.</summary>
internal static class DateEdits
{
    public static IEnumerable<EditDefinition> All()
    {
        yield return Order("TR010", "Date of Birth, Date of Diagnosis", "dateOfBirth", "dateOfDiagnosis",
            "Date of Diagnosis is before Date of Birth.");
        yield return Order("TR011", "Date of Diagnosis, Date of Last Contact", "dateOfDiagnosis", "dateOfLastContact",
            "Date of Last Contact is before Date of Diagnosis.");
        yield return Order("TR012", "Date of Birth, Date of Last Contact", "dateOfBirth", "dateOfLastContact",
            "Date of Last Contact is before Date of Birth.");
        yield return NotFuture("TR013", "Date of Diagnosis", "dateOfDiagnosis");
        yield return NotFuture("TR014", "Date of Last Contact", "dateOfLastContact");
        yield return NotFuture("TR015", "Date of Birth", "dateOfBirth");

        yield return new("TR016", "Age at Diagnosis, Date of Birth, Date of Diagnosis",
            "Age at Diagnosis does not agree with Date of Birth and Date of Diagnosis.",
            EditSeverity.Error, ["ageAtDiagnosis", "dateOfBirth", "dateOfDiagnosis"], false, ctx =>
            {
                if (ctx.Int("ageAtDiagnosis") is not { } age || ctx.Date("dateOfBirth") is not { } birth
                    || ctx.Date("dateOfDiagnosis") is not { } dx) return Skip;
                var (min, max) = NaaccrDate.AgeRange(birth, dx);
                return PassIf(age >= min && age <= max);
            });

        yield return new("TR017", "Age at Diagnosis (computed)",
            "Age at diagnosis computed from the dates is over 120 years: check Date of Birth.",
            EditSeverity.Warning, ["dateOfBirth", "dateOfDiagnosis"], true, ctx =>
                ctx.Date("dateOfBirth") is { } birth && ctx.Date("dateOfDiagnosis") is { } dx
                    ? PassIf(NaaccrDate.AgeRange(birth, dx).Min <= 120) : Skip);

        yield return new("TR018", "Date of Last Cancer Status, Date of Diagnosis, Date of Last Contact",
            "Date of Last Cancer (Tumor) Status must fall between Date of Diagnosis and Date of Last Contact.",
            EditSeverity.Warning, ["dateOfLastCancerStatus", "dateOfDiagnosis", "dateOfLastContact"], true, ctx =>
            {
                if (ctx.Date("dateOfLastCancerStatus") is not { } status) return Skip;
                var afterDx = ctx.Date("dateOfDiagnosis") is not { } dx || !status.IsDefinitelyBefore(dx);
                var beforeContact = ctx.Date("dateOfLastContact") is not { } contact || !contact.IsDefinitelyBefore(status);
                return PassIf(afterDx && beforeContact);
            });
    }

    private static EditDefinition Order(string id, string title, string earlier, string later, string message) =>
        new(id, title, message, EditSeverity.Error, [earlier, later], false, ctx =>
            ctx.Date(earlier) is { } a && ctx.Date(later) is { } b ? PassIf(!b.IsDefinitelyBefore(a)) : Skip);

    private static EditDefinition NotFuture(string id, string title, string item) =>
        new(id, title, $"{title} is in the future.", EditSeverity.Error, [item], false, ctx =>
            ctx.Date(item) is { } d ? PassIf(!ctx.TodayDate.IsDefinitelyBefore(d)) : Skip) { DependsOnToday = true };
}
