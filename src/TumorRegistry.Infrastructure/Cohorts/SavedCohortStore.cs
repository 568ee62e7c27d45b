using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using TumorRegistry.Infrastructure.Survival;

namespace TumorRegistry.Infrastructure.Cohorts;

/// <summary>A saved cohort: its name, the cohort parameters (as <see cref="SurvivalRequest.CohortParameters"/>) and who saved it.</summary>
public sealed record SavedCohort(string Name, string? Description, IReadOnlyDictionary<string, string> Definition, string SavedBy,
    DateTimeOffset SavedAt, int Version);

/// <summary>A save refused, naming the field (or the definition's parameter) at fault.</summary>
public sealed class SavedCohortException(IReadOnlyDictionary<string, string[]> errors) : Exception("The cohort definition is invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>
/// Saved cohorts in PostgreSQL (migration 0070). A definition is stored as the cohort parameters of the survival and
/// incidence requests and checked by the same parser, so one definition means one set of cases wherever it is used:
/// <see cref="CaseIdsAsync"/> gives that set (survival filters by the same predicate; incidence and export take the IDs).
/// </summary>
public sealed partial class SavedCohortStore(NpgsqlDataSource db, StratumLabels labels)
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();

    /// <summary>Checks a definition with the survival parser; the resolved cohort or the errors by parameter.</summary>
    public (CohortDefinition? Cohort, Dictionary<string, string[]> Errors) Resolve(IReadOnlyDictionary<string, string> definition)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in definition.Keys.Where(k => !SurvivalRequest.CohortParameters.Contains(k, StringComparer.OrdinalIgnoreCase)))
            errors[key] = [$"Not a cohort parameter. Use: {string.Join(", ", SurvivalRequest.CohortParameters)}."];
        if (errors.Count > 0) return (null, errors);
        var (request, parseErrors) = SurvivalRequest.Parse(SurvivalReportKind.Observed,
            definition.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)), labels, DateOnly.FromDateTime(DateTime.UtcNow));
        return (request?.Cohort, parseErrors);
    }

    public async Task<SavedCohort> SaveAsync(string name, string? description, IReadOnlyDictionary<string, string> definition, string savedBy,
        DateTimeOffset now, bool replace = false, CancellationToken ct = default)
    {
        if (name is null || !NamePattern().IsMatch(name))
            throw new SavedCohortException(new Dictionary<string, string[]> { ["name"] = ["Names are 1-64 letters, digits, '.', '_' or '-'."] });
        var (_, errors) = Resolve(definition);
        if (errors.Count > 0) throw new SavedCohortException(errors.ToDictionary(e => "definition." + e.Key, e => e.Value));
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            insert into saved_cohorts(name, description, definition, saved_by, saved_at, version) values ($1, $2, $3, $4, $5, 1)
            on conflict (name) do update set description = excluded.description, definition = excluded.definition,
                saved_by = excluded.saved_by, saved_at = excluded.saved_at, version = saved_cohorts.version + 1
            where $6
            returning version
            """, conn);
        cmd.Parameters.AddWithValue(name);
        cmd.Parameters.AddWithValue((object?)description ?? DBNull.Value);
        cmd.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(definition), NpgsqlDbType = NpgsqlDbType.Jsonb });
        cmd.Parameters.AddWithValue(savedBy);
        cmd.Parameters.AddWithValue(now.ToUniversalTime());
        cmd.Parameters.AddWithValue(replace);
        var version = await cmd.ExecuteScalarAsync(ct);
        if (version is null) throw new SavedCohortExistsException(name);
        return new SavedCohort(name, description, definition, savedBy, now, (int)version);
    }

    public async Task<SavedCohort?> FindAsync(string name, CancellationToken ct = default) => (await QueryAsync(name, ct)).FirstOrDefault();

    public Task<IReadOnlyList<SavedCohort>> ListAsync(CancellationToken ct = default) => QueryAsync(null, ct);

    async Task<IReadOnlyList<SavedCohort>> QueryAsync(string? name, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "select name, description, definition::text, saved_by, saved_at, version from saved_cohorts where $1::text is null or name = $1 order by name", conn);
        cmd.Parameters.AddWithValue((object?)name ?? DBNull.Value);
        var list = new List<SavedCohort>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new SavedCohort(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1),
                JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(2))!, r.GetString(3), r.GetFieldValue<DateTimeOffset>(4), r.GetInt32(5)));
        return list;
    }

    /// <summary>
    /// The request's parameters with the saved cohort's definition added when it names one (<c>cohort=name</c>); a
    /// parameter given both ways is an error (the cohort decides which cases, the request how to report them).
    /// </summary>
    public async Task<(List<KeyValuePair<string, string?>> Parameters, SavedCohort? Cohort, Dictionary<string, string[]> Errors)> ExpandAsync(
        IEnumerable<KeyValuePair<string, string?>> parameters, CancellationToken ct = default)
    {
        var list = parameters.ToList();
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        var name = list.FirstOrDefault(p => p.Key.Equals("cohort", StringComparison.OrdinalIgnoreCase)).Value;
        if (string.IsNullOrWhiteSpace(name)) return (list, null, errors);
        var saved = await FindAsync(name.Trim(), ct);
        if (saved is null) { errors["cohort"] = [$"No saved cohort named '{name.Trim()}'."]; return (list, null, errors); }
        foreach (var (key, value) in saved.Definition)
        {
            if (list.Any(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(p.Value)))
                errors[key] = [$"'{key}' is part of saved cohort '{saved.Name}'; leave it out or save another cohort."];
            else list.Add(new(key, value));
        }
        return (list, saved, errors);
    }

    /// <summary>The IDs of the cohort's cases (duplicates never), in ID order: the set export and incidence take.</summary>
    public async Task<IReadOnlyList<Guid>> CaseIdsAsync(CohortDefinition cohort, CancellationToken ct = default)
    {
        var sql = new StringBuilder("""
            select c.case_id from case_summary c join patients p on p.patient_id = c.patient_id
            where c.status <> 'duplicate'
            """);
        await using var cmd = new NpgsqlCommand();
        CohortReader.AppendPredicate(sql, cmd, cohort);
        sql.Append("\norder by c.case_id");
        cmd.CommandText = sql.ToString();
        await using var conn = await db.OpenConnectionAsync(ct);
        cmd.Connection = conn;
        var ids = new List<Guid>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) ids.Add(r.GetGuid(0));
        return ids;
    }
}

/// <summary>The name is taken and the caller did not ask to replace it.</summary>
public sealed class SavedCohortExistsException(string name) : Exception($"A cohort named '{name}' exists; save with replace=true to overwrite it.");
