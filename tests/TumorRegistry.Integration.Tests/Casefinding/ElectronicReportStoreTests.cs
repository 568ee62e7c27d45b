using Npgsql;
using System.Text;
using TumorRegistry.Casefinding;
using TumorRegistry.Infrastructure.Casefinding;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Casefinding;

public static class CasefindingSamples
{
    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Casefinding", "Samples", name));

    public static async Task<(long Reports, long Events, long Queue)> CountsAsync(NpgsqlDataSource db) => (
        (long)(await db.ScalarAsync("select count(*) from electronic_reports"))!,
        (long)(await db.ScalarAsync("select count(*) from electronic_report_events"))!,
        (long)(await db.ScalarAsync("select count(*) from casefinding_queue"))!);
}

/// <summary>The samples imported into a real database: stored whole, screened, queued; a re-send and a refusal add nothing.</summary>
public sealed class ElectronicReportStoreTests
{
    [Fact]
    public async Task Samples_are_stored_screened_and_queued_and_a_resend_adds_nothing()
    {
        await using var db = NpgsqlDataSource.Create(await TestPostgres.CreateDatabaseAsync());
        var store = new ElectronicReportStore(db, TimeProvider.System, CasefindingLists.Default);
        var samples = new[] { ("path-breast-reportable.hl7", "hl7v2", true), ("path-colon-negated.hl7", "hl7v2", false),
            ("ehr-lung-reportable.json", "fhir", true), ("ehr-colon-not-reportable.json", "fhir", false) };
        var receipts = new List<ReportReceipt>();
        foreach (var (name, format, reportable) in samples)
        {
            var receipt = await store.ReceiveAsync(format, "test/type", "Sunrise lab", CasefindingSamples.Bytes(name), "reg.test", default);
            Assert.False(receipt.AlreadyReceived);
            Assert.Equal(reportable, receipt.Reportable);
            Assert.Equal(reportable ? CasefindingQueueEntry.New : CasefindingQueueEntry.NotReportable, receipt.Status);
            receipts.Add(receipt);
        }
        Assert.Equal((4L, 8L, 4L), await CasefindingSamples.CountsAsync(db));

        // Stored whole: the raw bytes come back as sent, hashed.
        var breast = (await store.GetAsync(receipts[0].ReportId, default))!;
        Assert.Equal(Encoding.UTF8.GetString(CasefindingSamples.Bytes("path-breast-reportable.hl7")), breast.Raw);
        Assert.Equal(ElectronicReportStore.Hash(CasefindingSamples.Bytes("path-breast-reportable.hl7")), breast.Sha256);
        Assert.Equal("C504", breast.Extracted.TumorItems["primarySite"]);
        Assert.Equal("Quintero", breast.Extracted.PatientItems["nameLast"]);
        Assert.Equal(["ElectronicReportReceived", "ReportScreened"], breast.Events.Select(e => e.Type));
        Assert.Contains(breast.Screening.Reasons, r => r.Found == "ICD-O-3 8500/3");

        foreach (var (name, format, _) in samples)
        {
            var again = await store.ReceiveAsync(format, "test/type", "Sunrise lab", CasefindingSamples.Bytes(name), "reg.other", default);
            Assert.True(again.AlreadyReceived);
            Assert.Contains(receipts, r => r.ReportId == again.ReportId);
        }
        Assert.Equal((4L, 8L, 4L), await CasefindingSamples.CountsAsync(db));

        // Refused reports store nothing.
        var bad = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(CasefindingSamples.Bytes("path-breast-reportable.hl7")).Replace("19580922", "19581399"));
        var refused = await Assert.ThrowsAsync<ReportRefusedException>(() => store.ReceiveAsync("hl7v2", "t", "lab", bad, "reg", default));
        Assert.Contains(refused.Problems, p => p.Where == "PID[1]-7");
        Assert.Equal((4L, 8L, 4L), await CasefindingSamples.CountsAsync(db));

        // Dismissing is one more event; a second dismissal is refused.
        var dismissed = await store.DismissAsync(receipts[2].ReportId, "duplicate of an abstracted case", "reg.test", default);
        Assert.Equal(CasefindingQueueEntry.Resolved, dismissed.Status);
        await Assert.ThrowsAsync<ReportStateException>(() => store.DismissAsync(receipts[2].ReportId, "again", "reg.test", default));
        Assert.Equal((4L, 9L, 4L), await CasefindingSamples.CountsAsync(db));

        // Append-only: the database itself refuses to change a stored report or event.
        await Assert.ThrowsAsync<PostgresException>(() => db.ExecAsync("update electronic_reports set source = 'x'"));
        await Assert.ThrowsAsync<PostgresException>(() => db.ExecAsync("delete from electronic_report_events"));
    }

    [Fact]
    public async Task The_queue_counts_every_status_with_the_oldest_report_age_and_filters()
    {
        await using var db = NpgsqlDataSource.Create(await TestPostgres.CreateDatabaseAsync());
        var clock = new SetClock { Now = new DateTimeOffset(2025, 4, 1, 12, 0, 0, TimeSpan.Zero) };
        var store = new ElectronicReportStore(db, clock, CasefindingLists.Default);
        await store.ReceiveAsync("hl7v2", "t", "lab", CasefindingSamples.Bytes("path-breast-reportable.hl7"), "reg", default);
        clock.Now += TimeSpan.FromDays(3);
        await store.ReceiveAsync("fhir", "t", "clinic", CasefindingSamples.Bytes("ehr-lung-reportable.json"), "reg", default);
        await store.ReceiveAsync("fhir", "t", "clinic", CasefindingSamples.Bytes("ehr-colon-not-reportable.json"), "reg", default);
        clock.Now += TimeSpan.FromDays(7);
        var reader = new CasefindingQueueReader(db, clock);

        var (reports, counts) = await reader.ReadAsync(new QueueFilter("new", null, null), default);
        Assert.Equal([10, 7], reports.Select(r => r.DaysWaiting));
        Assert.Equal(new QueueCount("new", 2, 10), counts.Single(c => c.Status == "new"));
        Assert.Equal(new QueueCount("not_reportable", 1, 7), counts.Single(c => c.Status == "not_reportable"));
        Assert.Equal(0, counts.Single(c => c.Status == "resolved").Reports);

        var (fhirOnly, _) = await reader.ReadAsync(new QueueFilter(null, null, "fhir"), default);
        Assert.Equal(2, fhirOnly.Count);
        var (lab, labCounts) = await reader.ReadAsync(new QueueFilter(null, "1234567890", null), default);
        Assert.Equal("C504", Assert.Single(lab).PrimarySite);
        var (held, _) = await reader.ReadAsync(new QueueFilter(null, null, null, Held: ["1987654321"]), default);
        Assert.Equal("C341", Assert.Single(held).PrimarySite);
        Assert.Equal(1, labCounts.Sum(c => c.Reports));
    }
}

/// <summary>A clock the test sets.</summary>
public sealed class SetClock : TimeProvider
{
    public DateTimeOffset Now { get; set; }
    public override DateTimeOffset GetUtcNow() => Now;
}
