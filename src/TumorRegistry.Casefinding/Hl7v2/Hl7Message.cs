using System.Text;

namespace TumorRegistry.Casefinding.Hl7v2;

/// <summary>
/// A strict HL7 v2 (ER7, "pipe and hat") parser: segments, fields, repetitions, components, subcomponents and escape
/// sequences, with the delimiters read from MSH-1 and MSH-2. Written here because NuGet serves no HL7 v2 library to
/// this project (no NHapi in the package list) and a pathology report needs only this much; it refuses what it does
/// not understand instead of guessing, naming the segment (with its index) and the field.
/// </summary>
public sealed class Hl7Message
{
    public Hl7Delimiters Delimiters { get; }
    public IReadOnlyList<Hl7Segment> Segments { get; }

    private Hl7Message(Hl7Delimiters delimiters, IReadOnlyList<Hl7Segment> segments) => (Delimiters, Segments) = (delimiters, segments);

    public IEnumerable<Hl7Segment> All(string name) => Segments.Where(s => s.Name == name);
    public Hl7Segment? First(string name) => Segments.FirstOrDefault(s => s.Name == name);

    public static Hl7Message Parse(string text)
    {
        // Segments end with CR; LF and CRLF are taken too (files and HTTP bodies often carry them).
        var lines = text.Replace("\r\n", "\r").Replace('\n', '\r').Split('\r', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.Trim().Length > 0).ToList();
        if (lines.Count == 0) throw new ReportRefusedException("MSH", "The message is empty.");
        var first = lines[0].TrimStart('\uFEFF');
        if (!first.StartsWith("MSH", StringComparison.Ordinal) || first.Length < 8)
            throw new ReportRefusedException("MSH", "The message must begin with an MSH segment.");
        var field = first[3];
        var encoding = first[4..].Split(field)[0];
        if (encoding.Length is < 4 or > 5 || encoding.Distinct().Count() != encoding.Length || encoding.Contains(field)
            || encoding.Any(char.IsLetterOrDigit))
            throw new ReportRefusedException("MSH[1]-2", "The encoding characters must be four distinct delimiters (e.g. ^~\\&).");
        var delimiters = new Hl7Delimiters(field, encoding[0], encoding[1], encoding[2], encoding[3]);
        var segments = new List<Hl7Segment>();
        var counts = new Dictionary<string, int>();
        foreach (var line in lines.Select((l, i) => i == 0 ? first : l))
        {
            var name = line.Length >= 3 ? line[..3] : line;
            if (name.Length != 3 || !name.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)) || (line.Length > 3 && line[3] != field))
                throw new ReportRefusedException($"segment {segments.Count + 1}", "Not a segment: it must start with a three-character segment name and the field separator.");
            if (name == "MSH" && segments.Count > 0) throw new ReportRefusedException($"MSH[{counts.GetValueOrDefault("MSH") + 1}]", "Only one message per report.");
            counts[name] = counts.GetValueOrDefault(name) + 1;
            var raw = line.Split(field);
            // MSH-1 is the field separator itself, so MSH's fields are shifted by one against the split.
            var fields = name == "MSH" ? new[] { "MSH", field.ToString() }.Concat(raw.Skip(1)).ToArray() : raw;
            segments.Add(new Hl7Segment(name, counts[name], fields, delimiters));
        }
        return new Hl7Message(delimiters, segments);
    }
}

public sealed record Hl7Delimiters(char Field, char Component, char Repetition, char Escape, char Subcomponent);

/// <summary>One segment; fields numbered as the standard does (PID-5 is Field(5)); Where names it as "PID[1]".</summary>
public sealed class Hl7Segment(string name, int index, string[] fields, Hl7Delimiters delimiters)
{
    public string Name { get; } = name;
    /// <summary>1 for the first segment of this name in the message, 2 for the second, ...</summary>
    public int Index { get; } = index;
    public string Where => $"{Name}[{Index}]";
    public string FieldWhere(int n, int component = 0) => $"{Where}-{n}" + (component > 0 ? $".{component}" : "");

    /// <summary>The raw (still escaped) text of field n, "" when absent.</summary>
    public string Raw(int n) => n < fields.Length ? fields[n] : "";

    /// <summary>The repetitions of field n (MSH-2 is one repetition, its characters unsplit).</summary>
    public IReadOnlyList<Hl7Field> Repetitions(int n)
    {
        var raw = Raw(n);
        if (raw.Length == 0) return [];
        if (Name == "MSH" && n is 1 or 2) return [new Hl7Field(this, n, raw, delimiters, true)];
        return raw.Split(delimiters.Repetition).Select(r => new Hl7Field(this, n, r, delimiters, false)).ToList();
    }

    /// <summary>The first repetition of field n (empty when absent).</summary>
    public Hl7Field Field(int n) => Repetitions(n).FirstOrDefault() ?? new Hl7Field(this, n, "", delimiters, false);

    /// <summary>The unescaped value of component c (1-based) of field n's first repetition.</summary>
    public string Value(int n, int c = 1) => Field(n).Component(c);
}

/// <summary>One repetition of a field: its components (1-based), each unescaped when read.</summary>
public sealed class Hl7Field(Hl7Segment segment, int number, string raw, Hl7Delimiters d, bool literal)
{
    public string RawText { get; } = raw;
    public bool IsEmpty => RawText.Length == 0;

    public string Component(int c, int sub = 1)
    {
        if (literal) return c == 1 && sub == 1 ? RawText : "";
        var components = RawText.Split(d.Component);
        if (c > components.Length) return "";
        var subs = components[c - 1].Split(d.Subcomponent);
        return sub > subs.Length ? "" : Unescape(subs[sub - 1], segment.FieldWhere(number, c));
    }

    /// <summary>The whole repetition as text with components joined by a space (for free text fields).</summary>
    public string Text => literal ? RawText : string.Join(" ",
        RawText.Split(d.Component).Select((_, i) => Component(i + 1)).Where(s => s.Length > 0));

    private string Unescape(string s, string where)
    {
        if (s.IndexOf(d.Escape) < 0) return s;
        var b = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != d.Escape) { b.Append(s[i]); continue; }
            var end = s.IndexOf(d.Escape, i + 1);
            if (end < 0) throw new ReportRefusedException(where, "An escape sequence is not closed.");
            var code = s[(i + 1)..end];
            b.Append(code switch
            {
                "F" => d.Field.ToString(),
                "S" => d.Component.ToString(),
                "T" => d.Subcomponent.ToString(),
                "R" => d.Repetition.ToString(),
                "E" => d.Escape.ToString(),
                ".br" => "\n",
                "H" or "N" => "", // highlighting on/off: no meaning for the text
                _ when code.Length > 1 && code[0] == 'X' && code.Length % 2 == 1 && code[1..].All(char.IsAsciiHexDigit) =>
                    Encoding.Latin1.GetString(Convert.FromHexString(code[1..])),
                _ => throw new ReportRefusedException(where, $"Unknown escape sequence \"{(code.Length > 6 ? code[..6] : code)}\"."),
            });
            i = end;
        }
        return b.ToString();
    }
}
