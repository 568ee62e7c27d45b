namespace TumorRegistry.Standards.Codes;

/// <summary>
/// Minimal RFC 4180 reading and writing (quoted fields, doubled quotes) for the standards tables and the small CSV
/// files the statistics libraries read and write; one implementation for all of them.
/// </summary>
public static class Csv
{
    /// <summary>Reads all records; lines starting with '#' (source notes) and blank lines are skipped.</summary>
    public static IEnumerable<string[]> Read(TextReader reader)
    {
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            yield return Split(line);
        }
    }

    /// <summary>Reads records after the header and returns them keyed by header name.</summary>
    public static IEnumerable<IReadOnlyDictionary<string, string>> ReadWithHeader(TextReader reader)
    {
        string[]? header = null;
        foreach (var fields in Read(reader))
        {
            if (header is null) { header = fields; continue; }
            var row = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Length; i++) row[header[i]] = i < fields.Length ? fields[i] : "";
            yield return row;
        }
    }

    /// <summary>Splits one CSV line into fields.</summary>
    public static string[] Split(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return [.. fields];
    }

    /// <summary>Quotes a field if it holds a comma, a quote or a line break.</summary>
    public static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
