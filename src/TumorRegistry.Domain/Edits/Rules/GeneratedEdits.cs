using TumorRegistry.Standards;
using TumorRegistry.Standards.Dates;
using TumorRegistry.Standards.Dictionary;
using static TumorRegistry.Domain.Edits.EditDefinition;

namespace TumorRegistry.Domain.Edits.Rules;

/// <summary>
/// One "valid code" edit per coded item (from the NAACCR code lists) and one "valid date" edit per date item
/// (from the dictionary). Ids: CODE-&lt;naaccrId&gt;, DATE-&lt;naaccrId&gt;.
/// </summary>
internal static class GeneratedEdits
{
    public static IEnumerable<EditDefinition> ValidCodes(NaaccrStandards standards) =>
        standards.CodeLists.CodedItems.Where(standards.Dictionary.Contains).Order(StringComparer.Ordinal).Select(id =>
        {
            var def = standards.Dictionary[id];
            var scheme = standards.CodeLists.SchemeByItem[id];
            var codes = standards.CodeLists.ForItem(id)!; // captured once: edits run over millions of cases
            return new EditDefinition($"CODE-{id}", $"{def.Name} [{def.NaaccrNum}] (valid code)",
                $"{def.Name} is not a code in the {scheme} code list.",
                EditSeverity.Error, [id], false, ctx => ctx[id] is { } v ? PassIf(codes.Contains(v)) : Skip);
        });

    public static IEnumerable<EditDefinition> ValidDates(NaaccrStandards standards) =>
        standards.Dictionary.Items.Where(i => i.DataType == NaaccrDataType.Date).OrderBy(i => i.NaaccrId, StringComparer.Ordinal)
            .Select(def => new EditDefinition($"DATE-{def.NaaccrId}", $"{def.Name} [{def.NaaccrNum}] (valid date)",
                $"{def.Name} is not a valid date (YYYYMMDD, YYYYMM or YYYY).",
                EditSeverity.Error, [def.NaaccrId], false, ctx =>
                    ctx[def.NaaccrId] is { } v ? PassIf(NaaccrDate.TryParse(v, out _)) : Skip));
}
