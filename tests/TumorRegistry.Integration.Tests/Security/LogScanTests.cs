using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Cases;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Security;

/// <summary>
/// Planted names, SSN and date of birth go through writes, reads, refusals (a NUL character, values too long or not
/// digits, malformed JSON) and exports; no log line of the service, no error body and no line of postgres.log has them.
/// </summary>
public sealed class LogScanTests(RegistryApiFactory registry) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task No_log_line_error_body_or_postgres_log_line_contains_a_planted_identifier()
    {
        var logs = new CapturingLogs();
        var api = registry.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        var client = api.Registrar("alice");
        var (patientId, caseId) = await PlantedPatients.WriteAsync(client);
        var bodies = new StringBuilder();
        async Task Refused(HttpResponseMessage r) { Assert.True((int)r.StatusCode is >= 400 and < 500, $"{(int)r.StatusCode}"); bodies.AppendLine(await r.Content.ReadAsStringAsync()); }

        var name = PlantedPatients.Names[0];
        await Refused(await client.WriteAsync($"/patients/{patientId}/demographics", new { nameLast = name + "\0" }, 3));
        await Refused(await client.WriteAsync($"/patients/{patientId}/demographics", new { nameLast = name + new string('x', 60) }, 3));
        await Refused(await client.WriteAsync($"/patients/{patientId}/demographics", new { socialSecurityNumber = PlantedPatients.Ssn + "X" }, 3));
        await Refused(await client.WriteAsync($"/patients/{patientId}/demographics", new { dateOfBirth = PlantedPatients.DateOfBirth[..6] + "32" }, 3));
        await Refused(await client.WriteAsync($"/patients/{patientId}/corrections", new { items = new { nameFirst = "Zebediahina\u0001" }, reason = "typo" }, 3));
        await Refused(await client.PostAsync($"/patients/{patientId}/demographics",
            new StringContent($"{{\"nameLast\": \"{name}\", \"sex\": 2}}", Encoding.UTF8, "application/json")));
        await Refused(await client.GetAsync($"/patients/{patientId}?asOf={PlantedPatients.DateOfBirth}x"));
        await Refused(await client.GetAsync($"/worklists?abstractor={name}%00"));
        await client.GetJson($"/patients/{patientId}");
        await client.GetJson($"/cases/{caseId}/history");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/follow-up/letters?asOf=2025-06-01")).StatusCode);

        var text = string.Join("\n", logs.Lines);
        Assert.Contains("Audit RecordPatientItems", text); // the capture works
        var postgresLog = TestPostgres.Server is { } server && File.Exists(Path.Combine(server.DataDirectory, "postgres.log"))
            ? await ReadSharedAsync(Path.Combine(server.DataDirectory, "postgres.log")) : "";
        if (TestPostgres.Server is not null) Assert.NotEmpty(postgresLog); // the scan reads the real file
        foreach (var value in PlantedPatients.Values)
        {
            Assert.False(text.Contains(value, StringComparison.Ordinal), $"a log line shows {value}: " +
                logs.Lines.FirstOrDefault(l => l.Contains(value, StringComparison.Ordinal))?[..Math.Min(600, logs.Lines.First(l => l.Contains(value, StringComparison.Ordinal)).Length)]);
            Assert.False(bodies.ToString().Contains(value, StringComparison.Ordinal), $"an error body shows {value}");
            Assert.False(postgresLog.Contains(value, StringComparison.Ordinal), $"postgres.log shows {value}");
        }
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return await new StreamReader(stream).ReadToEndAsync();
    }

    private sealed class CapturingLogs : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _lines = new();
        public IReadOnlyList<string> Lines => _lines.ToList();
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));
        public void Dispose() { }
    }
}
