using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace TumorRegistry.Api.Jobs;

/// <summary>
/// Hangfire's log provider is one static for the whole process, set by the last host built. Where several hosts
/// share a process (the tests; a service embedding another) a host stopping disposes the logger factory the static
/// points at, and the next Hangfire client made anywhere threw ObjectDisposedException (a 500 on enqueue). This
/// provider forwards to the host's factory and goes quiet once that factory is gone, instead of throwing.
/// </summary>
public sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try { return new Guarded(_inner.GetLogger(name)); }
        catch (ObjectDisposedException) { return Quiet.Instance; }
    }

    private sealed class Guarded(ILog inner) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try { return inner.Log(logLevel, messageFunc, exception); }
            catch (ObjectDisposedException) { return false; }
        }
    }

    private sealed class Quiet : ILog
    {
        public static readonly Quiet Instance = new();
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
