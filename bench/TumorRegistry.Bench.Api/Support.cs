using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TumorRegistry.Bench.Api;

public static class Args
{
    public static int Int(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
    }

    /// <summary>The folder holding TumorRegistry.sln, found upwards from the working directory or the binary.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "TumorRegistry.sln"))) return dir.FullName;
        throw new InvalidOperationException("Run from inside the repository (TumorRegistry.sln not found).");
    }
}

public static class Tools
{
    public static string? Find(string name)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")) : []);
        return dirs.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, IDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(" ", psi.ArgumentList.Where(a => a.EndsWith(".sql") || a.EndsWith(".lua")))} exited with {p.ExitCode}: {await stderr}{await stdout}");
        return await stdout;
    }
}

/// <summary>The service as a separate process, as it runs in production (logging at warnings only).</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _url;

    private ServiceProcess(Process process, string url) => (_process, _url) = (process, url);

    public static ServiceProcess Start(string dll, string connectionString, string url, string work)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { dll, "--demo", "--urls", url }) psi.ArgumentList.Add(a);
        psi.Environment["TUMORREGISTRY_DB"] = connectionString;
        psi.Environment["TUMORREGISTRY_REPORTS"] = Path.Combine(work, "reports");
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        // The per-principal limit (1,200 a minute by default) would refuse a load test's one principal after a second.
        psi.Environment["Security__RequestsPerMinute"] = "100000000";
        var p = Process.Start(psi)!;
        // Drain the output so the service never blocks on a full pipe; the demo's passwords are not kept.
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine($"[service] {line}"); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return new ServiceProcess(p, url);
    }

    public async Task WaitHealthyAsync(TimeSpan patience)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The service exited with {_process.ExitCode}.");
            try { if ((await http.GetAsync(_url + "/health")).IsSuccessStatusCode) return; }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(1000);
        }
        throw new TimeoutException("The service did not answer /health in time.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); }
        _process.Dispose();
    }
}
