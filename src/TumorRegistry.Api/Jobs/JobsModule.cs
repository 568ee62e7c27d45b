using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;

namespace TumorRegistry.Api.Jobs;

/// <summary>
/// Background jobs on Hangfire, stored in the registry database's own schema (JobSettings.Schema). Every service process
/// on one database runs a Hangfire server: each recurring occurrence is enqueued once (Hangfire's recurring-jobs lock)
/// and each enqueued job is fetched by one worker; a job whose server died becomes visible again after the invisibility timeout.
/// </summary>
public static class JobsModule
{
    public const string DashboardPath = "/jobs";

    // Arbitrary constant shared by every TumorRegistry process: "TRHANGFI" in ASCII.
    private const long SchemaLockKey = 0x545248414E474649;

    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        var settings = JobSettings.From(configuration);
        services.AddSingleton(settings);
        // Registered before AddHangfire so its defaults (the process-wide JobStorage.Current and JobActivator.Current)
        // are not used: several hosts in one process (the tests) would otherwise share the last one's database.
        services.AddSingleton<JobStorage>(_ => CreateStorage(connectionString, settings));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, c) => c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        services.AddHangfireServer((_, o) => Configure(o, settings));
        return services;
    }

    public static BackgroundJobServerOptions Configure(BackgroundJobServerOptions options, JobSettings settings)
    {
        options.WorkerCount = settings.WorkerCount;
        options.SchedulePollingInterval = settings.SchedulePollingInterval;
        options.ShutdownTimeout = settings.ShutdownTimeout;
        return options;
    }

    /// <summary>The storage, its schema created or upgraded by Hangfire.PostgreSql (PrepareSchemaIfNecessary).</summary>
    public static PostgreSqlStorage CreateStorage(string connectionString, JobSettings settings)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = settings.Schema,
            PrepareSchemaIfNecessary = true,
            InvisibilityTimeout = settings.InvisibilityTimeout,
            UseSlidingInvisibilityTimeout = settings.SlidingInvisibilityTimeout,
            QueuePollInterval = settings.QueuePollInterval,
            DistributedLockTimeout = settings.DistributedLockTimeout,
        };
        // The installer checks, then creates (schema, tables, version rows) without a lock of its own; processes starting
        // at once on a new database take turns under a session advisory lock rather than rely on how such a race ends.
        using var conn = new NpgsqlConnection(connectionString);
        conn.Open();
        Exec(conn, $"select pg_advisory_lock({SchemaLockKey})");
        try
        {
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
        }
        finally
        {
            Exec(conn, $"select pg_advisory_unlock({SchemaLockKey})");
        }
    }

    /// <summary>
    /// The Hangfire dashboard at /jobs, for managers and admins: the endpoint's "jobs" policy (EndpointPolicies) and the
    /// dashboard's own filter (JobsDashboardFilter) both require one of those roles.
    /// </summary>
    public static IEndpointConventionBuilder MapJobsDashboard(this IEndpointRouteBuilder app) =>
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            DashboardTitle = "TumorRegistry jobs",
            Authorization = [new JobsDashboardFilter()],
        });

    private static void Exec(NpgsqlConnection conn, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, conn);
        cmd.ExecuteNonQuery();
    }
}
