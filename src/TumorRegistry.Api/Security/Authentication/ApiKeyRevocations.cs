using Npgsql;
using TumorRegistry.Infrastructure.Security;

namespace TumorRegistry.Api.Security.Authentication;

/// <summary>
/// Listens for API key revocations (ApiKeyStore.RevokedChannel) on a connection of its own, so this process may cache
/// validated keys (ApiKeyCache): a key revoked by any process (the CLI, another service) is dropped here when the
/// revocation commits. While the connection is down the cache is off and every request checks the database.
/// </summary>
public sealed class ApiKeyRevocations(NpgsqlDataSource db, ApiKeyCache cache, ILogger<ApiKeyRevocations> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = await db.OpenConnectionAsync(stoppingToken);
                conn.Notification += (_, e) => cache.Revoked(Guid.TryParse(e.Payload, out var id) ? id : null);
                await using (var listen = new NpgsqlCommand($"listen {ApiKeyStore.RevokedChannel}", conn))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                cache.Listening(true);
                while (!stoppingToken.IsCancellationRequested) await conn.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception e)
            {
                log.LogWarning("API key revocation listener lost its connection ({Error}); keys are checked in the database until it is back.", e.GetType().Name);
            }
            finally
            {
                cache.Listening(false);
            }
            if (!stoppingToken.IsCancellationRequested)
                try { await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken); } catch (OperationCanceledException) { }
        }
    }
}
