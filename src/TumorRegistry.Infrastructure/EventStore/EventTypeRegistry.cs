using System.Text.Json;
using System.Text.Json.Nodes;

namespace TumorRegistry.Infrastructure.EventStore;

/// <summary>
/// Maps event CLR types to stable names and schema versions, and old stored versions to the current one.
/// Names, not CLR type names, are stored so classes can be moved or renamed without touching history.
/// </summary>
public sealed class EventTypeRegistry
{
    private readonly Dictionary<string, (Type Type, int Version)> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, (string Name, int Version)> _byType = new();
    private readonly Dictionary<(string Name, int FromVersion), Func<JsonObject, JsonObject>> _upcasters = new();

    public JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);

    public EventTypeRegistry Register<T>(string name, int schemaVersion = 1) => Register(typeof(T), name, schemaVersion);

    public EventTypeRegistry Register(Type type, string name, int schemaVersion = 1)
    {
        if (_byName.TryGetValue(name, out var existing) && existing.Type != type)
            throw new InvalidOperationException($"Event name '{name}' is already registered for {existing.Type.Name}.");
        _byName[name] = (type, schemaVersion);
        _byType[type] = (name, schemaVersion);
        return this;
    }

    /// <summary>Transforms the JSON of <paramref name="name"/> stored at <paramref name="fromVersion"/> into fromVersion + 1.</summary>
    public EventTypeRegistry Upcast(string name, int fromVersion, Func<JsonObject, JsonObject> upcaster)
    {
        _upcasters[(name, fromVersion)] = upcaster;
        return this;
    }

    public (string Name, int Version) NameOf(Type type) =>
        _byType.TryGetValue(type, out var entry)
            ? entry
            : throw new InvalidOperationException($"Event type {type.Name} is not registered with the event store.");

    public bool IsRegistered(string name) => _byName.ContainsKey(name);

    public string Serialize(object @event) => JsonSerializer.Serialize(@event, @event.GetType(), JsonOptions);

    /// <summary>Reads stored JSON as the current version of the event, upcasting step by step.</summary>
    public (object Data, int Version) Deserialize(string name, int storedVersion, string json)
    {
        if (!_byName.TryGetValue(name, out var target)) throw new UnknownEventTypeException(name);
        if (storedVersion == target.Version)
            return (JsonSerializer.Deserialize(json, target.Type, JsonOptions)!, storedVersion);

        var node = JsonNode.Parse(json)!.AsObject();
        for (var v = storedVersion; v < target.Version; v++)
        {
            if (!_upcasters.TryGetValue((name, v), out var up))
                throw new InvalidOperationException($"No upcaster for event '{name}' from version {v} to {v + 1}.");
            node = up(node);
        }
        return (node.Deserialize(target.Type, JsonOptions)!, target.Version);
    }
}
