using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TumorRegistry.Integration.Tests.Api;

namespace TumorRegistry.Integration.Tests.Cases;

public sealed class AuditLogTests(RegistryApiFactory registry) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task Every_command_is_audited_with_command_stream_user_and_outcome_and_never_with_item_values()
    {
        var logs = new CapturingLogs();
        var api = registry.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        var alice = api.Registrar("alice");
        var patientId = await alice.RegisterPatientAsync("00000555");
        var (caseId, version) = await alice.OpenCaseAsync(patientId);
        await (await alice.WriteAsync($"/cases/{caseId}/diagnosis", new { primarySite = "C999", dateOfDiagnosis = "20230231" }, version))
            .Expect(HttpStatusCode.BadRequest);

        var audit = logs.Lines.Where(l => l.StartsWith("Audit ", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, audit.Count);
        Assert.Contains(audit, l => l.Contains("RegisterPatient") && l.Contains(patientId.ToString()) && l.Contains("alice") && l.Contains("Accepted"));
        Assert.Contains(audit, l => l.Contains("OpenCase") && l.Contains(caseId.ToString()) && l.Contains("Accepted"));
        var refused = Assert.Single(audit, l => l.Contains("RecordAbstraction"));
        Assert.Contains("Refused", refused);
        Assert.Contains("primarySite", refused);
        // Identifiers and values never reach any log line.
        foreach (var value in new[] { "00000555", "Smith", "Randi", "19730729", "589803415", "C999", "20230231" })
            Assert.DoesNotContain(logs.Lines, l => l.Contains(value));
    }

    private sealed class CapturingLogs : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Queue { get; } = new();
        public IReadOnlyList<string> Lines => Queue.ToList();
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Queue.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));
        public void Dispose() { }
    }
}
