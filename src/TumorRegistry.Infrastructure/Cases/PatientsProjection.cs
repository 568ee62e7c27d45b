using System.Buffers;
using System.Text;
using System.Text.Json;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Patients;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Standards.Dates;

namespace TumorRegistry.Infrastructure.Cases;

/// <summary>The <c>patients</c> table: one row per patient stream, refolded whenever the stream gets an event.</summary>
public sealed class PatientsProjection : RegistryProjection
{
    public const string ProjectionName = "patients";
    public override string Name => ProjectionName;
    public override string Table => "patients";
    public override ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public override async Task ApplyAsync(IDocumentOperations ops, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        // A stream whose new events are all tumor events is a case: nothing here to refold (saves two round trips).
        var ids = events.Where(e => e.Data is not DomainEvent d || DomainEvents.Of(d.GetType()).Stream != StreamKind.Tumor)
            .Select(e => e.StreamId).Distinct().ToList();
        if (ids.Count == 0) return;
        await StreamLocks.ForUpdateAsync(ops, ids, ct);
        var copied = new List<object[]>();
        foreach (var s in (await StreamFolder.FoldAsync(ops, ids, events, ct)).Values.Where(s => s.Kind == StreamKind.Patient))
        {
            var patient = Patient.From(s.Id, s.Events);
            if (!patient.Exists) continue;
            if (StartedStreams.Contains(s.Id)) copied.Add(Values(patient));
            else ops.QueueSqlCommand(UpsertSql, Values(patient));
        }
        if (copied.Count > 0) await Copy.WriteAsync(ops.Connection, copied, ct);
    }

    private static readonly ReadModelCopy Copy = new(UpsertSql);

    // A rebuild racing a live append may fold an older stream: the version guard keeps the newer row.
    internal const string UpsertSql = """
        insert into patients(patient_id, patient_id_number, sex, race1, spanish_hispanic_origin, date_of_birth, birth_year,
            vital_status, date_of_last_contact, cause_of_death, icd_revision_number, version, items)
        values (?, ?::text, ?::text, ?::text, ?::text, ?::text, ?::int, ?::text, ?::text, ?::text, ?::text, ?, ?::jsonb)
        on conflict (patient_id) do update set patient_id_number = excluded.patient_id_number, sex = excluded.sex,
            race1 = excluded.race1, spanish_hispanic_origin = excluded.spanish_hispanic_origin,
            date_of_birth = excluded.date_of_birth, birth_year = excluded.birth_year, vital_status = excluded.vital_status,
            date_of_last_contact = excluded.date_of_last_contact, cause_of_death = excluded.cause_of_death,
            icd_revision_number = excluded.icd_revision_number, version = excluded.version, items = excluded.items
        where patients.version <= excluded.version
        """;

    internal static object[] Values(Patient p)
    {
        string? Item(string id) => p.Items.GetValueOrDefault(id);
        return
        [
            p.Id, Db(Item("patientIdNumber")), Db(p.Sex?.ToV26Code()), Db(Item("race1")), Db(Item("spanishHispanicOrigin")),
            Db(Item("dateOfBirth")), Db(p.DateOfBirth?.Year), Db(Item("vitalStatus")), Db(Item("dateOfLastContact")),
            Db(Item("causeOfDeath")), Db(Item("icdRevisionNumber")), p.Version, Json(p.Items),
        ];
    }

    internal static object Db(object? value) => value ?? DBNull.Value;

    /// <summary>Items as a JSON object with keys in ordinal order, so a rebuild writes identical documents.</summary>
    internal static string Json(IReadOnlyDictionary<string, string> items)
    {
        // Written directly (the serializer's default escaping) rather than through a sorted copy of the dictionary.
        var keys = items.Keys.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        var buffer = new ArrayBufferWriter<byte>(keys.Length * 32 + 2);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var k in keys) json.WriteString(k, items[k]);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static int? YearOf(string? naaccrDate) => NaaccrDate.TryParse(naaccrDate, out var d) ? d.Year : null;
}
