using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using TumorRegistry.Domain.Patients;
using TumorRegistry.Infrastructure.EventStore;
using TumorRegistry.Standards.Dates;

namespace TumorRegistry.Infrastructure.Cases;

/// <summary>The <c>patients</c> table: one row per patient stream, refolded whenever the stream gets an event.</summary>
public sealed class PatientsProjection(EventTypeRegistry types) : IProjection
{
    public const string ProjectionName = "patients";
    public string Name => ProjectionName;

    public async Task ApplyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        var streamTypes = await StreamReader.TypesAsync(conn, tx, events, ct);
        var ids = streamTypes.Where(s => s.Value == StreamTypes.Patient).Select(s => s.Key).ToList();
        var streams = await StreamReader.ReadAsync(conn, tx, types, ids, ct);
        await using var batch = new NpgsqlBatch(conn, tx);
        foreach (var s in streams.Values)
        {
            var patient = Patient.From(s.Id, s.Events);
            if (!patient.Exists) continue;
            batch.BatchCommands.Add(Upsert(patient));
        }
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
    }

    public async Task ResetAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("truncate patients", conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlBatchCommand Upsert(Patient p)
    {
        string? Item(string id) => p.Items.GetValueOrDefault(id);
        var cmd = new NpgsqlBatchCommand("""
            insert into patients(patient_id, patient_id_number, sex, race1, spanish_hispanic_origin, date_of_birth, birth_year,
                vital_status, date_of_last_contact, cause_of_death, icd_revision_number, version, items)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            on conflict (patient_id) do update set patient_id_number = excluded.patient_id_number, sex = excluded.sex,
                race1 = excluded.race1, spanish_hispanic_origin = excluded.spanish_hispanic_origin,
                date_of_birth = excluded.date_of_birth, birth_year = excluded.birth_year, vital_status = excluded.vital_status,
                date_of_last_contact = excluded.date_of_last_contact, cause_of_death = excluded.cause_of_death,
                icd_revision_number = excluded.icd_revision_number, version = excluded.version, items = excluded.items
            """);
        cmd.Parameters.AddWithValue(p.Id);
        Text(cmd, Item("patientIdNumber"));
        Text(cmd, p.Sex?.ToV26Code());
        Text(cmd, Item("race1"));
        Text(cmd, Item("spanishHispanicOrigin"));
        Text(cmd, Item("dateOfBirth"));
        Int(cmd, p.DateOfBirth?.Year);
        Text(cmd, Item("vitalStatus"));
        Text(cmd, Item("dateOfLastContact"));
        Text(cmd, Item("causeOfDeath"));
        Text(cmd, Item("icdRevisionNumber"));
        cmd.Parameters.AddWithValue(p.Version);
        Json(cmd, p.Items);
        return cmd;
    }

    internal static void Text(NpgsqlBatchCommand cmd, string? value) =>
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });

    internal static void Int(NpgsqlBatchCommand cmd, int? value) =>
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });

    /// <summary>Items as a JSON object with keys in ordinal order, so a rebuild writes identical documents.</summary>
    internal static void Json(NpgsqlBatchCommand cmd, IReadOnlyDictionary<string, string> items) =>
        cmd.Parameters.Add(new NpgsqlParameter
        {
            Value = JsonSerializer.Serialize(new SortedDictionary<string, string>(items.ToDictionary(), StringComparer.Ordinal)),
            NpgsqlDbType = NpgsqlDbType.Jsonb,
        });

    internal static int? YearOf(string? naaccrDate) => NaaccrDate.TryParse(naaccrDate, out var d) ? d.Year : null;
}
