using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using TumorRegistry.Domain.Events;
using TumorRegistry.Standards.Dates;
using TumorRegistry.Standards.IcdO3;

namespace TumorRegistry.Api.FollowUp.Letters;

/// <summary>A letter template as stored (follow_up_letter_templates).</summary>
public sealed record LetterTemplate(string Name, string Letterhead, string ReturnAddress, string Body, string PatientBlock, int Version);

/// <summary>One patient in a letter, with the tumors already written in words.</summary>
public sealed record LetterPatient(string Name, string? DateOfBirth, string? IdNumber, string? LastContact, IReadOnlyList<string> Tumors);

/// <summary>
/// Fills a template's placeholders and writes the letter as HTML (one section per letter, printed one per page). Values
/// are put in as text and the result HTML-encoded once, so nothing in a name or an address is read as a placeholder or markup.
/// </summary>
public static partial class LetterRendering
{
    public static readonly IReadOnlyList<string> BodyPlaceholders = ["date", "letterhead", "returnAddress", "addressee.name", "addressee.address", "patients"];
    public static readonly IReadOnlyList<string> PatientPlaceholders = ["patient.name", "patient.dateOfBirth", "patient.idNumber", "patient.lastContact", "tumors"];

    [GeneratedRegex(@"\{\{\s*([A-Za-z.]+)\s*\}\}")]
    private static partial Regex Placeholder();

    /// <summary>Placeholders in <paramref name="text"/> that are not in <paramref name="allowed"/>.</summary>
    public static IReadOnlyList<string> Unknown(string text, IReadOnlyList<string> allowed) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value).Where(p => !allowed.Contains(p)).Distinct().ToList();

    public static string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(text, m => values.GetValueOrDefault(m.Groups[1].Value, ""));

    /// <summary>The letter's text: the body with the patient block filled once per patient.</summary>
    public static string Text(LetterTemplate t, DateOnly date, FollowUpAddressee to, IReadOnlyList<LetterPatient> patients)
    {
        var blocks = patients.Select(p => Fill(t.PatientBlock, new Dictionary<string, string>
        {
            ["patient.name"] = p.Name, ["patient.dateOfBirth"] = Words.Date(p.DateOfBirth), ["patient.idNumber"] = p.IdNumber ?? "",
            ["patient.lastContact"] = Words.Date(p.LastContact), ["tumors"] = string.Join("\n", p.Tumors.Select(x => "- " + x)),
        }));
        return Fill(t.Body, new Dictionary<string, string>
        {
            ["date"] = Words.Date(date), ["letterhead"] = t.Letterhead, ["returnAddress"] = t.ReturnAddress,
            ["addressee.name"] = Words.Addressee(to), ["addressee.address"] = Words.Address(to),
            ["patients"] = string.Join("\n\n", blocks),
        });
    }

    public static string Html(LetterTemplate t, string text)
    {
        var html = new StringBuilder("<section class=\"letter\">\n");
        html.Append($"<header class=\"letterhead\">{Lines(t.Letterhead)}</header>\n");
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            html.Append($"<p>{Lines(paragraph)}</p>\n");
        html.Append($"<footer class=\"return-address\">{Lines(t.ReturnAddress)}</footer>\n</section>\n");
        return html.ToString();
    }

    private static string Lines(string text) => string.Join("<br>", text.Trim('\n').Split('\n').Select(WebUtility.HtmlEncode));

    public static string Page(string title, IEnumerable<string> letters) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(title)}</title>
        <style>
        @page {"{"} size: letter; margin: 2cm {"}"}
        body {"{"} font-family: Georgia, serif; font-size: 11pt; max-width: 42em; margin: auto {"}"}
        .letter {"{"} break-after: page; page-break-after: always {"}"}
        .letter:last-child {"{"} break-after: auto; page-break-after: auto {"}"}
        .letterhead {"{"} font-weight: bold; margin-bottom: 2em {"}"}
        .return-address {"{"} margin-top: 2em; font-size: 9pt {"}"}
        @media screen {"{"} .letter {"{"} border-bottom: 1px dashed #999; padding: 2em 0 {"}"} {"}"}
        </style></head><body>
        {string.Concat(letters)}</body></html>

        """;
}

/// <summary>Dates, addressees and tumors as a registrar writes them in a letter.</summary>
public static class Words
{
    /// <summary>June 1, 2021; June 2021; 2021 (a partial NAACCR date as far as it is known); "not recorded" without one.</summary>
    public static string Date(string? naaccrDate)
    {
        if (!NaaccrDate.TryParse(naaccrDate, out var d)) return "not recorded";
        var format = d.Day is not null ? "MMMM d, yyyy" : d.Month is not null ? "MMMM yyyy" : "yyyy";
        return d.Earliest.ToString(format, CultureInfo.InvariantCulture);
    }

    public static string Date(DateOnly d) => d.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);

    /// <summary>"Breast, NOS: Infiltrating duct carcinoma, NOS, diagnosed June 1, 2021" (labels from the ICD-O-3 lists).</summary>
    public static string Tumor(IcdO3Codes icdO3, string? site, string? histology, string? behavior, string? dateOfDiagnosis)
    {
        var siteText = site is null ? "site not recorded" : icdO3.FindSite(site)?.Label ?? $"site {site}";
        var morphology = histology is null ? "histology not recorded"
            : behavior is not null && icdO3.FindMorphology(histology, behavior) is { } m ? m.Label : $"histology {histology}/{behavior}";
        return $"{siteText}: {morphology}, diagnosed {Date(dateOfDiagnosis)}";
    }

    public static string Addressee(FollowUpAddressee a) => a.Kind == FollowUpAddressee.Physician
        ? string.Join(", ", new[] { a.Name is null ? "Physician" : $"Physician {a.Name}", a.Npi is null ? null : $"NPI {a.Npi}" }.Where(x => x is not null))
        : a.Name ?? "";

    public static string Address(FollowUpAddressee a) => string.Join("\n", new[]
    {
        a.Street, a.Supplement, string.Join(" ", new[] { a.City is null ? null : a.City + ",", a.State, a.PostalCode }.Where(x => x is not null)),
    }.Where(x => !string.IsNullOrWhiteSpace(x)));
}
