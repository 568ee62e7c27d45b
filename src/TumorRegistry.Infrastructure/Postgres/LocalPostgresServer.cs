using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace TumorRegistry.Infrastructure.Postgres;

/// <summary>
/// A private PostgreSQL cluster started from the locally installed server binaries, for when
/// TUMORREGISTRY_DB is not set. It listens on 127.0.0.1 on a free port and takes password (SCRAM) logins only,
/// with a secret generated once and kept in the data folder, readable by its owner alone. A process that finds
/// the folder's cluster already running uses it and leaves it running; the process that started it stops it on exit.
/// </summary>
public sealed class LocalPostgresServer : IAsyncDisposable
{
    public const string SuperUser = "tumorregistry";
    public const string SecretFile = "superuser.secret";

    private readonly string _binDir;
    private readonly bool _ephemeral;
    private readonly bool _deleteOnStop;
    private bool _stopped;
    private bool _started;
    private string _secret = "";

    public string DataDirectory { get; }
    public int Port { get; private set; }
    /// <summary>False when another process had started the cluster: this one only uses it.</summary>
    public bool StartedHere => _started;

    private LocalPostgresServer(string binDir, string dataDirectory, bool ephemeral, bool deleteOnStop)
    {
        _binDir = binDir;
        DataDirectory = dataDirectory;
        _ephemeral = ephemeral;
        _deleteOnStop = deleteOnStop;
    }

    /// <summary>Connection string to the given database on this cluster.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username={SuperUser};Password={_secret};Database={database};Pooling=true;Maximum Pool Size=100";

    /// <summary>
    /// Starts a cluster in <paramref name="dataDirectory"/> (created by initdb when empty).
    /// <paramref name="ephemeral"/> clusters trade durability for speed (tests, benchmarks of logic)
    /// and are deleted when stopped, as are clusters started with <paramref name="deleteOnStop"/>.
    /// </summary>
    public static async Task<LocalPostgresServer> StartAsync(string dataDirectory, bool ephemeral, CancellationToken ct = default,
        bool deleteOnStop = false)
    {
        var binDir = FindBinDirectory();
        var server = new LocalPostgresServer(binDir, Path.GetFullPath(dataDirectory), ephemeral, deleteOnStop || ephemeral);
        await server.InitAndStartAsync(ct);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    /// <summary>
    /// Starts a throw-away cluster in a new temporary folder, deleted when stopped. <paramref name="durable"/> keeps
    /// fsync and synchronous commit on, as benchmarks need to measure what production would do.
    /// </summary>
    public static Task<LocalPostgresServer> StartTemporaryAsync(CancellationToken ct = default, bool durable = false) =>
        StartAsync(Path.Combine(Path.GetTempPath(), "tumorregistry-pg-" + Guid.NewGuid().ToString("N")[..12]), ephemeral: !durable, ct, deleteOnStop: true);

    private async Task InitAndStartAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(DataDirectory);
        if (IsRoot) Run("chown", $"-R postgres:postgres \"{DataDirectory}\"", asPostgres: false);

        var pgData = Path.Combine(DataDirectory, "pgdata");
        var secretPath = Path.Combine(DataDirectory, SecretFile);
        var fresh = !File.Exists(Path.Combine(pgData, "PG_VERSION"));
        var upgrade = !fresh && !File.Exists(secretPath); // a cluster made by an older version, with trust authentication
        _secret = File.Exists(secretPath) ? (await File.ReadAllTextAsync(secretPath, ct)).Trim() : NewSecret(secretPath);
        if (fresh) InitDb(pgData);

        // The folder's cluster may be running for another process (the service beside the CLI): use it, never stop it.
        if (RunningPort(pgData) is { } running)
        {
            Port = running;
            if (upgrade) await RequirePasswordsAsync(pgData, ct);
            return;
        }
        Port = FreePort();
        // Terse errors and no failing statements in postgres.log: error context would carry the values of a row.
        var settings = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='{DataDirectory}' -c max_connections=300 -c shared_buffers=256MB" +
            " -c log_error_verbosity=terse -c log_min_error_statement=panic";
        if (_ephemeral) settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        Run(Path.Combine(_binDir, "pg_ctl"),
            $"-D \"{pgData}\" -l \"{Path.Combine(DataDirectory, "postgres.log")}\" -o \"{settings}\" -w -t 60 start", asPostgres: IsRoot);
        _started = true;
        if (_deleteOnStop) StartCleanupWatch(pgData);
        if (upgrade) await RequirePasswordsAsync(pgData, ct);
    }

    /// <summary>
    /// A throw-away cluster is stopped and deleted when this process exits (ProcessExit), but a test host is often killed
    /// before its exit handlers finish: a detached watcher also waits for this process to end, then stops the cluster and
    /// deletes its folder, so no run leaves one behind.
    /// </summary>
    private void StartCleanupWatch(string pgData)
    {
        var stop = IsRoot ? $"runuser -u postgres -- '{Path.Combine(_binDir, "pg_ctl")}'" : $"'{Path.Combine(_binDir, "pg_ctl")}'";
        var script = $"exec </dev/null >/dev/null 2>&1; while kill -0 {Environment.ProcessId}; do sleep 1; done; " +
            $"{stop} -D '{pgData}' stop -m immediate; rm -rf '{DataDirectory}'";
        try
        {
            using var watcher = Process.Start(new ProcessStartInfo("setsid", ["sh", "-c", script]) { WorkingDirectory = "/" });
        }
        catch (System.ComponentModel.Win32Exception) { } // no setsid: the exit handler alone cleans up
    }

    private void InitDb(string pgData)
    {
        // initdb reads the password from a file the cluster's OS user can read; it is deleted at once.
        var pwFile = Path.Combine(DataDirectory, "initdb.pw");
        File.WriteAllText(pwFile, _secret + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(pwFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (IsRoot) Run("chown", $"postgres:postgres \"{pwFile}\"", asPostgres: false);
        try
        {
            Run(Path.Combine(_binDir, "initdb"),
                $"-D \"{pgData}\" -U {SuperUser} -A scram-sha-256 --pwfile=\"{pwFile}\" -E UTF8 --locale=C.UTF-8 --no-instructions", asPostgres: IsRoot);
        }
        finally { File.Delete(pwFile); }
    }

    /// <summary>A 256-bit secret in the data folder, mode 0600 (owner only), written before any cluster uses it.</summary>
    private static string NewSecret(string path)
    {
        var secret = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(path, options))
        using (var writer = new StreamWriter(file))
            writer.Write(secret);
        return secret;
    }

    /// <summary>The port of the cluster running on <paramref name="pgData"/> (pg_ctl status and postmaster.pid), else null.</summary>
    private int? RunningPort(string pgData)
    {
        var pidFile = Path.Combine(pgData, "postmaster.pid");
        if (!File.Exists(pidFile)) return null;
        if (!Run(Path.Combine(_binDir, "pg_ctl"), $"-D \"{pgData}\" status", asPostgres: IsRoot, throwOnError: false)) return null;
        var lines = File.ReadAllLines(pidFile);
        return lines.Length > 3 && int.TryParse(lines[3].Trim(), out var port) ? port : null;
    }

    /// <summary>An older cluster trusted every local login: give the superuser the secret, then require it (SCRAM).</summary>
    private async Task RequirePasswordsAsync(string pgData, CancellationToken ct)
    {
        await using (var conn = new Npgsql.NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username={SuperUser};Database=postgres;Pooling=false"))
        {
            await conn.OpenAsync(ct);
            await using var cmd = new Npgsql.NpgsqlCommand($"set password_encryption = 'scram-sha-256'; alter role {SuperUser} password '{_secret}'", conn);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        var hba = Path.Combine(pgData, "pg_hba.conf");
        var lines = File.ReadAllLines(hba).Select(l => l.TrimStart().StartsWith('#') ? l : System.Text.RegularExpressions.Regex.Replace(l, @"\btrust\b", "scram-sha-256"));
        File.WriteAllLines(hba, lines);
        Run(Path.Combine(_binDir, "pg_ctl"), $"-D \"{pgData}\" reload", asPostgres: IsRoot);
    }

    public void Stop()
    {
        if (_stopped) return;
        _stopped = true;
        if (!_started) return; // another process's cluster: it stops it
        var pgData = Path.Combine(DataDirectory, "pgdata");
        Run(Path.Combine(_binDir, "pg_ctl"), $"-D \"{pgData}\" stop -m fast -w", asPostgres: IsRoot, throwOnError: false);
        if (_deleteOnStop)
        {
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    /// <summary>Finds initdb and pg_ctl: pg_config --bindir first, then /usr/lib/postgresql/*/bin (newest).</summary>
    public static string FindBinDirectory() =>
        FindBinDirectory(TryRun("pg_config", "--bindir")?.Trim(), "/usr/lib/postgresql");

    /// <summary>The search itself, over a pg_config answer and a folder of versioned installs (testable).</summary>
    public static string FindBinDirectory(string? pgConfigBinDir, string versionsRoot)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(pgConfigBinDir)) candidates.Add(pgConfigBinDir);
        if (Directory.Exists(versionsRoot))
        {
            candidates.AddRange(Directory.GetDirectories(versionsRoot)
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }
        var found = candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        return found ?? throw new InvalidOperationException(
            "No PostgreSQL server binaries (initdb, pg_ctl) were found via `pg_config --bindir` or /usr/lib/postgresql/*/bin. " +
            "Install them (Debian/Ubuntu: `sudo apt-get install postgresql`), or start the database with " +
            "`docker compose up -d db` and set TUMORREGISTRY_DB=\"Host=127.0.0.1;Port=5432;Username=tumorregistry;Password=tumorregistry;Database=tumorregistry\".");
    }

    private static bool IsRoot => OperatingSystem.IsLinux() && geteuid() == 0;

    [DllImport("libc", SetLastError = true)]
    private static extern uint geteuid();

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string? TryRun(string file, string args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true });
            if (p is null) return null;
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception) { return null; }
    }

    // initdb and postgres refuse to run as root: drop to the postgres OS user that the Debian package creates.
    private static bool Run(string file, string args, bool asPostgres, bool throwOnError = true)
    {
        var psi = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- \"{file}\" {args}")
            : new ProcessStartInfo(file, args);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.WorkingDirectory = "/";
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0 && throwOnError)
            throw new InvalidOperationException($"`{Path.GetFileName(file)} {args}` failed ({p.ExitCode}): {stderr.Result}{stdout.Result}");
        return p.ExitCode == 0;
    }
}
