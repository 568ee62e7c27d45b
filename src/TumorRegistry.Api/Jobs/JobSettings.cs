namespace TumorRegistry.Api.Jobs;

/// <summary>
/// The Jobs configuration section. The defaults suit production; the tests shorten the timeouts so that a dead
/// server's job is picked up in seconds. See docs/follow-up.md, "Scheduled jobs".
/// </summary>
public sealed class JobSettings
{
    public const string Section = "Jobs";

    /// <summary>Hangfire's tables live in this schema of the registry database, apart from the registry's own.</summary>
    public string Schema { get; set; } = "hangfire";

    /// <summary>How long a fetched job stays invisible to other servers. With the sliding timeout its server renews it
    /// while the job runs, so this bounds how long a dead server's job waits, not how long a job may run.</summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public bool SlidingInvisibilityTimeout { get; set; } = true;

    /// <summary>How often an idle worker asks the queue for work enqueued by another process (same-process enqueues wake it at once).</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often each server looks for due recurring and delayed jobs.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Age after which a lock row (e.g. recurring-jobs:lock) counts as abandoned and is deleted: a process that
    /// crashed holding it blocks the others this long. Hangfire.PostgreSql never renews a lock, so it must exceed the
    /// longest hold (ours are sub-second: no job takes a distributed lock).</summary>
    public TimeSpan DistributedLockTimeout { get; set; } = TimeSpan.FromMinutes(1);

    public int WorkerCount { get; set; } = 2;

    /// <summary>How long a stopping server waits for running jobs before it gives up on them (they are then re-fetched elsewhere).</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public static JobSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<JobSettings>() ?? new JobSettings();
}
