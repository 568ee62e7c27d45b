using Microsoft.Extensions.Logging;

/// <summary>Counts what Npgsql sends (commands, batches, commits) while <see cref="On"/>: the round trips of one append.</summary>
internal sealed class RoundTrips : ILoggerFactory, ILogger
{
    public static readonly RoundTrips Instance = new();
    public volatile bool On;
    public readonly List<string> Sent = [];

    public ILogger CreateLogger(string categoryName) =>
        categoryName is "Npgsql.Command" or "Npgsql.Transaction" ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    public void AddProvider(ILoggerProvider provider) { }
    public void Dispose() { }
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => On && logLevel <= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        var text = formatter(state, exception).ReplaceLineEndings(" ");
        lock (Sent) Sent.Add(text.Length > 160 ? text[..160] + "…" : text);
    }

    public async Task<List<string>> TraceAsync(Func<Task> op)
    {
        lock (Sent) Sent.Clear();
        On = true;
        try { await op(); } finally { On = false; }
        lock (Sent) return [.. Sent];
    }
}
