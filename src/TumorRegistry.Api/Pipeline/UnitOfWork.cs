using Npgsql;

namespace TumorRegistry.Api.Pipeline;

/// <summary>
/// The request's database transaction, opened by the TransactionBehavior around a command. Handlers append
/// through it, so the events and the inline projections commit together, or nothing does.
/// </summary>
public sealed class UnitOfWork(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public NpgsqlConnection? Connection { get; private set; }
    public NpgsqlTransaction? Transaction { get; private set; }

    public async Task BeginAsync(CancellationToken ct)
    {
        if (Transaction is not null) throw new InvalidOperationException("A transaction is already open for this request.");
        Connection = await dataSource.OpenConnectionAsync(ct);
        Transaction = await Connection.BeginTransactionAsync(ct);
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        if (Transaction is not null) await Transaction.CommitAsync(ct);
        await CloseAsync();
    }

    public async Task RollbackAsync()
    {
        if (Transaction is not null) await Transaction.RollbackAsync();
        await CloseAsync();
    }

    private async Task CloseAsync()
    {
        if (Transaction is not null) await Transaction.DisposeAsync();
        if (Connection is not null) await Connection.DisposeAsync();
        (Transaction, Connection) = (null, null);
    }

    public async ValueTask DisposeAsync() => await CloseAsync();
}
