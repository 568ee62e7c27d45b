using Npgsql;
using TumorRegistry.Domain.Edits;
using TumorRegistry.Domain.Events;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Cases;

public sealed class DateDependentEditsTests
{
    [Fact]
    public async Task A_case_failing_only_because_its_date_was_in_the_future_stops_failing_the_night_that_day_comes()
    {
        var cs = await TestPostgres.CreateDatabaseAsync();
        await using var ds = NpgsqlDataSource.Create(cs);
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        var projections = CaseProjections.Create(clock);
        await using var marten = RegistryStore.Create(cs, clock, projections);
        var events = new RegistryEvents(marten);
        var patient = Guid.NewGuid();
        var future = Guid.NewGuid();
        var past = Guid.NewGuid();
        await events.AppendManyAsync([
            new StreamAppend(patient, StreamTypes.Patient, 0, [new PatientRegistered { PatientIdNumber = "00000555" },
                new DemographicsRecorded { Sex = "2", DateOfBirth = "19600101" }]),
            // Keyed in a day early (the date of diagnosis is tomorrow), and a case from last year.
            new StreamAppend(future, StreamTypes.Tumor, 0, [new CaseOpened { PatientId = patient, ReportingFacility = "0006540001" },
                new DiagnosisRecorded { PrimarySite = "C509", Histology = "8500", Behavior = "3", Laterality = "1", DateOfDiagnosis = "20260311" }]),
            new StreamAppend(past, StreamTypes.Tumor, 0, [new CaseOpened { PatientId = patient, ReportingFacility = "0006540001" },
                new DiagnosisRecorded { PrimarySite = "C509", Histology = "8500", Behavior = "3", Laterality = "2", DateOfDiagnosis = "20250311" }]),
        ], new EventMetadata("ctr.nightly-test"));
        var refresh = new DateDependentEdits(events, projections.OfType<CaseSummaryProjection>().Single(), EditCatalog.Default);

        Assert.Contains("TR013", await FailingAsync(ds, future));
        Assert.Equal(1, await refresh.RefreshAsync());
        Assert.Contains("TR013", await FailingAsync(ds, future));

        clock.Advance(TimeSpan.FromDays(1));
        var pastBefore = await RowAsync(ds, past);
        Assert.Equal(1, await refresh.RefreshAsync());

        Assert.DoesNotContain("TR013", await FailingAsync(ds, future));
        Assert.Equal(0, await refresh.RefreshAsync());
        // Only the failing case was refolded; the other row is untouched, and the refolded one equals a rebuild.
        Assert.Equal(pastBefore, await RowAsync(ds, past));
        var refreshed = await RowAsync(ds, future);
        await new ProjectionRebuilder(marten, projections).RebuildAsync(CaseSummaryProjection.ProjectionName);
        Assert.Equal(refreshed, await RowAsync(ds, future));
    }

    private static async Task<string[]> FailingAsync(NpgsqlDataSource ds, Guid caseId)
    {
        await using var cmd = ds.CreateCommand("select failing_edits from case_summary where case_id = $1");
        cmd.Parameters.AddWithValue(caseId);
        return (string[])(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task<string> RowAsync(NpgsqlDataSource ds, Guid caseId)
    {
        await using var cmd = ds.CreateCommand("select t::text from case_summary t where case_id = $1");
        cmd.Parameters.AddWithValue(caseId);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}
