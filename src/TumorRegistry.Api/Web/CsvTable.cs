namespace TumorRegistry.Api.Web;

/// <summary>A CSV report shown as an HTML table: the header row and the data rows (the CSV of the same report is the download).</summary>
public sealed record CsvTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public static CsvTable Parse(string csv)
    {
        var lines = TumorRegistry.Standards.Codes.Csv.Read(new StringReader(csv)).ToList();
        return lines.Count == 0 ? new([], []) : new(lines[0], lines.Skip(1).Select(l => (IReadOnlyList<string>)l).ToList());
    }
}
