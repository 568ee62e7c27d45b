using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using TumorRegistry.Domain.Events;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Linkage;
using TumorRegistry.Linkage.Comparators;

namespace TumorRegistry.Infrastructure.Linkage;

public sealed record DedupRun(int Patients, long PairsCompared, int Links, int Review, double Upper, double Lower, bool Converged);

/// <summary>
/// Patient linkage against the registry: one incoming record (reports, NAACCR imports) or every patient against
/// every other (the duplicate search). Keys live in linkage_keys, refreshed on demand from the patients read model.
/// Identifiers are PHI: nothing here logs them, and errors never carry them.
/// </summary>
public sealed class PatientLinkage(NpgsqlDataSource db, RegistryEvents events)
{
    private static readonly Lazy<NicknameTable> Nicknames = new(() =>
        NicknameTable.Load(Path.Combine(AppContext.BaseDirectory, "reference", "linkage", "nicknames.csv")));

    public const string JobUser = "linkage";

    /// <summary>Incoming patient items (NAACCR naaccrIds) against the registry: a link, candidates to review, or none.</summary>
    public async Task<LinkageOutcome> LinkPatientAsync(IReadOnlyDictionary<string, string> patientItems, CancellationToken ct) =>
        await LinkPatientWithAsync(patientItems, await CurrentModelAsync(ct), ct);

    /// <summary>As <see cref="LinkPatientAsync"/> with a given model (tests; a what-if on other thresholds).</summary>
    public async Task<LinkageOutcome> LinkPatientWithAsync(IReadOnlyDictionary<string, string> patientItems, LinkageModel model, CancellationToken ct = default)
    {
        await RefreshKeysAsync(ct);
        var incoming = new PreparedPerson(PersonIdentity.FromItems(patientItems), Nicknames.Value);
        var keys = BlockingKeys.Compute(incoming).Where(k => k != 0).Select(k => unchecked((long)k)).Distinct().ToArray();
        if (keys.Length == 0) return new LinkageOutcome.NonLink(0);
        var candidates = new List<(Guid, PreparedPerson)>();
        await using (var cmd = db.CreateCommand($"{SelectKeys} where keys && $1"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) candidates.Add((r.GetGuid(0), Prepared(r)));
        }
        return Matcher.Match(incoming, candidates, model);
    }

    /// <summary>The newest estimate, or the starting model (thresholds 10 and 0) before any duplicate search ran.</summary>
    public async Task<LinkageModel> CurrentModelAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select model from linkage_models order by id desc limit 1");
        return await cmd.ExecuteScalarAsync(ct) is string json
            ? JsonSerializer.Deserialize<LinkageModel>(json)!
            : DefaultModel;
    }

    private static readonly LinkageModel DefaultModel = LinkageModel.Start(new long[Fields.PatternCount]) with { Upper = 20, Lower = 5 };

    /// <summary>Every patient against every other: estimates m/u (registrar decisions as labelled pairs), stores
    /// the model, the automatic links and the review band.</summary>
    public async Task<DedupRun> RunDedupAsync(CancellationToken ct)
    {
        await RefreshKeysAsync(ct);
        var ids = new List<Guid>();
        var people = new List<PreparedPerson>();
        await using (var cmd = db.CreateCommand(SelectKeys))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) { ids.Add(r.GetGuid(0)); people.Add(Prepared(r)); }
        var index = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var decisions = new List<(int, int, bool)>();
        await using (var cmd = db.CreateCommand("select patient_a, patient_b, status from linkage_pairs where status in ('confirmed', 'rejected')"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                if (index.TryGetValue(r.GetGuid(0), out var a) && index.TryGetValue(r.GetGuid(1), out var b))
                    decisions.Add((a, b, r.GetString(2) == "confirmed"));
        var result = new Dedup(people.ToArray(), new DedupOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount - 1) }).Run(decisions);

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand("insert into linkage_models (pairs, model) values ($1, $2::jsonb)", conn, tx))
        {
            cmd.Parameters.AddWithValue(result.PairsCompared);
            cmd.Parameters.AddWithValue(JsonSerializer.Serialize(result.Model));
            await cmd.ExecuteNonQueryAsync(ct);
        }
        // Decided pairs keep their decision; open ones take the new weight and band.
        var batch = new NpgsqlBatch(conn, tx);
        foreach (var (pair, status) in result.Links.Select(p => (p, "linked")).Concat(result.Review.Select(p => (p, "review"))))
        {
            var (a, b) = Ordered(ids[pair.First], ids[pair.Second]);
            var c = new NpgsqlBatchCommand("""
                insert into linkage_pairs (patient_a, patient_b, weight, pattern, status) values ($1, $2, $3, $4, $5)
                on conflict (patient_a, patient_b) do update set weight = excluded.weight, pattern = excluded.pattern, status = excluded.status
                where linkage_pairs.status in ('review', 'linked')
                """);
            c.Parameters.Add(new NpgsqlParameter { Value = a });
            c.Parameters.Add(new NpgsqlParameter { Value = b });
            c.Parameters.Add(new NpgsqlParameter { Value = pair.Weight });
            c.Parameters.Add(new NpgsqlParameter { Value = pair.Pattern });
            c.Parameters.Add(new NpgsqlParameter { Value = status });
            batch.BatchCommands.Add(c);
        }
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return new DedupRun(ids.Count, result.PairsCompared, result.Links.Count, result.Review.Count, result.Model.Upper, result.Model.Lower, result.Model.Converged);
    }

    /// <summary>A registrar's decision on a pair in review: an event on the first patient's stream, and the pair's status.</summary>
    public async Task<DecisionResult> DecideAsync(long pairId, bool confirm, string user, string reason, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        Guid a, b;
        double weight;
        await using (var cmd = new NpgsqlCommand("select patient_a, patient_b, weight, status from linkage_pairs where id = $1", conn))
        {
            cmd.Parameters.AddWithValue(pairId);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return DecisionResult.NotFound;
            if (r.GetString(3) is "confirmed" or "rejected") return DecisionResult.AlreadyDecided;
            (a, b, weight) = (r.GetGuid(0), r.GetGuid(1), r.GetDouble(2));
        }
        await using (var cmd = new NpgsqlCommand("""
            update linkage_pairs set status = $2, decided_by = $3, decided_at = now(), reason = $4
            where id = $1 and status in ('review', 'linked')
            """, conn))
        {
            cmd.Parameters.AddWithValue(pairId);
            cmd.Parameters.AddWithValue(confirm ? "confirmed" : "rejected");
            cmd.Parameters.AddWithValue(user);
            cmd.Parameters.AddWithValue(reason);
            if (await cmd.ExecuteNonQueryAsync(ct) == 0) return DecisionResult.AlreadyDecided;
        }
        object decided = confirm ? new PatientLinkConfirmed(a, b, weight) : new PatientLinkRejected(a, b, weight);
        await events.AppendAsync(new StreamAppend(a, StreamTypes.Patient, StreamAppend.Any, [decided]), new EventMetadata(user, reason), ct);
        return DecisionResult.Decided;
    }

    /// <summary>Brings linkage_keys up to date with the patients read model (new patients and changed ones).</summary>
    public async Task<int> RefreshKeysAsync(CancellationToken ct)
    {
        var rows = new List<(Guid Id, int Version, PersonIdentity Person)>();
        await using (var cmd = db.CreateCommand("""
            select p.patient_id, p.version, p.items->>'nameLast', p.items->>'nameFirst', p.items->>'nameMiddle',
                   p.items->>'nameBirthSurname', p.items->>'dateOfBirth', p.items->>'sex', p.items->>'socialSecurityNumber',
                   (select max(c.items->>'addrAtDxPostalCode') from case_summary c where c.patient_id = p.patient_id)
            from patients p left join linkage_keys k on k.patient_id = p.patient_id
            where k.patient_id is null or k.version <> p.version
            """))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                rows.Add((r.GetGuid(0), r.GetInt32(1), new PersonIdentity(S(r, 2), S(r, 3), S(r, 4), S(r, 5), S(r, 6), S(r, 7), S(r, 8), S(r, 9))));
        if (rows.Count == 0) return 0;
        await using var conn = await db.OpenConnectionAsync(ct);
        foreach (var chunk in rows.Chunk(1000))
        {
            await using var batch = new NpgsqlBatch(conn);
            foreach (var (id, version, person) in chunk)
            {
                var prepared = new PreparedPerson(person, Nicknames.Value);
                var keys = BlockingKeys.Compute(prepared).Where(k => k != 0).Select(k => unchecked((long)k)).Distinct().ToArray();
                var c = new NpgsqlBatchCommand("""
                    insert into linkage_keys (patient_id, version, name_last, name_first, name_middle, name_birth_surname, date_of_birth, sex, ssn, postal_code, keys)
                    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                    on conflict (patient_id) do update set version = excluded.version, name_last = excluded.name_last, name_first = excluded.name_first,
                        name_middle = excluded.name_middle, name_birth_surname = excluded.name_birth_surname, date_of_birth = excluded.date_of_birth,
                        sex = excluded.sex, ssn = excluded.ssn, postal_code = excluded.postal_code, keys = excluded.keys
                    """);
                object?[] values = [id, version, person.LastName, person.FirstName, person.MiddleName, person.BirthSurname, person.DateOfBirth, person.Sex, person.Ssn, person.PostalCode];
                foreach (var v in values) c.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
                c.Parameters.Add(new NpgsqlParameter { Value = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
                batch.BatchCommands.Add(c);
            }
            await batch.ExecuteNonQueryAsync(ct);
        }
        return rows.Count;
    }

    private static string? S(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private const string SelectKeys = "select patient_id, name_last, name_first, name_middle, name_birth_surname, date_of_birth, sex, ssn, postal_code from linkage_keys";

    private static PreparedPerson Prepared(NpgsqlDataReader r) =>
        new(new PersonIdentity(S(r, 1), S(r, 2), S(r, 3), S(r, 4), S(r, 5), S(r, 6), S(r, 7), S(r, 8)), Nicknames.Value);

    private static (Guid, Guid) Ordered(Guid x, Guid y) => x.CompareTo(y) < 0 ? (x, y) : (y, x);
}

public enum DecisionResult { Decided, NotFound, AlreadyDecided }
