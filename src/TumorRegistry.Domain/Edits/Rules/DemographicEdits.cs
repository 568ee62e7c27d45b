using System.Text.RegularExpressions;
using static TumorRegistry.Domain.Edits.EditDefinition;

namespace TumorRegistry.Domain.Edits.Rules;

/// <summary>Race 1-5 consistency, SSN, address at diagnosis formats. Race: 88 no further race, 99 unknown.</summary>
internal static partial class DemographicEdits
{
    private static readonly string[] Races = ["race1", "race2", "race3", "race4", "race5"];

    public static IEnumerable<EditDefinition> All()
    {
        yield return new("TR200", "Race 1",
            "Race 1 cannot be 88 (no further race documented); use 99 when race is unknown.",
            EditSeverity.Error, ["race1"], false, ctx => ctx["race1"] is { } r ? PassIf(r != "88") : Skip);

        yield return new("TR201", "Race 1, Race 2-5 (unknown)",
            "When Race 1 is 99 (unknown), Race 2 through Race 5 must also be 99.",
            EditSeverity.Error, Races, false, ctx =>
                ctx["race1"] == "99" ? PassIf(Races.Skip(1).All(r => ctx[r] is null or "99")) : Skip);

        yield return new("TR202", "Race 2-5, Race 1 (99 only with unknown race)",
            "Race 2-5 may be 99 only when Race 1 is 99.",
            EditSeverity.Error, Races, false, ctx =>
                ctx["race1"] is { } r1 && r1 != "99" ? PassIf(Races.Skip(1).All(r => ctx[r] != "99")) : Skip);

        yield return new("TR203", "Race 2-5 (88 order)",
            "Once a Race item is 88 (no further race), every later Race item must be 88.",
            EditSeverity.Error, Races, false, ctx =>
            {
                var values = Races.Skip(1).Select(r => ctx[r]).ToList();
                if (values.All(v => v is null)) return Skip;
                var first88 = values.IndexOf("88");
                return PassIf(first88 < 0 || values.Skip(first88).All(v => v == "88"));
            });

        yield return new("TR204", "Race 1-5 (repeated)",
            "The same race is coded more than once in Race 1-5.",
            EditSeverity.Error, Races, false, ctx =>
            {
                var coded = Races.Select(r => ctx[r]).Where(v => v is not null and not "88" and not "99").ToList();
                return coded.Count == 0 ? Skip : PassIf(coded.Distinct().Count() == coded.Count);
            });

        yield return new("TR205", "Social Security Number",
            "Social Security Number is not a possible SSN (area 000, 666 or 9xx, group 00 or serial 0000); use 999999999 when unknown.",
            EditSeverity.Error, ["socialSecurityNumber"], false, ctx =>
            {
                if (ctx["socialSecurityNumber"] is not { } ssn) return Skip;
                if (ssn == "999999999") return Pass;
                return PassIf(Ssn().IsMatch(ssn) && ssn[..3] is not ("000" or "666") && ssn[0] != '9'
                    && ssn[3..5] != "00" && ssn[5..] != "0000");
            });

        yield return new("TR206", "Addr at DX--Postal Code",
            "Postal code at diagnosis must be a 5- or 9-digit ZIP code or a Canadian postal code (A9A9A9).",
            EditSeverity.Warning, ["addrAtDxPostalCode"], true, ctx =>
                ctx["addrAtDxPostalCode"] is { } z ? PassIf(PostalCode().IsMatch(z)) : Skip);

        yield return new("TR207", "Census Tract 2020",
            "Census Tract 2020 must be 6 digits (000000 not tracted, 999999 unknown).",
            EditSeverity.Error, ["censusTract2020"], false, ctx =>
                ctx["censusTract2020"] is { } t ? PassIf(t.Length == 6 && t.All(char.IsAsciiDigit)) : Skip);

        yield return new("TR208", "County at DX",
            "County at diagnosis must be a 3-digit FIPS county code (999 unknown).",
            EditSeverity.Error, ["countyAtDx"], false, ctx =>
                ctx["countyAtDx"] is { } c ? PassIf(c.Length == 3 && c.All(char.IsAsciiDigit)) : Skip);
    }

    [GeneratedRegex("^[0-9]{9}$")] private static partial Regex Ssn();
    [GeneratedRegex("^([0-9]{5}|[0-9]{9}|[A-Z][0-9][A-Z][0-9][A-Z][0-9])$")] private static partial Regex PostalCode();
}
