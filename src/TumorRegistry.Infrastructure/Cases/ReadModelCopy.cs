using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace TumorRegistry.Infrastructure.Cases;

/// <summary>
/// Writes the read-model rows of streams a save starts with one binary COPY on the session's connection and
/// transaction, instead of one upsert statement per row (a bulk import's 500 new cases cost about as much in upserts
/// as everything else it does). Columns and types come from the projection's own upsert, so both write the same row;
/// a new stream has no row to conflict with (the save fails whole if its id exists).
/// </summary>
internal sealed partial class ReadModelCopy
{
    private readonly string _copy;
    private readonly NpgsqlDbType?[] _types;

    public ReadModelCopy(string upsertSql)
    {
        var m = InsertPattern().Match(upsertSql);
        if (!m.Success) throw new ArgumentException("Not an insert ... values (...) statement.", nameof(upsertSql));
        var columns = m.Groups["cols"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        _types = [.. ParamPattern().Matches(m.Groups["vals"].Value).Select(p => TypeOf(p.Groups["type"].Value))];
        if (_types.Length != columns.Length) throw new ArgumentException("Columns and values differ in number.", nameof(upsertSql));
        _copy = $"copy {m.Groups["table"].Value} ({string.Join(", ", columns)}) from stdin (format binary)";
    }

    public async Task WriteAsync(NpgsqlConnection conn, IReadOnlyList<object[]> rows, CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync(_copy, ct);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            for (var i = 0; i < row.Length; i++)
            {
                if (row[i] is DBNull or null) await copy.WriteNullAsync(ct);
                else await copy.WriteAsync(row[i], _types[i] ?? Inferred(row[i]), ct);
            }
        }
        await copy.CompleteAsync(ct);
    }

    private static NpgsqlDbType Inferred(object value) => value switch
    {
        Guid => NpgsqlDbType.Uuid,
        int => NpgsqlDbType.Integer,
        string => NpgsqlDbType.Text,
        _ => throw new ArgumentException($"No column type for {value.GetType().Name}."),
    };

    private static NpgsqlDbType? TypeOf(string cast) => cast switch
    {
        "" => null,
        "uuid" => NpgsqlDbType.Uuid,
        "text" => NpgsqlDbType.Text,
        "int" => NpgsqlDbType.Integer,
        "timestamptz" => NpgsqlDbType.TimestampTz,
        "jsonb" => NpgsqlDbType.Jsonb,
        "text[]" => NpgsqlDbType.Array | NpgsqlDbType.Text,
        "uuid[]" => NpgsqlDbType.Array | NpgsqlDbType.Uuid,
        _ => throw new ArgumentException($"No COPY type for ::{cast}."),
    };

    [GeneratedRegex(@"insert into (?<table>\w+)\s*\((?<cols>[^)]*)\)\s*values\s*\((?<vals>[^;]*?)\)\s*on conflict", RegexOptions.Singleline)]
    private static partial Regex InsertPattern();

    [GeneratedRegex(@"\?(?:::(?<type>[a-z]+(?:\[\])?))?")]
    private static partial Regex ParamPattern();
}
