// In-memory benchmark of the incidence table builder on a synthetic state (no I/O beyond the shipped standard).
// Usage: dotnet run -c Release --project bench/TumorRegistry.Bench.Incidence -- [counties] [years]
using System.Diagnostics;
using TumorRegistry.Incidence.Output;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Incidence.Standards;
using TumorRegistry.Incidence.Tables;

int counties = args.Length > 0 ? int.Parse(args[0]) : 60;
int years = args.Length > 1 ? int.Parse(args[1]) : 5;
var clock = Stopwatch.StartNew();
var records = SyntheticPopulation.Generate(new SyntheticPopulationOptions { Counties = counties, FirstYear = 2018, LastYear = 2017 + years });
var writer = new StringWriter();
SeerPopulationFile.Write(writer, records);
var parsed = SeerPopulationFile.Parse(new StringReader(writer.ToString()));
var population = SeerPopulationFile.ToCells(parsed.Records);
var cases = SyntheticCases.Generate(population);
Console.WriteLine($"synthetic: {records.Count:N0} population lines, {cases.Count:N0} case cells, {cases.Sum(c => c.Count):N0} tumors in {clock.ElapsedMilliseconds} ms");

var standard = StandardPopulation.Us2000();
foreach (var (bySex, byRace, exact, periods) in new[] { (false, false, true, PeriodMode.Pooled), (true, true, false, PeriodMode.Pooled),
    (true, true, true, PeriodMode.Pooled), (true, true, false, PeriodMode.SingleYearsAndPooled), (true, true, true, PeriodMode.SingleYearsAndPooled) })
{
    clock.Restart();
    var table = IncidenceTableBuilder.Build(new IncidenceTableRequest
    {
        Standard = standard, FirstYear = 2018, LastYear = 2017 + years, BySex = bySex, ByRace = byRace, ExactSuppressionAudit = exact, Periods = periods,
        SexSpecificSites = new Dictionary<string, Sex> { ["Prostate"] = Sex.Male, ["Female Breast"] = Sex.Female },
    }, cases, population);
    long build = clock.ElapsedMilliseconds;
    string html = IncidenceHtmlWriter.ToHtml(table);
    int hidden = table.Rows.Count(r => r.Suppression != SuppressionMark.None);
    Console.WriteLine($"county table bySex={bySex} byRace={byRace} exactAudit={exact} {periods}: {table.Rows.Count:N0} rows, {hidden:N0} suppressed, " +
        $"built in {build} ms, HTML {html.Length / 1024:N0} KiB in {clock.ElapsedMilliseconds - build} ms");
}
