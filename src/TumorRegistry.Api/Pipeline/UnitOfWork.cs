using Marten;
using Npgsql;
using TumorRegistry.Infrastructure.Events;

namespace TumorRegistry.Api.Pipeline;

/// <summary>
/// The request's database transaction and the Marten session on it, opened by the TransactionBehavior around a
/// command. Handlers append through the session, so the events and the inline projections commit together, or
/// nothing does; other writes of the command can use the same connection and transaction.
/// </summary>
public sealed class UnitOfWork(RegistryEvents events) : IAsyncDisposable
{
    private WriteSession? _write;

    public IDocumentSession? Session => _write?.Session;
    public NpgsqlConnection? Connection => _write?.Connection;
    public NpgsqlTransaction? Transaction => _write?.Transaction;

    public async Task BeginAsync(CancellationToken ct)
    {
        if (_write is not null) throw new InvalidOperationException("A transaction is already open for this request.");
        _write = await events.OpenWriteSessionAsync(ct);
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        if (_write is not null) await _write.CommitAsync(ct);
        await CloseAsync();
    }

    /// <summary>Disposing the session's transaction without a commit rolls it back.</summary>
    public Task RollbackAsync() => CloseAsync().AsTask();

    private async ValueTask CloseAsync()
    {
        if (_write is not null) await _write.DisposeAsync();
        _write = null;
    }

    public ValueTask DisposeAsync() => CloseAsync();
}
