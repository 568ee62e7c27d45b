using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TumorRegistry.Infrastructure.Postgres;

namespace TumorRegistry.Integration.Tests.Api;

/// <summary>
/// The README's run command in miniature: the real service process with TUMORREGISTRY_DB unset starts its own
/// PostgreSQL cluster, answers /health, and stops the cluster when it is shut down.
/// </summary>
public sealed class RunCommandTests
{
    [Fact]
    public async Task The_service_starts_its_own_database_and_reports_healthy()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "tr-run-" + Guid.NewGuid().ToString("N")[..8]);
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "TumorRegistry.Api.dll")}\" --urls http://127.0.0.1:{port}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
        };
        psi.Environment.Remove(RegistryDatabase.ConnectionVariable);
        psi.Environment[RegistryDatabase.DataDirVariable] = dataDir;
        using var service = Process.Start(psi)!;
        var log = new System.Text.StringBuilder();
        // The two pipes are read on their own threads: the log is appended and read under a lock.
        void Append(string? line) { lock (log) log.AppendLine(line); }
        string Log() { lock (log) return log.ToString(); }
        service.OutputDataReceived += (_, e) => Append(e.Data);
        service.ErrorDataReceived += (_, e) => Append(e.Data);
        service.BeginOutputReadLine();
        service.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            HttpResponseMessage? health = null;
            for (var i = 0; i < 120 && health is null; i++)
            {
                try { health = await http.GetAsync("/health"); }
                catch (HttpRequestException) { await Task.Delay(500); }
                if (service.HasExited) Assert.Fail(Log());
            }
            Assert.NotNull(health);
            Assert.Equal(HttpStatusCode.OK, health!.StatusCode);
            Assert.Contains("reachable", await health.Content.ReadAsStringAsync());
            Assert.True(File.Exists(Path.Combine(dataDir, "pgdata", "PG_VERSION")), "the cluster lives in TUMORREGISTRY_DATA_DIR");
        }
        finally
        {
            // SIGTERM: the host shuts down gracefully and stops its cluster.
            Process.Start("kill", $"-TERM {service.Id}")!.WaitForExit();
            if (!service.WaitForExit(30_000)) service.Kill(entireProcessTree: true);
        }
        Assert.False(File.Exists(Path.Combine(dataDir, "pgdata", "postmaster.pid")), "the cluster was stopped with the service\n" + Log());
        try { Directory.Delete(dataDir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
