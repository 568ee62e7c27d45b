using System.Text;
using TumorRegistry.Domain.Edits;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Items;
using TumorRegistry.Standards;

namespace TumorRegistry.Domain.Docs;

/// <summary>
/// Markdown tables generated from code (events, item mapping, edits) for docs/abstraction.md.
/// A test regenerates them and compares with the committed file, so the docs cannot drift.
/// </summary>
public static class AbstractionDocs
{
    /// <summary>Named generated sections: "events", "mapping", "edits", "generated-edits".</summary>
    public static IReadOnlyDictionary<string, string> Sections(NaaccrStandards standards, EditCatalog catalog) =>
        new Dictionary<string, string>
        {
            ["events"] = EventsTable(),
            ["mapping"] = MappingTable(standards),
            ["edits"] = EditsTable(catalog.CrossItem),
            ["generated-edits"] = GeneratedEditsTable(catalog.Generated),
        };

    /// <summary>Replaces each <c>&lt;!-- BEGIN name --&gt; ... &lt;!-- END name --&gt;</c> block with its section.</summary>
    public static string Fill(string markdown, IReadOnlyDictionary<string, string> sections)
    {
        foreach (var (name, body) in sections)
        {
            var begin = $"<!-- BEGIN {name} -->";
            var end = $"<!-- END {name} -->";
            var i = markdown.IndexOf(begin, StringComparison.Ordinal);
            var j = markdown.IndexOf(end, StringComparison.Ordinal);
            if (i < 0 || j < i) throw new InvalidOperationException($"Section markers for '{name}' are missing.");
            markdown = markdown[..(i + begin.Length)] + "\n" + body + markdown[j..];
        }
        return markdown;
    }

    public static string EventsTable()
    {
        var sb = new StringBuilder("| event | stream | schema version | NAACCR items |\n| --- | --- | --- | --- |\n");
        foreach (var e in DomainEvents.All)
        {
            var items = string.Join(", ", ItemMapping.FieldsOf(e.Type).Select(f => f.NaaccrId));
            sb.Append($"| {e.Name} | {e.Stream} | {e.SchemaVersion} | {(items.Length == 0 ? "-" : items)} |\n");
        }
        return sb.ToString();
    }

    public static string MappingTable(NaaccrStandards standards)
    {
        var sb = new StringBuilder("| event | field | naaccrId | item # | item name | record |\n| --- | --- | --- | --- | --- | --- |\n");
        foreach (var r in ItemMapping.Rows(standards.Dictionary))
            sb.Append($"| {r.EventName} | {r.Field} | {r.NaaccrId} | {r.NaaccrNum} | {Escape(r.ItemName)} | {r.Parent} |\n");
        return sb.ToString();
    }

    public static string EditsTable(IEnumerable<EditDefinition> edits)
    {
        var sb = new StringBuilder("| id | edit | severity | overridable | items | message |\n| --- | --- | --- | --- | --- | --- |\n");
        foreach (var e in edits)
            sb.Append($"| {e.Id} | {Escape(e.Title)} | {e.Severity} | {(e.Overridable ? "yes" : "no")} | {string.Join(", ", e.Items)} | {Escape(e.Message)} |\n");
        return sb.ToString();
    }

    /// <summary>The generated edits are uniform: list their ids compactly.</summary>
    public static string GeneratedEditsTable(IEnumerable<EditDefinition> edits)
    {
        var list = edits.ToList();
        var sb = new StringBuilder();
        sb.Append($"{list.Count(e => e.Id.StartsWith("CODE-"))} valid-code edits (error, not overridable), one per coded item:\n\n");
        sb.Append(string.Join(", ", list.Where(e => e.Id.StartsWith("CODE-")).Select(e => $"`{e.Id}`"))).Append("\n\n");
        sb.Append($"{list.Count(e => e.Id.StartsWith("DATE-"))} valid-date edits (error, not overridable), one per date item:\n\n");
        sb.Append(string.Join(", ", list.Where(e => e.Id.StartsWith("DATE-")).Select(e => $"`{e.Id}`"))).Append('\n');
        return sb.ToString();
    }

    private static string Escape(string? s) => (s ?? "").Replace("|", "\\|");
}
