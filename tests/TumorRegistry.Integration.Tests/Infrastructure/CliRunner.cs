using System.Diagnostics;
using TumorRegistry.Infrastructure.Postgres;

namespace TumorRegistry.Integration.Tests.Infrastructure;

/// <summary>Runs the real `tumorregistry` CLI (built beside the tests) as a separate process.</summary>
public static class CliRunner
{
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "cli", "TumorRegistry.Cli.dll");

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string args, string? connectionString = null,
        string? dataDirectory = null)
    {
        Assert.True(File.Exists(Path), $"CLI not found at {Path}");
        var psi = new ProcessStartInfo("dotnet", $"\"{Path}\" {args}") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (connectionString is not null) psi.Environment[RegistryDatabase.ConnectionVariable] = connectionString;
        // A private cluster in the folder given: no database named, so the CLI finds (or starts) the folder's cluster.
        if (dataDirectory is not null)
        {
            psi.Environment.Remove(RegistryDatabase.ConnectionVariable);
            psi.Environment[RegistryDatabase.DataDirVariable] = dataDirectory;
        }
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await output, await error);
    }
}
