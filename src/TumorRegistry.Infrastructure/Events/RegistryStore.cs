using JasperFx;
using JasperFx.Events;
using Marten;
using TumorRegistry.Domain.Events;
using Weasel.Core;

namespace TumorRegistry.Infrastructure.Events;

/// <summary>
/// How the registry uses Marten: Guid streams in the <c>marten</c> schema, every domain event under its stable
/// alias, who/why/correlation on every event, timestamps from the registry's clock, and the read-model projections.
/// The API, the CLI, the tests and the benchmarks all build their store here, so they agree on all of it.
/// </summary>
public static class RegistryStore
{
    public const string Schema = "marten";

    /// <summary>The name an event is stored under: the [DomainEvent] name, with ".vN" from schema version 2 on.</summary>
    public static string Alias(DomainEventType e) => e.SchemaVersion == 1 ? e.Name : $"{e.Name}.v{e.SchemaVersion}";

    public static void Configure(StoreOptions o, string connectionString, TimeProvider clock,
        IEnumerable<RegistryProjection> projections, Action<StoreOptions>? extra = null)
    {
        o.Connection(connectionString);
        o.DatabaseSchemaName = Schema;
        // The schema is applied by SchemaMigrator under its advisory lock, never lazily by a request.
        o.AutoCreateSchemaObjects = AutoCreate.None;
        // camelCase like the API; dictionary keys (NAACCR ids) exactly as given.
        o.UseSystemTextJsonForSerialization(EnumStorage.AsInteger, Casing.CamelCase, json => json.DictionaryKeyPolicy = null);
        o.Events.StreamIdentity = StreamIdentity.AsGuid;
        o.Events.AppendMode = EventAppendMode.Rich;
        o.Events.MetadataConfig.EnableAll();
        o.Events.MetadataConfig.UserNameEnabled = true;
        o.Events.TimeProvider = clock;
        foreach (var e in DomainEvents.All) o.Events.MapEventType(e.Type, Alias(e));
        // Large pages: the projections fold whole streams with one query per page, so fewer pages rebuild faster.
        foreach (var p in projections) o.Projections.Add(p, p.Lifecycle, p.Name, a => a.BatchSize = 5000);
        extra?.Invoke(o);
    }

    /// <summary>The options for dependency injection (<c>AddMarten</c>).</summary>
    public static StoreOptions Options(string connectionString, TimeProvider clock, IEnumerable<RegistryProjection> projections,
        Action<StoreOptions>? extra = null)
    {
        var o = new StoreOptions();
        Configure(o, connectionString, clock, projections, extra);
        return o;
    }

    /// <summary>A store outside dependency injection (CLI, tests, benchmarks).</summary>
    public static DocumentStore Create(string connectionString, TimeProvider? clock = null,
        IEnumerable<RegistryProjection>? projections = null, Action<StoreOptions>? extra = null) =>
        DocumentStore.For(o =>
        {
            Configure(o, connectionString, clock ?? TimeProvider.System, projections ?? Cases.CaseProjections.Create(clock), extra);
            // Outside a host nothing runs the daemon by itself; saying so keeps Marten from printing a warning on
            // standard output (the CLI writes reports there). Rebuilds build their own daemon.
            o.Projections.AsyncMode = JasperFx.Events.Daemon.DaemonMode.Solo;
        });
}
