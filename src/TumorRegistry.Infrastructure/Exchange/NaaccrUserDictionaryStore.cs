using System.Text;
using Npgsql;
using TumorRegistry.Standards;
using TumorRegistry.Standards.Dictionary;

namespace TumorRegistry.Infrastructure.Exchange;

/// <summary>A kept user dictionary as listed: its URI, version, how many items and who uploaded it when.</summary>
public sealed record NaaccrUserDictionaryInfo(string DictionaryUri, string NaaccrVersion, string Description, int Items,
    string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>
/// The user-defined NAACCR dictionaries the registry keeps (table naaccr_user_dictionaries): checked on upload
/// (<see cref="NaaccrUserDictionaryCheck"/>), then given to every import and export. Uploading a URI again replaces it.
/// </summary>
public sealed class NaaccrUserDictionaryStore(NpgsqlDataSource db, NaaccrStandards standards)
{
    public sealed record Saved(NaaccrUserDictionaryInfo? Info, bool Replaced, IReadOnlyList<NaaccrDictionaryProblem> Problems);

    public async Task<Saved> SaveAsync(byte[] xml, string user, DateTimeOffset now, CancellationToken ct = default)
    {
        var kept = await LoadAllAsync(ct);
        var (dictionary, problems) = NaaccrUserDictionaryCheck.Check(new MemoryStream(xml), standards.Dictionaries.Values, kept);
        if (dictionary is null) return new Saved(null, false, problems);
        var replaced = kept.Any(k => NaaccrUserDictionaryCheck.SameUri(k.DictionaryUri, dictionary.DictionaryUri));
        await using var cmd = db.CreateCommand("""
            insert into naaccr_user_dictionaries(dictionary_uri, naaccr_version, description, item_count, dictionary_xml, uploaded_by, uploaded_at)
            values ($1, $2, $3, $4, $5, $6, $7)
            on conflict (dictionary_uri) do update set naaccr_version = excluded.naaccr_version, description = excluded.description,
                item_count = excluded.item_count, dictionary_xml = excluded.dictionary_xml, uploaded_by = excluded.uploaded_by,
                uploaded_at = excluded.uploaded_at
            """);
        var info = new NaaccrUserDictionaryInfo(dictionary.DictionaryUri, dictionary.Version, dictionary.Description, dictionary.Items.Count, user, now);
        foreach (var v in new object[] { info.DictionaryUri, info.NaaccrVersion, info.Description, info.Items, Encoding.UTF8.GetString(xml), user, now })
            cmd.Parameters.AddWithValue(v);
        await cmd.ExecuteNonQueryAsync(ct);
        return new Saved(info, replaced, []);
    }

    public async Task<IReadOnlyList<NaaccrUserDictionaryInfo>> ListAsync(CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            select dictionary_uri, naaccr_version, description, item_count, uploaded_by, uploaded_at
            from naaccr_user_dictionaries order by dictionary_uri
            """);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<NaaccrUserDictionaryInfo>();
        while (await r.ReadAsync(ct))
            list.Add(new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetString(4), r.GetFieldValue<DateTimeOffset>(5)));
        return list;
    }

    /// <summary>Every kept dictionary, parsed: what an import's reader resolves userDictionaryUri against.</summary>
    public async Task<IReadOnlyList<NaaccrDictionary>> LoadAllAsync(CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("select dictionary_xml from naaccr_user_dictionaries order by dictionary_uri");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<NaaccrDictionary>();
        while (await r.ReadAsync(ct)) list.Add(NaaccrDictionary.Load(new MemoryStream(Encoding.UTF8.GetBytes(r.GetString(0)))));
        return list;
    }
}
