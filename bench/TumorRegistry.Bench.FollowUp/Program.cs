using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using TumorRegistry.Domain.Events;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.FollowUp;
using TumorRegistry.Infrastructure.Postgres;

// The nightly due-list job over a registry of N living and dead patients in steady state: every patient was asked and
// answered last year (one answered request each), last contacts spread over the past year, so about N/365 come due
// tonight. Read models are COPYed; the patients due tonight also get real streams (the job reads and appends to them).
// Timed beside a plain SQL baseline in the same run: one set-based insert of tonight's due rows, no events, no rules.
// Usage: dotnet run -c Release --project bench/TumorRegistry.Bench.FollowUp [-- --patients 1000000]
var n = ArgInt("--patients", 1_000_000);
var day = new DateOnly(2026, 6, 1);

await using var scratch = await ScratchDatabase.CreateAsync("bench_followup", durable: true, b => b.CommandTimeout = 600);
var cs = scratch.ConnectionString;
await using var ds = NpgsqlDataSource.Create(cs);
var load = Stopwatch.StartNew();
var due = await LoadAsync(ds, n, day);
await using var store = RegistryStore.Create(cs);
var events = new RegistryEvents(store);
await events.BulkAppendNewStreamsAsync(due.Select(p => new StreamAppend(p.Id, StreamTypes.Patient, StreamAppend.NoStream,
    [new PatientRegistered { PatientIdNumber = p.Number }, new FollowUpRecorded { DateOfLastContact = p.Contact, VitalStatus = "1" }])),
    new EventMetadata("bench"));
await using (var analyze = ds.CreateCommand("analyze patients; analyze case_summary; analyze follow_up_requests")) await analyze.ExecuteNonQueryAsync();
Console.WriteLine($"Loaded {n:N0} patients and cases, {n:N0} answered requests, {due.Count:N0} due streams in {load.Elapsed.TotalSeconds:F1} s");

// Baseline: the due rows in one statement (analytic, alive, contact 12 months ago or more, no open request for it).
var sw = Stopwatch.StartNew();
await using (var baseline = ds.CreateCommand("""
    create unlogged table baseline_due as
    select p.patient_id, (to_date(p.date_of_last_contact, 'YYYYMMDD') + interval '12 months')::date as due_on
    from patients p
    where p.vital_status = '1' and to_date(p.date_of_last_contact, 'YYYYMMDD') + interval '12 months' <= $1
      and exists (select 1 from case_summary c where c.patient_id = p.patient_id and length(c.class_of_case) = 2 and c.class_of_case between '10' and '22')
      and not exists (select 1 from follow_up_requests r where r.patient_id = p.patient_id
                      and (r.answered_on is null or r.due_on = (to_date(p.date_of_last_contact, 'YYYYMMDD') + interval '12 months')::date))
    """))
{
    baseline.Parameters.AddWithValue(day);
    await baseline.ExecuteNonQueryAsync();
}
var baselineSeconds = sw.Elapsed.TotalSeconds;
long baselineRows;
await using (var count = ds.CreateCommand("select count(*) from baseline_due")) baselineRows = (long)(await count.ExecuteScalarAsync())!;

var workflow = new FollowUpWorkflow(new FollowUpReader(ds), events, ds, FollowUpRulesFile.Default);
GC.Collect();
sw.Restart();
var first = await workflow.CreateDueRequestsAsync(day, CancellationToken.None);
var firstSeconds = sw.Elapsed.TotalSeconds;
sw.Restart();
var second = await workflow.CreateDueRequestsAsync(day, CancellationToken.None);
var secondSeconds = sw.Elapsed.TotalSeconds;

Console.WriteLine("| what | patients | due tonight | written | seconds |");
Console.WriteLine("|---|---:|---:|---:|---:|");
Console.WriteLine($"| plain SQL baseline (one insert-select, no events, no exclusions) | {n:N0} | {baselineRows:N0} | {baselineRows:N0} | {baselineSeconds:F2} |");
Console.WriteLine($"| due-list job, first run of the night | {n:N0} | {first.Candidates:N0} | {first.Written:N0} | {firstSeconds:F2} |");
Console.WriteLine($"| due-list job, second run the same night | {n:N0} | {second.Candidates:N0} | {second.Written:N0} | {secondSeconds:F2} |");
Console.WriteLine($"Peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MB.");
return first.Written == baselineRows && second.Written == 0 ? 0 : 1;

// Patients with one breast case each (every 20th non-analytic, every 5th dead); last contacts a year ago plus 0-364 days;
// each patient has last year's request, answered. Returns the living analytic patients due tonight.
static async Task<List<(Guid Id, string Number, string Contact)>> LoadAsync(NpgsqlDataSource ds, int n, DateOnly day)
{
    var rng = new Random(20260601);
    var ids = new Guid[n];
    var contacts = new DateOnly[n];
    var due = new List<(Guid, string, string)>();
    await using var conn = await ds.OpenConnectionAsync();
    await using (var copy = await conn.BeginBinaryImportAsync(
        "copy patients(patient_id, patient_id_number, sex, birth_year, date_of_birth, vital_status, date_of_last_contact, version, items) from stdin (format binary)"))
    {
        for (int i = 0; i < n; i++)
        {
            ids[i] = Guid.NewGuid();
            contacts[i] = day.AddMonths(-12).AddDays(rng.Next(365));
            var number = i.ToString("D8", CultureInfo.InvariantCulture);
            var alive = i % 5 != 0;
            if (alive && i % 20 != 1 && contacts[i].AddMonths(12) <= day) due.Add((ids[i], number, contacts[i].ToString("yyyyMMdd")));
            await copy.StartRowAsync();
            await copy.WriteAsync(ids[i], NpgsqlDbType.Uuid);
            await copy.WriteAsync(number, NpgsqlDbType.Text);
            await copy.WriteAsync("2", NpgsqlDbType.Text);
            await copy.WriteAsync(1950, NpgsqlDbType.Integer);
            await copy.WriteAsync("19500101", NpgsqlDbType.Text);
            await copy.WriteAsync(alive ? "1" : "0", NpgsqlDbType.Text);
            await copy.WriteAsync(contacts[i].ToString("yyyyMMdd"), NpgsqlDbType.Text);
            await copy.WriteAsync(2, NpgsqlDbType.Integer);
            await copy.WriteAsync("{\"nameLast\":\"Doe\",\"nameFirst\":\"Pat\"}", NpgsqlDbType.Jsonb);
        }
        await copy.CompleteAsync();
    }
    await using (var copy = await conn.BeginBinaryImportAsync("""
        copy case_summary(case_id, patient_id, status, version, reporting_facility, updated_at, primary_site, histology, behavior,
            date_of_diagnosis, dx_year, class_of_case, summary_stage_2018, error_count, failing_edits, overridden_edits, items) from stdin (format binary)
        """))
    {
        var now = DateTimeOffset.UtcNow;
        for (int i = 0; i < n; i++)
        {
            var dx = new DateOnly(2010, 1, 1).AddDays(rng.Next(15 * 365));
            await copy.StartRowAsync();
            await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
            await copy.WriteAsync(ids[i], NpgsqlDbType.Uuid);
            await copy.WriteAsync("completed", NpgsqlDbType.Text);
            await copy.WriteAsync(3, NpgsqlDbType.Integer);
            await copy.WriteAsync(((i % 40) + 1000).ToString("D10", CultureInfo.InvariantCulture), NpgsqlDbType.Text);
            await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync("C504", NpgsqlDbType.Text);
            await copy.WriteAsync("8500", NpgsqlDbType.Text);
            await copy.WriteAsync("3", NpgsqlDbType.Text);
            await copy.WriteAsync(dx.ToString("yyyyMMdd"), NpgsqlDbType.Text);
            await copy.WriteAsync(dx.Year, NpgsqlDbType.Integer);
            await copy.WriteAsync(i % 20 == 1 ? "32" : "14", NpgsqlDbType.Text);
            await copy.WriteAsync("2", NpgsqlDbType.Text);
            await copy.WriteAsync(0, NpgsqlDbType.Integer);
            await copy.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await copy.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await copy.WriteAsync("{\"physicianFollowUp\":\"00012345\",\"npiPhysicianFollowUp\":\"1234567893\"}", NpgsqlDbType.Jsonb);
        }
        await copy.CompleteAsync();
    }
    await using (var copy = await conn.BeginBinaryImportAsync("""
        copy follow_up_requests(request_id, patient_id, due_on, requested_on, addressee_kind, letter_template, escalations, asked_on,
            letters_sent, answered_on, cases) from stdin (format binary)
        """))
    {
        for (int i = 0; i < n; i++)
        {
            var asked = contacts[i].AddDays(-30);
            await copy.StartRowAsync();
            await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
            await copy.WriteAsync(ids[i], NpgsqlDbType.Uuid);
            await copy.WriteAsync(asked, NpgsqlDbType.Date);
            await copy.WriteAsync(asked, NpgsqlDbType.Date);
            await copy.WriteAsync("physician", NpgsqlDbType.Text);
            await copy.WriteAsync("physician", NpgsqlDbType.Text);
            await copy.WriteAsync(0, NpgsqlDbType.Integer);
            await copy.WriteAsync(asked, NpgsqlDbType.Date);
            await copy.WriteAsync(1, NpgsqlDbType.Integer);
            await copy.WriteAsync(contacts[i], NpgsqlDbType.Date);
            await copy.WriteAsync(Array.Empty<Guid>(), NpgsqlDbType.Array | NpgsqlDbType.Uuid);
        }
        await copy.CompleteAsync();
    }
    return due;
}

int ArgInt(string name, int fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
