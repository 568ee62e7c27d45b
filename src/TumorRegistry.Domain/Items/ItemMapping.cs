using System.Collections.Concurrent;
using System.Reflection;
using TumorRegistry.Domain.Events;
using TumorRegistry.Standards.Dictionary;

namespace TumorRegistry.Domain.Items;

/// <summary>An event property that carries a NAACCR item.</summary>
public sealed record ItemField(Type EventType, PropertyInfo Property, string NaaccrId);

/// <summary>One row of the event-to-NAACCR mapping, with number and name looked up in the dictionary.</summary>
public sealed record ItemMappingRow(string EventName, string Field, string NaaccrId, int? NaaccrNum, string? ItemName, NaaccrParent? Parent);

/// <summary>
/// Reads the [NaaccrItem] annotations of event types: which property carries which item, and the
/// item values an event records. The single place that turns events into naaccrId → value pairs.
/// </summary>
public static class ItemMapping
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<ItemField>> Fields = new();

    /// <summary>The annotated properties of an event type.</summary>
    public static IReadOnlyList<ItemField> FieldsOf(Type eventType) => Fields.GetOrAdd(eventType, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (p, a: p.GetCustomAttribute<NaaccrItemAttribute>()))
            .Where(x => x.a is not null)
            .Select(x => new ItemField(t, x.p, x.a!.NaaccrId))
            .ToList());

    /// <summary>
    /// The item values an event sets: typed fields that are not null, then OtherItems.
    /// An empty string means "blank this item".
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> ItemsOf(DomainEvent e)
    {
        foreach (var f in FieldsOf(e.GetType()))
            if (f.Property.GetValue(e) is string value) yield return new(f.NaaccrId, value);
        if (e is ItemsEvent { OtherItems: { } other })
            foreach (var kv in other) yield return kv;
        if (e is ItemsImported imported)
            foreach (var kv in imported.Items) yield return kv;
        if (e is ItemsCorrected corrected)
            foreach (var c in corrected.Corrections) yield return new(c.NaaccrId, c.NewValue ?? "");
        if (e is IChangesItems changes)
            foreach (var kv in changes.ChangedItems) yield return kv;
    }

    /// <summary>Applies an event's items to a map: values set, empty values remove the item.</summary>
    public static void Apply(DomainEvent e, IDictionary<string, string> items)
    {
        foreach (var (id, value) in ItemsOf(e))
        {
            if (string.IsNullOrEmpty(value)) items.Remove(id);
            else items[id] = value;
        }
    }

    /// <summary>The whole mapping, for documentation and for checks against the dictionary.</summary>
    public static IReadOnlyList<ItemMappingRow> Rows(NaaccrDictionary dictionary) =>
        DomainEvents.All.SelectMany(d => FieldsOf(d.Type).Select(f =>
        {
            var def = dictionary.Find(f.NaaccrId);
            return new ItemMappingRow(d.Name, f.Property.Name, f.NaaccrId, def?.NaaccrNum, def?.Name, def?.Parent);
        })).ToList();
}
