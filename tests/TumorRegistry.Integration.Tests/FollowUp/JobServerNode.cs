using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;
using TumorRegistry.Api.FollowUp;
using TumorRegistry.Api.FollowUp.Jobs;
using TumorRegistry.Api.Jobs;

namespace TumorRegistry.Integration.Tests.FollowUp;

/// <summary>
/// One service process's job side without its web host: the service's own registrations (AddJobs, AddFollowUpJobs) in
/// a service provider of its own, and a Hangfire BackgroundJobServer on them. Each node has its own storage instance, as
/// separate processes would: the sliding invisibility keep-alive belongs to the storage, so a shared one would keep a dead
/// node's job alive.
/// </summary>
public sealed class JobServerNode : IAsyncDisposable
{
    /// <summary>Short timeouts, so that a dead node's job is picked up in seconds (production: minutes).</summary>
    public static readonly Dictionary<string, string?> FastSettings = new()
    {
        ["Jobs:InvisibilityTimeout"] = "00:00:05",
        ["Jobs:QueuePollInterval"] = "00:00:00.200",
        ["Jobs:SchedulePollingInterval"] = "00:00:00.200",
        ["Jobs:ShutdownTimeout"] = "00:00:01",
    };

    private readonly ServiceProvider _services;
    private BackgroundJobServer? _server;

    public JobServerNode(string name, string connectionString, TimeProvider clock, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? extra = null)
    {
        Name = name;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(FastSettings).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection().AddLogging(b => b.AddConsole().SetMinimumLevel(LogLevel.Warning)).AddSingleton<IConfiguration>(configuration)
            .AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.TryAddSingleton(clock);
        services.AddFollowUp().AddJobs(configuration, connectionString).AddFollowUpJobs(configuration);
        extra?.Invoke(services);
        _services = services.BuildServiceProvider();
        _services.GetRequiredService<IGlobalConfiguration>(); // what AddHangfireServer does first: serializer settings
        Configuration = configuration;
    }

    public string Name { get; }
    public IConfiguration Configuration { get; }
    public JobStorage Storage => _services.GetRequiredService<JobStorage>();
    public IBackgroundJobClient Client => _services.GetRequiredService<IBackgroundJobClient>();
    public IRecurringJobManager RecurringJobs => _services.GetRequiredService<IRecurringJobManager>();

    /// <summary>Starts the node's Hangfire server (workers, recurring and delayed schedulers), named after the node.</summary>
    public JobServerNode Start()
    {
        var options = JobsModule.Configure(new BackgroundJobServerOptions(), _services.GetRequiredService<JobSettings>());
        options.ServerName = Name;
        options.Activator = _services.GetRequiredService<JobActivator>();
        _server = new BackgroundJobServer(options, Storage);
        return this;
    }

    /// <summary>The node dies: its server stops fetching and renewing, and a job still running on it is left as it is
    /// (never finished, never requeued), as when the process is killed. Dispose only after that job has returned.</summary>
    public void Kill() => _server?.SendStop();

    public async ValueTask DisposeAsync()
    {
        _server?.Dispose();
        await _services.DisposeAsync();
    }
}
