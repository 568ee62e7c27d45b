using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Hangfire;
using Hangfire.Server;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TumorRegistry.Api.FollowUp.Jobs;
using TumorRegistry.Api.Jobs;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.FollowUp;

/// <summary>Timing tests of job servers run alone, after the parallel classes, so a loaded machine does not starve them.</summary>
[CollectionDefinition(nameof(HangfireJobTests), DisableParallelization = true)]
public sealed class HangfireJobTestsCollection;

/// <summary>Hangfire with several servers on one real database: recurring occurrences, dead servers, repeated runs, start-up.</summary>
[Collection(nameof(HangfireJobTests))]
public sealed class HangfireJobTests
{
    // Generous: on 2 loaded cores the pick-up of a dead server's job took over 30 s once (5 s timeout, 200 ms polls).
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly DateTimeOffset Day1 = new(2031, 3, 4, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_recurring_snapshot_runs_once_per_occurrence_with_two_servers_on_one_database()
    {
        var cs = await TestPostgres.CreateDatabaseAsync();
        var clock = new ManualClock(Day1);
        var everySecond = new Dictionary<string, string?> { [FollowUpJobs.CronSetting] = "* * * * * *" };
        await using var one = new JobServerNode("one", cs, clock, everySecond).Start();
        await using var two = new JobServerNode("two", cs, clock, everySecond).Start();
        await using var db = NpgsqlDataSource.Create(cs);

        // Both processes register the recurring job at start-up, as the service does; there is one definition.
        var watch = Stopwatch.StartNew();
        FollowUpJobs.Schedule(one.RecurringJobs, one.Configuration);
        FollowUpJobs.Schedule(two.RecurringJobs, two.Configuration);
        // Generous: the machine is shared, and a worker starved of CPU only makes this slower, not wrong.
        await WaitUntilAsync(async () => await CountAsync(db, "select count(*) from follow_up_snapshot_runs") >= 6, "six occurrences run",
            TimeSpan.FromSeconds(90));
        Assert.Equal(2, await CountAsync(db, "select count(*) from hangfire.server"));
        one.RecurringJobs.RemoveIfExists(FollowUpSnapshotJob.RecurringJobId);
        var elapsed = watch.Elapsed;

        const string enqueued = "select count(*) from hangfire.jobparameter where name = 'RecurringJobId' and value = '\"follow-up-snapshot\"'";
        await WaitUntilAsync(async () => await CountAsync(db, "select count(*) from follow_up_snapshot_runs") == await CountAsync(db, enqueued),
            "every enqueued occurrence run");
        var jobs = await CountAsync(db, enqueued);
        // One job per occurrence: a scheduler per server enqueuing each occurrence would make about twice as many, with
        // repeated occurrence times (whole seconds; with an every-second cron legitimate ones never share a second).
        Assert.InRange(jobs, 6, (long)Math.Ceiling(elapsed.TotalSeconds) + 2);
        Assert.Equal(jobs, await CountAsync(db, "select count(distinct occurrence) from follow_up_snapshot_runs"));
        // Each job was processed once, by one worker of one server.
        Assert.Equal(0, await CountAsync(db,
            "select count(*) from (select jobid from hangfire.state where name = 'Processing' group by jobid having count(*) > 1) x"));
        // The date is the injected clock's, and the day is stored once however many runs.
        Assert.Equal("2031-03-04", await TextAsync(db, "select string_agg(distinct as_of::text, ',') from follow_up_snapshot_runs"));
        Assert.Equal(1, await CountAsync(db, "select count(*) from follow_up_snapshots"));
    }

    [Fact]
    public async Task A_job_whose_server_dies_mid_run_is_finished_by_the_other_server()
    {
        var cs = await TestPostgres.CreateDatabaseAsync();
        var key = Guid.NewGuid().ToString("N");
        var gate = BlockingJob.Gates[key] = new ManualResetEventSlim();
        // Declared before the try: a node is disposed after the finally has let its blocked job go.
        await using var one = new JobServerNode("one", cs, TimeProvider.System, extra: s => s.AddScoped<BlockingJob>());
        await using var two = new JobServerNode("two", cs, TimeProvider.System, extra: s => s.AddScoped<BlockingJob>());
        await using var db = NpgsqlDataSource.Create(cs);
        try
        {
            one.Start();
            var id = one.Client.Enqueue<BlockingJob>(j => j.Run(key, null!));
            await WaitUntilAsync(() => Task.FromResult(BlockingJob.Runs(key).Count == 1), "the job started on server one");
            Assert.StartsWith("one:", BlockingJob.Runs(key)[0]);

            two.Start();
            // While server one lives it keeps renewing the job (sliding invisibility), so the job outlives the 5 s timeout
            // without being fetched again. Absence can only be watched for a while: twice the timeout.
            await Task.Delay(TimeSpan.FromSeconds(10));
            Assert.Single(BlockingJob.Runs(key));

            one.Kill(); // then server two takes the job once the timeout has passed: within Patience, not 30 minutes
            await WaitUntilAsync(() => Task.FromResult(BlockingJob.Runs(key).Count == 2), "the job run again after server one died");
            Assert.StartsWith("two:", BlockingJob.Runs(key)[1]);
            await WaitUntilAsync(async () => await TextAsync(db, $"select statename from hangfire.job where id = {id}") == "Succeeded",
                "the job succeeded on server two");
            gate.Set(); // the dead server's thread returns; the job is already done, so its late result changes nothing
            await WaitUntilAsync(() => Task.FromResult(BlockingJob.Returned.Count(k => k == key) == 2), "the abandoned run returned");
            Assert.Equal("Succeeded", await TextAsync(db, $"select statename from hangfire.job where id = {id}"));
        }
        finally
        {
            gate.Set();
        }
    }

    [Fact]
    public async Task A_second_run_of_the_same_snapshot_job_stores_nothing_and_a_new_job_on_a_later_day_stores_that_day()
    {
        var cs = await TestPostgres.CreateDatabaseAsync();
        var clock = new ManualClock(Day1);
        await using var node = new JobServerNode("one", cs, clock).Start();
        await using var db = NpgsqlDataSource.Create(cs);
        var id = node.Client.Enqueue<FollowUpSnapshotJob>(j => j.RunAsync(null!, CancellationToken.None));
        await WaitForStateAsync(db, id, "Succeeded", processed: 1);
        var first = await TextAsync(db, "select taken_at::text from follow_up_snapshots");

        // Hangfire runs a job again when its invisibility timeout expires or its server dies after the commit; requeueing
        // the finished job does the same. The clock has moved to the next day meanwhile: nothing is stored for it.
        clock.Advance(TimeSpan.FromDays(1));
        Assert.True(node.Client.Requeue(id));
        await WaitForStateAsync(db, id, "Succeeded", processed: 2);
        Assert.Equal("2031-03-04", await TextAsync(db, "select string_agg(as_of::text, ',') from follow_up_snapshots"));
        Assert.Equal(first, await TextAsync(db, "select taken_at::text from follow_up_snapshots"));
        Assert.Equal(1, await CountAsync(db, "select count(*) from follow_up_snapshot_runs"));

        // A new job (the next occurrence) stores the new day.
        var next = node.Client.Enqueue<FollowUpSnapshotJob>(j => j.RunAsync(null!, CancellationToken.None));
        await WaitForStateAsync(db, next, "Succeeded", processed: 1);
        Assert.Equal("2031-03-04,2031-03-05", await TextAsync(db, "select string_agg(as_of::text, ',' order by as_of) from follow_up_snapshots"));
    }

    [Fact]
    public async Task Storages_started_at_once_on_an_empty_database_all_start_and_prepare_one_hangfire_schema()
    {
        var cs = await TestPostgres.CreateDatabaseAsync(migrate: false);
        var settings = new JobSettings();
        using var start = new Barrier(6);
        var storages = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            return JobsModule.CreateStorage(cs, settings);
        }, TaskCreationOptions.LongRunning)));
        await using var db = NpgsqlDataSource.Create(cs);
        Assert.Equal(1, await CountAsync(db, "select count(*) from hangfire.schema"));
        foreach (var storage in storages)
        {
            using var connection = storage.GetConnection();
            Assert.Empty(connection.GetRecurringJobs());
        }
        Assert.Equal(0, await CountAsync(db, "select count(*) from information_schema.tables where table_schema = 'public'"));
    }

    /// <summary>A job that blocks until its test lets it go, ignoring its cancellation token as a killed process would.</summary>
    public sealed class BlockingJob
    {
        public static readonly ConcurrentDictionary<string, ManualResetEventSlim> Gates = new();
        public static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Started = new();
        public static readonly ConcurrentBag<string> Returned = [];

        public static List<string> Runs(string key) => Started.TryGetValue(key, out var q) ? q.ToList() : [];

        public void Run(string key, PerformContext context)
        {
            var runs = Started.GetOrAdd(key, _ => new ConcurrentQueue<string>());
            runs.Enqueue(context.ServerId);
            if (runs.Count == 1) Gates[key].Wait(TimeSpan.FromMinutes(2));
            Returned.Add(key);
        }
    }

    private static async Task WaitForStateAsync(NpgsqlDataSource db, string id, string state, int processed) =>
        await WaitUntilAsync(async () =>
                await TextAsync(db, $"select statename from hangfire.job where id = {id}") == state &&
                await CountAsync(db, $"select count(*) from hangfire.state where jobid = {id} and name = 'Processing'") == processed,
            $"job {id} {state} after {processed} run(s)");

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within {patience ?? Patience}: {what}.");
            await Task.Delay(100);
        }
    }

    private static async Task<long> CountAsync(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<string?> TextAsync(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        return await cmd.ExecuteScalarAsync() as string;
    }
}
