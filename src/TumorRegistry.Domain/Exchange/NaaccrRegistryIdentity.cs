using TumorRegistry.Standards.Dictionary;
using TumorRegistry.Standards.Xml;

namespace TumorRegistry.Domain.Exchange;

/// <summary>
/// Who this registry is in a NAACCR file: Registry ID [40] (10 digits, e.g. the state's), Registry Type [30] (1
/// population-based, 2 hospital, 3 other) and NPI--Registry ID [45]. Settings, not data: the export writes them as
/// root items of every file.
/// </summary>
public sealed record NaaccrRegistryIdentity(string? RegistryId = null, string? RegistryType = null, string? NpiRegistryId = null)
{
    public static NaaccrRegistryIdentity None { get; } = new();

    /// <summary>The root items of a file of this version and record type, before the target dictionary filters them.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Items(string naaccrVersion, string recordType) =>
    [
        new("recordType", recordType),
        new("registryType", RegistryType),
        new("registryId", RegistryId),
        new("npiRegistryId", NpiRegistryId),
        new("naaccrRecordVersion", naaccrVersion),
    ];

    /// <summary>Settings whose value the target dictionary refuses (length or data type), by setting: the export cannot run.</summary>
    public IReadOnlyDictionary<string, string[]> Problems(NaaccrDictionary target)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (id, value) in new[] { ("registryId", RegistryId), ("registryType", RegistryType), ("npiRegistryId", NpiRegistryId) })
        {
            if (string.IsNullOrWhiteSpace(value) || target.Find(id) is not { } def) continue;
            var v = value.Trim();
            if (v.Length > def.Length) errors[id] = [$"{def.Name} [{def.NaaccrNum}] is at most {def.Length} characters."];
            else if (NaaccrValueCheck.TypeError(def, v) is { } error) errors[id] = [error];
        }
        return errors;
    }
}
