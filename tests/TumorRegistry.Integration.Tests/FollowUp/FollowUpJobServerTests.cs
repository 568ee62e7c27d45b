using System.Diagnostics;
using System.Globalization;
using Hangfire;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TumorRegistry.Api.FollowUp.Jobs;
using TumorRegistry.Domain.Events;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.FollowUp;

/// <summary>The nightly due-list job on two Hangfire servers of one database: once per occurrence, and a dead server's run.</summary>
[Collection(nameof(HangfireJobTests))]
public sealed class FollowUpJobServerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly DateTimeOffset Day = new(2031, 3, 4, 1, 0, 0, TimeSpan.Zero);
    private const int Patients = 30;
    private const string Requests = "select count(*) from marten.mt_events where type = 'FollowUpRequested'";

    [Fact]
    public async Task Each_occurrence_runs_once_and_each_patient_is_asked_once_with_two_servers()
    {
        var (cs, _) = await DatabaseAsync();
        var clock = new ManualClock(Day);
        var everySecond = new Dictionary<string, string?> { [FollowUpDueListJob.CronSetting] = "* * * * * *" };
        await using var one = Node("one", cs, clock, everySecond).Start();
        await using var two = Node("two", cs, clock, everySecond).Start();
        await using var db = NpgsqlDataSource.Create(cs);
        var watch = Stopwatch.StartNew();
        FollowUpWorkflowJobs.Schedule(one.RecurringJobs, one.Configuration);
        FollowUpWorkflowJobs.Schedule(two.RecurringJobs, two.Configuration);
        const string runs = """
            select count(*) from hangfire.job j join hangfire.jobparameter p on p.jobid = j.id
            where p.name = 'RecurringJobId' and p.value = '"follow-up-due-list"' and j.statename = 'Succeeded'
            """;
        await WaitUntilAsync(async () => await CountAsync(db, runs) >= 4, "four occurrences succeeded");
        foreach (var id in new[] { FollowUpDueListJob.RecurringJobId, FollowUpEscalationJob.RecurringJobId, FollowUpLostJob.RecurringJobId,
                     FollowUpWorkflowJobs.MonthlySnapshotId })
            one.RecurringJobs.RemoveIfExists(id);
        var elapsed = watch.Elapsed;
        const string enqueued = "select count(*) from hangfire.jobparameter where name = 'RecurringJobId' and value = '\"follow-up-due-list\"'";
        await WaitUntilAsync(async () => await CountAsync(db, runs) == await CountAsync(db, enqueued), "every enqueued occurrence run");

        Assert.InRange(await CountAsync(db, enqueued), 4, (long)Math.Ceiling(elapsed.TotalSeconds) + 2);
        Assert.Equal(0, await CountAsync(db,
            "select count(*) from (select jobid from hangfire.state where name = 'Processing' group by jobid having count(*) > 1) x"));
        // Every occurrence after the first found the requests made: one per patient, however many runs on two servers.
        Assert.Equal(Patients, await CountAsync(db, Requests));
        Assert.Equal(Patients, await CountAsync(db, "select count(distinct stream_id) from marten.mt_events where type = 'FollowUpRequested'"));
        Assert.Equal(Patients, await CountAsync(db, "select count(*) from follow_up_requests where requested_on = '2031-03-04'"));
    }

    [Fact]
    public async Task A_run_killed_midway_leaves_whole_requests_and_the_other_server_finishes_it()
    {
        var (cs, patients) = await DatabaseAsync();
        var clock = new ManualClock(Day);
        await using var db = NpgsqlDataSource.Create(cs);
        // Hold the stream row of one patient: server one's run writes the others and then waits on that one.
        await using var blocker = await db.OpenConnectionAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var cmd = new NpgsqlCommand("select id from marten.mt_streams where id = $1 for update", blocker, hold))
        {
            cmd.Parameters.AddWithValue(patients[15]);
            await cmd.ExecuteNonQueryAsync();
        }
        await using var one = Node("one", cs, clock).Start();
        await using var two = Node("two", cs, clock);
        var job = one.Client.Enqueue<FollowUpDueListJob>(j => j.RunAsync(CancellationToken.None));
        await WaitUntilAsync(async () => await CountAsync(db, Requests) == Patients - 1, "every patient but the held one asked");
        await Task.Delay(1000);
        Assert.Equal(Patients - 1, await CountAsync(db, Requests));

        one.Kill(); // server one dies with its run stopped at the held patient (its shutdown token cancels the waiting append)
        two.Start();
        await WaitUntilAsync(async () => await TextAsync(db,
                $"select data->>'ServerId' from hangfire.state where jobid = {job} and name = 'Processing' order by id desc limit 1") is { } s && s.StartsWith("two:"),
            "server two took the job");
        await hold.CommitAsync(); // the held patient is free again
        await WaitUntilAsync(async () => await TextAsync(db, $"select statename from hangfire.job where id = {job}") == "Succeeded",
            "the job succeeded on server two");

        // Every patient asked once; each request whole (its event and its read-model row), none half-made.
        Assert.Equal(Patients, await CountAsync(db, Requests));
        Assert.Equal(Patients, await CountAsync(db, "select count(distinct stream_id) from marten.mt_events where type = 'FollowUpRequested'"));
        Assert.Equal(Patients, await CountAsync(db, "select count(*) from follow_up_requests where answered_on is null and cardinality(cases) = 1"));
    }

    /// <summary>A migrated database with 30 living patients, each with one analytic case, all due on the test day.</summary>
    private static async Task<(string Cs, List<Guid> Patients)> DatabaseAsync()
    {
        var cs = await TestPostgres.CreateDatabaseAsync();
        await using var store = RegistryStore.Create(cs);
        var events = new RegistryEvents(store);
        var ids = new List<Guid>();
        for (var i = 0; i < Patients; i++)
        {
            var (patient, tumor) = (Guid.NewGuid(), Guid.NewGuid());
            ids.Add(patient);
            await events.AppendManyAsync(
            [
                new StreamAppend(patient, StreamTypes.Patient, StreamAppend.NoStream,
                    [new PatientRegistered { PatientIdNumber = (5000 + i).ToString("00000000", CultureInfo.InvariantCulture) },
                     new FollowUpRecorded { DateOfLastContact = "20300101", VitalStatus = "1" }]),
                new StreamAppend(tumor, StreamTypes.Tumor, StreamAppend.NoStream,
                    [new CaseOpened { PatientId = patient, ReportingFacility = "0000000010" },
                     new DiagnosisRecorded { PrimarySite = "C504", Histology = "8500", Behavior = "3", DateOfDiagnosis = "20290101", ClassOfCase = "14" }]),
            ], new EventMetadata("test"));
        }
        return (cs, ids);
    }

    private static JobServerNode Node(string name, string cs, TimeProvider clock, IDictionary<string, string?>? settings = null) =>
        new(name, cs, clock, settings, s => s.AddSingleton<IDocumentStore>(_ => RegistryStore.Create(cs, clock)).AddSingleton<RegistryEvents>()
            .AddSingleton(TumorRegistry.Infrastructure.FollowUp.FollowUpRulesFile.Default));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within {Patience}: {what}.");
            await Task.Delay(100);
        }
    }

    // The shared helper (Infrastructure/DataSourceQueries), typed.
    private static async Task<long> CountAsync(NpgsqlDataSource db, string sql) =>
        Convert.ToInt64(await db.ScalarAsync(sql), CultureInfo.InvariantCulture);

    private static async Task<string?> TextAsync(NpgsqlDataSource db, string sql) => await db.ScalarAsync(sql) as string;
}
