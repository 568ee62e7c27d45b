using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using TumorRegistry.Survival.Relative;
using static TumorRegistry.Survival.Reporting.Csv;

namespace TumorRegistry.Infrastructure.Survival;

/// <summary>A stored population life table, as listed.</summary>
public sealed record LifeTableSummary(string Name, string? Description, bool ByRace, int Rows, int MinAge, int MaxAge,
    IReadOnlyList<int> Years, IReadOnlyList<string> Sexes, DateTimeOffset ImportedAt);

/// <summary>An import refused, naming the parameter or the CSV line at fault.</summary>
public sealed class LifeTableImportException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>The life table name is taken and the caller did not ask to replace it.</summary>
public sealed class LifeTableExistsException(string name) : Exception($"A life table named '{name}' exists; import with replace to overwrite it.");

/// <summary>
/// Population life tables in PostgreSQL (migration 0004): imported from the survival library's CSV format
/// (age,year,sex[,race],qx), checked complete by <see cref="PopulationLifeTable.Load"/> before anything is written,
/// loaded by name for relative survival, and exported back as CSV.
/// </summary>
public sealed partial class LifeTableStore(NpgsqlDataSource dataSource)
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();

    public async Task<LifeTableSummary> ImportAsync(string name, string? description, TextReader csv, bool replace = false,
        string? importedBy = null, CancellationToken ct = default)
    {
        if (name is null || !NamePattern().IsMatch(name))
            throw new LifeTableImportException("name", "Names are 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        var rows = ParseRows(csv);
        // The estimator's own loader decides completeness (every age x year x sex cell), so what is stored always loads.
        try { PopulationLifeTable.Load(new StringReader(ToCsv(rows))); }
        catch (FormatException e) { throw new LifeTableImportException("csv", e.Message); }

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext('life_table:' || $1))", conn, tx))
        {
            lockCmd.Parameters.AddWithValue(name);
            await lockCmd.ExecuteNonQueryAsync(ct);
        }
        await using (var exists = new NpgsqlCommand("select count(*) from population_life_tables where name = $1", conn, tx))
        {
            exists.Parameters.AddWithValue(name);
            if ((long)(await exists.ExecuteScalarAsync(ct))! > 0)
            {
                if (!replace) throw new LifeTableExistsException(name);
                await using var delete = new NpgsqlCommand("delete from population_life_tables where name = $1", conn, tx);
                delete.Parameters.AddWithValue(name);
                await delete.ExecuteNonQueryAsync(ct);
            }
        }
        await using (var insert = new NpgsqlCommand(
            "insert into population_life_tables(name, description, by_race, imported_by, row_count) values ($1, $2, $3, $4, $5)", conn, tx))
        {
            insert.Parameters.AddWithValue(name);
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)description ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.AddWithValue(rows.ByRace);
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)importedBy ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.AddWithValue(rows.Rows.Count);
            await insert.ExecuteNonQueryAsync(ct);
        }
        await using (var copy = await conn.BeginBinaryImportAsync(
            "copy population_life_table_rates(name, sex, race, year, age, qx) from stdin (format binary)", ct))
        {
            foreach (var r in rows.Rows)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(name, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(r.Sex, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(r.Race, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(r.Year, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(r.Age, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(r.Qx, NpgsqlDbType.Double, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await tx.CommitAsync(ct);
        return (await ListAsync(name, ct)).Single();
    }

    /// <summary>All stored tables (or the one named).</summary>
    public async Task<IReadOnlyList<LifeTableSummary>> ListAsync(string? name = null, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            select t.name, t.description, t.by_race, t.row_count, t.imported_at, min(r.age), max(r.age),
                   array_agg(distinct r.year order by r.year), array_agg(distinct r.sex order by r.sex)
            from population_life_tables t join population_life_table_rates r on r.name = t.name
            where $1::text is null or t.name = $1
            group by t.name order by t.name
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)name ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        var list = new List<LifeTableSummary>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new LifeTableSummary(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetBoolean(2), r.GetInt32(3),
                r.GetInt32(5), r.GetInt32(6), r.GetFieldValue<int[]>(7), r.GetFieldValue<string[]>(8), r.GetFieldValue<DateTimeOffset>(4)));
        return list;
    }

    /// <summary>The stored table as CSV (age,year,sex[,race],qx), or null when there is none by that name.</summary>
    public async Task<string?> ExportCsvAsync(string name, CancellationToken ct = default)
    {
        var rows = new List<Row>();
        bool? byRace = null;
        await using (var head = dataSource.CreateCommand("select by_race from population_life_tables where name = $1"))
        {
            head.Parameters.AddWithValue(name);
            if (await head.ExecuteScalarAsync(ct) is bool b) byRace = b; else return null;
        }
        await using var cmd = dataSource.CreateCommand(
            "select age, year, sex, race, qx from population_life_table_rates where name = $1 order by sex, race, year, age");
        cmd.Parameters.AddWithValue(name);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) rows.Add(new Row(r.GetInt32(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetDouble(4)));
        return ToCsv(new ParsedRows(rows, byRace.Value));
    }

    /// <summary>The named table ready for the estimators, or null when there is none.</summary>
    public async Task<PopulationLifeTable?> LoadAsync(string name, CancellationToken ct = default) =>
        await ExportCsvAsync(name, ct) is { } csv ? PopulationLifeTable.Load(new StringReader(csv)) : null;

    record struct Row(int Age, int Year, string Sex, string Race, double Qx);
    sealed record ParsedRows(List<Row> Rows, bool ByRace);

    static string ToCsv(ParsedRows rows)
    {
        var sb = new StringBuilder(rows.ByRace ? "age,year,sex,race,qx\n" : "age,year,sex,qx\n");
        foreach (var r in rows.Rows)
            sb.Append(r.Age).Append(',').Append(r.Year).Append(',').Append(Field(r.Sex)).Append(',')
              .Append(rows.ByRace ? Field(r.Race) + "," : "").Append(Number(r.Qx)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Reads every row, naming the line and column of the first problem.</summary>
    static ParsedRows ParseRows(TextReader csv)
    {
        var header = Split(csv.ReadLine() ?? throw new LifeTableImportException("csv", "The CSV is empty."))
            .Select(h => h.Trim().ToLowerInvariant()).ToArray();
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i
            : throw new LifeTableImportException("csv", $"The header lacks column '{name}' (expected age,year,sex[,race],qx).");
        int ia = Col("age"), iy = Col("year"), isx = Col("sex"), iq = Col("qx");
        int ir = Array.IndexOf(header, "race");
        var rows = new List<Row>();
        var seen = new HashSet<(int, int, string, string)>();
        int lineNo = 1;
        for (string? line; (line = csv.ReadLine()) is not null;)
        {
            lineNo++;
            if (line.Trim().Length == 0) continue;
            var f = Split(line);
            if (f.Length < header.Length) throw new LifeTableImportException("csv", $"Line {lineNo}: {f.Length} fields, the header has {header.Length}.");
            if (!int.TryParse(f[ia], NumberStyles.None, CultureInfo.InvariantCulture, out var age) || age > 130)
                throw new LifeTableImportException("csv", $"Line {lineNo}: age '{f[ia]}' is not a whole number of years from 0 to 130.");
            if (!int.TryParse(f[iy], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1800 or > 2200)
                throw new LifeTableImportException("csv", $"Line {lineNo}: year '{f[iy]}' is not a calendar year.");
            var sex = f[isx].Trim();
            if (sex.Length == 0) throw new LifeTableImportException("csv", $"Line {lineNo}: sex is blank.");
            if (!double.TryParse(f[iq], NumberStyles.Float, CultureInfo.InvariantCulture, out var qx) || !(qx >= 0 && qx < 1))
                throw new LifeTableImportException("csv", $"Line {lineNo}: qx '{f[iq]}' is not a probability in [0, 1).");
            var race = ir >= 0 ? f[ir].Trim() : "";
            if (!seen.Add((age, year, sex, race)))
                throw new LifeTableImportException("csv", $"Line {lineNo}: age {age}, year {year}, sex {sex}{(ir >= 0 ? $", race {race}" : "")} appears twice.");
            rows.Add(new Row(age, year, sex, race, qx));
        }
        if (rows.Count == 0) throw new LifeTableImportException("csv", "The CSV has a header but no rows.");
        return new ParsedRows(rows, ir >= 0);
    }
}
