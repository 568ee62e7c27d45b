using TumorRegistry.Standards.Demographics;
using TumorRegistry.Standards.Dictionary;

namespace TumorRegistry.Domain.Exchange;

/// <summary>
/// What an export writes of a record's items, for a target dictionary (v25 or v26) and record type (A, M, C, I), and
/// for the de-identified extract. Pure: the exporter calls it per patient and per tumor.
/// </summary>
public static class NaaccrExportRules
{
    // Identifiers the Incidence record type still carries, and geography finer than a county.
    private static readonly string[] DeidentifiedDrops = ["patientIdNumber", "accessionNumberHosp", "tumorRecordNumber"];
    private static readonly string[] DeidentifiedDropParts = ["City", "Street", "CensusTract", "censusTract", "CensusBlock", "censusBlock",
        "Latitude", "latitude", "Longitude", "longitude", "Telephone", "telephone", "MedicalRecord", "medicalRecord", "name", "Name",
        "socialSecurity"];

    /// <summary>
    /// The items to write: those the target dictionary knows on this level and in this record type, sex as the target
    /// version's item (v26: Sex Assigned at Birth [225] from v25 Sex [220]); <paramref name="leftOut"/> counts the rest.
    /// Items of the user dictionaries given are written too (by their own level and record types), never in the
    /// de-identified extract: the registry cannot tell which of its own items identify a person.
    /// </summary>
    public static Dictionary<string, string> Items(IReadOnlyDictionary<string, string> items, NaaccrParent parent, NaaccrDictionary target,
        string recordType, bool deidentified, ref int leftOut, IReadOnlyList<NaaccrDictionary>? userDictionaries = null)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var effectiveType = deidentified ? "I" : recordType;
        var user = deidentified ? [] : userDictionaries ?? [];
        NaaccrItemDef? Find(string id)
        {
            if (target.Find(id) is { } def) return def;
            foreach (var d in user)
                if (d.Find(id) is { } u) return u;
            return null;
        }
        foreach (var (id, value) in items.OrderBy(kv => Find(kv.Key)?.NaaccrNum ?? int.MaxValue).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (parent == NaaccrParent.Patient && id is PatientSex.V25Item or PatientSex.V26Item) continue;
            var def = Find(id);
            if (def is null || def.Parent != parent || !def.InRecordType(effectiveType) || (deidentified && Drops(id))) { leftOut++; continue; }
            result[id] = deidentified ? Deidentify(id, value) : value;
        }
        if (parent == NaaccrParent.Patient && PatientSex.FromItems(items) is { } sex)
        {
            if (target.Contains(PatientSex.V26Item)) result[PatientSex.V26Item] = sex.ToV26Code();
            else result[PatientSex.V25Item] = sex.ToV25Code();
        }
        return result;
    }

    /// <summary>
    /// The NaaccrData-level items of an export: the registry's own (Registry ID [40], Registry Type [30], NPI--Registry
    /// ID [45], from its settings), Record Type [10] and NAACCR Record Version [50] of the file being written; only those
    /// the target dictionary has at that level and in that record type, blank settings left out.
    /// </summary>
    public static Dictionary<string, string> RootItems(NaaccrRegistryIdentity registry, NaaccrDictionary target, string recordType)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, value) in registry.Items(target.Version, recordType))
            if (target.Find(id) is { Parent: NaaccrParent.NaaccrData } def && def.InRecordType(recordType) && !string.IsNullOrWhiteSpace(value))
                result[id] = value.Trim();
        return result;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> DropCache = new(StringComparer.Ordinal);

    private static bool Drops(string id) => DropCache.GetOrAdd(id, i => DeidentifiedDrops.Contains(i) || DeidentifiedDropParts.Any(i.Contains));

    /// <summary>Date of birth to its year, ages over 89 to 090 (90 or older; 999 unknown stays), postal codes to 3 characters.</summary>
    public static string Deidentify(string id, string value) => id switch
    {
        "dateOfBirth" => value.Length >= 4 ? value[..4] : value,
        "ageAtDiagnosis" when int.TryParse(value, out var age) && age is > 89 and < 999 => "090",
        _ when id.Contains("PostalCode", StringComparison.Ordinal) => value.Length > 3 ? value[..3] : value,
        _ => value,
    };
}
