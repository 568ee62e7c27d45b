using System.Net;
using TumorRegistry.Domain.Events;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Incidence;
using TumorRegistry.Integration.Tests.Incidence;

namespace TumorRegistry.Integration.Tests.Reports;

/// <summary>An incidence table recomputed as of its registry sequence after more cases gives the same table.</summary>
public sealed class IncidenceAsOfTests(IncidenceApiFactory fx) : IClassFixture<IncidenceApiFactory>
{
    const string Url = "/incidence?state=NM&from=2018&to=2020&area=county&bySex=true";

    static string Table(string body) => body[..body.IndexOf(IncidenceRendering.ProvenanceMember, StringComparison.Ordinal)];

    async Task<(string Body, long Sequence)> GetAsync(string url)
    {
        var response = await fx.Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return (body, long.Parse(response.Headers.GetValues("X-Registry-Sequence").Single()));
    }

    [Fact]
    public async Task A_table_recomputed_as_of_its_sequence_after_more_cases_is_the_same_table()
    {
        var (first, sequence) = await GetAsync(Url);

        await using var marten = RegistryStore.Create(fx.Api.ConnectionString);
        var store = new RegistryEvents(marten);
        for (int i = 0; i < 20; i++)
        {
            Guid patient = Guid.NewGuid(), tumor = Guid.NewGuid();
            await store.AppendManyAsync(
            [
                new StreamAppend(patient, "patient", StreamAppend.NoStream,
                    [new PatientRegistered { PatientIdNumber = $"8{i:D5}" }, new DemographicsRecorded { Sex = "1", Race1 = "01", SpanishHispanicOrigin = "0" }]),
                new StreamAppend(tumor, "tumor", StreamAppend.NoStream,
                [
                    new CaseOpened { PatientId = patient, ReportingFacility = "0006540001", TypeOfReportingSource = "1" },
                    new AddressAtDiagnosisRecorded { State = "NM", County = "003", Country = "USA" },
                    new DiagnosisRecorded { PrimarySite = "C341", Histology = "8140", Behavior = "3", DateOfDiagnosis = "20190301", AgeAtDiagnosis = "066", DiagnosticConfirmation = "1" },
                ]),
            ], new EventMetadata("test.registrar", "later cases"));
        }

        var (now, later) = await GetAsync(Url);
        Assert.True(later > sequence);
        Assert.NotEqual(Table(first), Table(now));
        var (again, againSequence) = await GetAsync(Url + $"&asOfSequence={sequence}");
        Assert.Equal(sequence, againSequence);
        Assert.Equal(Table(first), Table(again));
        Assert.Contains("\"recomputedAsOf\":true", again);
    }
}
