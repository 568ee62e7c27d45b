using Npgsql;
using NpgsqlTypes;
using TumorRegistry.Incidence.AgeGroups;
using TumorRegistry.Incidence.Populations;

namespace TumorRegistry.Infrastructure.Incidence;

/// <summary>
/// Imported population files (tables populations and population_cells, migration 0003). A file is parsed whole
/// before anything is written: any error and nothing is stored; otherwise one transaction with a binary COPY.
/// </summary>
public sealed class PopulationStore(NpgsqlDataSource db)
{
    private sealed record Row(int Year, string Postal, string StateFips, string CountyFips, string? Registry, int? Race, int? Origin,
        Sex Sex, string Label, int Age, int AgeGroup, long Population);

    public async Task<PopulationImportResult> ImportAsync(PopulationUpload upload, CancellationToken ct = default)
    {
        var (rows, lines, errors) = upload.Format switch
        {
            PopulationFormats.Seer => ParseSeer(upload),
            PopulationFormats.Csv => ParseCsv(upload),
            _ => throw new ArgumentException($"Unknown population format '{upload.Format}'.", nameof(upload)),
        };
        if (errors.Count > 0) return new PopulationImportResult(null, errors);
        if (rows.Count == 0) return new PopulationImportResult(null, [new ParseError(1, "file", "", "no population lines")]);

        var summary = new PopulationSummary(Guid.CreateVersion7(), upload.Name, upload.Format,
            upload.AgeCoding == SeerAgeCoding.SingleAges ? "single" : "groups", DateTimeOffset.UtcNow, upload.ImportedBy, lines, rows.Count,
            rows.Select(r => r.Postal).Distinct().Order(StringComparer.Ordinal).ToList(), rows.Min(r => r.Year), rows.Max(r => r.Year));
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand("""
            insert into populations (id, name, format, age_coding, imported_at, imported_by, line_count, cell_count, states, first_year, last_year)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """, conn, tx))
        {
            foreach (var v in new object?[] { summary.Id, summary.Name, summary.Format, summary.AgeCoding, summary.ImportedAt })
                cmd.Parameters.AddWithValue(v!);
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)summary.ImportedBy ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            cmd.Parameters.AddWithValue(summary.LineCount);
            cmd.Parameters.AddWithValue(summary.CellCount);
            cmd.Parameters.AddWithValue(summary.States.ToArray());
            cmd.Parameters.AddWithValue(summary.FirstYear!.Value);
            cmd.Parameters.AddWithValue(summary.LastYear!.Value);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await CopyCellsAsync(conn, summary.Id, rows, ct);
        await tx.CommitAsync(ct);
        return new PopulationImportResult(summary, []);
    }

    private static async Task CopyCellsAsync(NpgsqlConnection conn, Guid id, IReadOnlyList<Row> rows, CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync("""
            copy population_cells (population_id, ordinal, year, state_postal, state_fips, county_fips, registry, seer_race, seer_origin,
                sex, race_ethnicity, age, age_group, population) from stdin (format binary)
            """, ct);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(id, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(i, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(r.Year, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(r.Postal, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(r.StateFips, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(r.CountyFips, NpgsqlDbType.Text, ct);
            if (r.Registry is null) await copy.WriteNullAsync(ct); else await copy.WriteAsync(r.Registry, NpgsqlDbType.Text, ct);
            if (r.Race is null) await copy.WriteNullAsync(ct); else await copy.WriteAsync((short)r.Race, NpgsqlDbType.Smallint, ct);
            if (r.Origin is null) await copy.WriteNullAsync(ct); else await copy.WriteAsync((short)r.Origin, NpgsqlDbType.Smallint, ct);
            await copy.WriteAsync((short)r.Sex, NpgsqlDbType.Smallint, ct);
            await copy.WriteAsync(r.Label, NpgsqlDbType.Text, ct);
            await copy.WriteAsync((short)r.Age, NpgsqlDbType.Smallint, ct);
            await copy.WriteAsync((short)r.AgeGroup, NpgsqlDbType.Smallint, ct);
            await copy.WriteAsync(r.Population, NpgsqlDbType.Bigint, ct);
        }
        await copy.CompleteAsync(ct);
    }

    private static (IReadOnlyList<Row>, int, IReadOnlyList<ParseError>) ParseSeer(PopulationUpload upload)
    {
        var parsed = SeerPopulationFile.Parse(upload.File, upload.AgeCoding);
        if (!parsed.IsValid) return ([], 0, parsed.Errors);
        var single = upload.AgeCoding == SeerAgeCoding.SingleAges;
        var rows = parsed.Records.Select(r => new Row(r.Year, r.StatePostal, r.StateFips, r.FullCountyFips, r.Registry, r.Race, r.Origin,
            r.Sex, RaceEthnicity.FromSeer(r.Race, r.Origin), r.Age, single ? SeerAgeGroups.FromAge(r.Age) : r.Age, r.Population)).ToList();
        return (rows, rows.Count, []);
    }

    // The CSV names the state by FIPS only; the registry's cases name it by postal code, which the upload supplies.
    // A CSV must therefore hold one state: a line of another state is an error.
    private static (IReadOnlyList<Row>, int, IReadOnlyList<ParseError>) ParseCsv(PopulationUpload upload)
    {
        if (upload.StatePostal is not { Length: 2 } postal || !postal.All(char.IsAsciiLetterUpper))
            return ([], 0, [new ParseError(0, "state", upload.StatePostal ?? "", "a CSV population needs the state's postal code (e.g. NM)")]);
        var text = upload.File.ReadToEnd();
        var parsed = PopulationCsv.Parse(new StringReader(text));
        if (!parsed.IsValid) return ([], 0, parsed.Errors);
        // Every non-blank line after the header became one cell, in order: recover each cell's line number.
        var lineNumbers = text.Split('\n').Select((l, i) => (Line: l, Number: i + 1)).Skip(1)
            .Where(l => l.Line.Trim().Length > 0).Select(l => l.Number).ToList();
        var stateFips = parsed.Records.Count > 0 ? parsed.Records[0].CountyFips[..2] : "";
        var errors = parsed.Records.Select((c, i) => (c, i)).Where(x => x.c.CountyFips[..2] != stateFips)
            .Select(x => new ParseError(lineNumbers[x.i], "state", x.c.CountyFips[..2],
                $"one state per file: line {lineNumbers[0]} has state FIPS {stateFips}")).ToList();
        if (errors.Count > 0) return ([], 0, errors);
        var rows = parsed.Records.Select(c => new Row(c.Year, postal, stateFips, c.CountyFips, null, null, null, c.Sex, c.RaceEthnicity,
            c.AgeGroup, c.AgeGroup, c.Population)).ToList();
        return (rows, rows.Count + 1, []);
    }

    public async Task<IReadOnlyList<PopulationSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"{SummarySelect} order by imported_at desc, id");
        return await ReadSummariesAsync(cmd, ct);
    }

    public async Task<PopulationSummary?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"{SummarySelect} where id = $1");
        cmd.Parameters.AddWithValue(id);
        return (await ReadSummariesAsync(cmd, ct)).SingleOrDefault();
    }

    /// <summary>The most recently imported population that covers <paramref name="statePostal"/>.</summary>
    public async Task<PopulationSummary?> LatestForStateAsync(string statePostal, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"{SummarySelect} where $1 = any(states) order by imported_at desc, id desc limit 1");
        cmd.Parameters.AddWithValue(statePostal);
        return (await ReadSummariesAsync(cmd, ct)).SingleOrDefault();
    }

    private const string SummarySelect =
        "select id, name, format, age_coding, imported_at, imported_by, line_count, cell_count, states, first_year, last_year from populations";

    private static async Task<IReadOnlyList<PopulationSummary>> ReadSummariesAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<PopulationSummary>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new PopulationSummary(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.GetInt32(6), r.GetInt32(7), r.GetFieldValue<string[]>(8),
                r.IsDBNull(9) ? null : r.GetInt32(9), r.IsDBNull(10) ? null : r.GetInt32(10)));
        return list;
    }

    /// <summary>
    /// Writes a stored population in <paramref name="format"/>. SEER: the file's own lines in their order (only for a
    /// population imported from a SEER file, since a CSV has no registry, race and origin codes); CSV: cells in 19 age groups.
    /// </summary>
    public async Task WriteAsync(PopulationSummary population, string format, TextWriter writer, CancellationToken ct = default)
    {
        if (format == PopulationFormats.Seer)
        {
            if (population.Format != PopulationFormats.Seer)
                throw new InvalidOperationException("A population imported from CSV has no SEER race, origin and registry codes; export it as CSV.");
            await using var cmd = db.CreateCommand("""
                select year, state_postal, state_fips, right(county_fips, 3), registry, seer_race, seer_origin, sex, age, population
                from population_cells where population_id = $1 order by ordinal
                """);
            cmd.Parameters.AddWithValue(population.Id);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            SeerPopulationFile.Write(writer, ReadRecords(r));
            return;
        }
        await using (var cmd = db.CreateCommand("""
            select county_fips, year, sex, race_ethnicity, age_group, sum(population)::bigint from population_cells where population_id = $1
            group by county_fips, year, sex, race_ethnicity, age_group order by min(ordinal)
            """))
        {
            cmd.Parameters.AddWithValue(population.Id);
            PopulationCsv.Write(writer, await ReadCellsAsync(cmd, ct));
        }
    }

    private static IEnumerable<PopulationRecord> ReadRecords(NpgsqlDataReader r)
    {
        while (r.Read())
            yield return new PopulationRecord(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt16(5),
                r.GetInt16(6), (Sex)r.GetInt16(7), r.GetInt16(8), r.GetInt64(9));
    }

    /// <summary>
    /// Denominators for a state and years, in the 19 age groups (single-age files are summed into groups here),
    /// and the state's FIPS code, which the case counts need to name counties. Without <paramref name="byRace"/> the races
    /// are summed here and the cells labelled "All races".
    /// </summary>
    public async Task<(string? StateFips, IReadOnlyList<PopulationCell> Cells)> CellsAsync(Guid populationId, string statePostal,
        int firstYear, int lastYear, bool byRace = true, CancellationToken ct = default)
    {
        await using var batch = db.CreateBatch();
        var fips = new NpgsqlBatchCommand("select state_fips from population_cells where population_id = $1 and state_postal = $2 limit 1");
        fips.Parameters.AddWithValue(populationId);
        fips.Parameters.AddWithValue(statePostal);
        batch.BatchCommands.Add(fips);
        var cells = new NpgsqlBatchCommand($"""
            select county_fips, year, sex, {(byRace ? "race_ethnicity" : "$5::text")}, age_group, sum(population)::bigint from population_cells
            where population_id = $1 and state_postal = $2 and year between $3 and $4
            group by 1, 2, 3, 4, 5
            """);
        foreach (var v in new object[] { populationId, statePostal, firstYear, lastYear }) cells.Parameters.AddWithValue(v);
        if (!byRace) cells.Parameters.AddWithValue(RaceEthnicity.AllRaces);
        batch.BatchCommands.Add(cells);
        await using var r = await batch.ExecuteReaderAsync(ct);
        string? stateFips = await r.ReadAsync(ct) ? r.GetString(0) : null;
        await r.NextResultAsync(ct);
        var list = new List<PopulationCell>();
        while (await r.ReadAsync(ct)) list.Add(Cell(r));
        return (stateFips, list);
    }

    private static async Task<List<PopulationCell>> ReadCellsAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<PopulationCell>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(Cell(r));
        return list;
    }

    private static PopulationCell Cell(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetInt32(1), (Sex)r.GetInt16(2), r.GetString(3), r.GetInt16(4), r.GetInt64(5));

}
