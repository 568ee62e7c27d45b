using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Npgsql;
using TumorRegistry.Domain.Exchange;
using TumorRegistry.Infrastructure.Survival;
using TumorRegistry.Standards;
using TumorRegistry.Standards.Dictionary;
using TumorRegistry.Standards.Xml;

namespace TumorRegistry.Infrastructure.Exchange;

public enum NaaccrExportFormat { Xml, Csv }

/// <summary>What to export: a cohort, as NAACCR XML (v25 or v26, record type A, M, C or I) or CSV of chosen items.</summary>
public sealed record NaaccrExportRequest(NaaccrCohort Cohort)
{
    /// <summary>"250" or "260".</summary>
    public string Version { get; init; } = "250";
    public string RecordType { get; init; } = "A";
    public NaaccrExportFormat Format { get; init; } = NaaccrExportFormat.Xml;

    /// <summary>CSV columns (naaccrIds, patient or tumor items); required for CSV.</summary>
    public IReadOnlyList<string> CsvItems { get; init; } = [];

    /// <summary>The de-identified extract: record type I items, less identifiers, dates of birth to the year, ages over 89 grouped, postal codes to 3 digits.</summary>
    public bool Deidentified { get; init; }

    public bool Gzip { get; init; }

    /// <summary>Write the items of the registry's user dictionaries (naming them in userDictionaryUri); false for a
    /// receiver that does not have them. Never in the de-identified extract.</summary>
    public bool UserItems { get; init; } = true;

    /// <summary>Facilities the requester holds (null: all); the cohort is narrowed to them.</summary>
    public IReadOnlyList<string>? AllowedFacilities { get; init; }
}

public sealed record NaaccrExportResult(int Patients, int Tumors, int ItemsLeftOut);

/// <summary>
/// Streams a cohort out of the read models (patients, case_summary: the current items, typed or not) a thousand patients
/// at a time in patient id order, so memory does not grow with the registry; the output is written as it is read.
/// The file's root carries the registry's own items (<paramref name="registry"/>: its settings) and the record type and
/// version written.
/// </summary>
public sealed class NaaccrExporter(NpgsqlDataSource db, NaaccrStandards standards, NaaccrRegistryIdentity? registry = null,
    NaaccrUserDictionaryStore? dictionaries = null)
{
    private readonly NaaccrRegistryIdentity _registry = registry ?? NaaccrRegistryIdentity.None;
    private readonly NaaccrUserDictionaryStore _dictionaries = dictionaries ?? new NaaccrUserDictionaryStore(db, standards);
    private const int PageSize = 1000;
    private readonly SiteGroups _sites = new(standards.SiteRecode);

    /// <summary>
    /// The kept user dictionaries an export writes the items of: none for the de-identified extract or when left out
    /// on request; those that declare a NAACCR version apply to that version only.
    /// </summary>
    public async Task<IReadOnlyList<NaaccrDictionary>> UserDictionariesAsync(NaaccrExportRequest r, CancellationToken ct = default) =>
        !r.UserItems || r.Deidentified ? [] : (await _dictionaries.LoadAllAsync(ct)).Where(d => d.Version is "" || d.Version == r.Version).ToList();

    /// <summary><see cref="Validate"/> with the kept user dictionaries (a CSV column may be one of their items).</summary>
    public async Task<IReadOnlyDictionary<string, string[]>> ValidateAsync(NaaccrExportRequest r, CancellationToken ct = default) =>
        Validate(r, await UserDictionariesAsync(r, ct));

    /// <summary>Problems with the request that make it impossible (unknown version, record type, site group, items).</summary>
    public IReadOnlyDictionary<string, string[]> Validate(NaaccrExportRequest r, IReadOnlyList<NaaccrDictionary>? user = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (!standards.Dictionaries.ContainsKey(r.Version) || r.Version == "240") errors["version"] = ["version is 250 or 260."];
        if (r.RecordType is not ("A" or "M" or "C" or "I")) errors["recordType"] = ["recordType is A, M, C or I."];
        if (standards.Dictionaries.GetValueOrDefault(r.Version) is { } version)
            foreach (var (setting, messages) in _registry.Problems(version)) errors["registry." + setting] = messages;
        var unknownSites = r.Cohort.SiteGroups.Where(s => _sites.Resolve(s) is null).ToList();
        if (unknownSites.Count > 0) errors["siteGroup"] = [$"Unknown site group(s): {string.Join(", ", unknownSites)}."];
        if (r.Format == NaaccrExportFormat.Csv)
        {
            var dict = standards.Dictionaries.GetValueOrDefault(r.Version) ?? standards.Dictionary;
            if (r.CsvItems.Count == 0) errors["items"] = ["A CSV export names its items (naaccrIds)."];
            var unknown = r.CsvItems.Where(i => Column(i, dict, user ?? []) is not { Parent: NaaccrParent.Patient or NaaccrParent.Tumor }).ToList();
            if (unknown.Count > 0)
                errors["items"] = [$"Not patient or tumor items of dictionary {r.Version} or of a kept user dictionary: {string.Join(", ", unknown)}."];
        }
        return errors;
    }

    public async Task<NaaccrExportResult> ExportAsync(NaaccrExportRequest request, Stream output, CancellationToken ct = default)
    {
        var user = await UserDictionariesAsync(request, ct);
        if (Validate(request, user) is { Count: > 0 } errors)
            throw new ArgumentException(string.Join(" ", errors.Values.SelectMany(v => v)));
        request = await WithSavedCohortAsync(request, ct);
        var target = standards.Dictionaries[request.Version];
        var sink = request.Gzip ? new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true) : output;
        try
        {
            var recordType = request.Deidentified ? "I" : request.RecordType;
            return request.Format == NaaccrExportFormat.Xml
                ? await WriteXmlAsync(request, target, user, recordType, sink, ct)
                : await WriteCsvAsync(request, target, user, sink, ct);
        }
        finally
        {
            if (request.Gzip) await sink.DisposeAsync();
        }
    }

    private async Task<NaaccrExportResult> WriteXmlAsync(NaaccrExportRequest request, NaaccrDictionary target, IReadOnlyList<NaaccrDictionary> user,
        string recordType, Stream sink, CancellationToken ct)
    {
        var header = new NaaccrDataHeader
        {
            BaseDictionaryUri = target.DictionaryUri, RecordType = recordType, SpecificationVersion = "1.8",
            TimeGenerated = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssK"),
            UserDictionaryUri = user.Count > 0 ? string.Join(' ', user.Select(d => d.DictionaryUri)) : null,
        };
        foreach (var (id, value) in NaaccrExportRules.RootItems(_registry, target, recordType)) header.Items[id] = value;
        var leftOut = 0;
        using var writer = new NaaccrXmlWriter(sink, header);
        await foreach (var (patientItems, cases) in ReadAsync(request, ct))
        {
            var record = new NaaccrPatientRecord();
            foreach (var kv in NaaccrExportRules.Items(patientItems, NaaccrParent.Patient, target, recordType, request.Deidentified, ref leftOut, user))
                record.Items[kv.Key] = kv.Value;
            foreach (var c in cases)
            {
                var tumor = new NaaccrTumorRecord();
                foreach (var kv in NaaccrExportRules.Items(c, NaaccrParent.Tumor, target, recordType, request.Deidentified, ref leftOut, user))
                    tumor.Items[kv.Key] = kv.Value;
                record.Tumors.Add(tumor);
            }
            writer.WritePatient(record);
        }
        writer.Complete();
        return new NaaccrExportResult(writer.PatientsWritten, writer.TumorsWritten, leftOut);
    }

    private async Task<NaaccrExportResult> WriteCsvAsync(NaaccrExportRequest request, NaaccrDictionary target, IReadOnlyList<NaaccrDictionary> user,
        Stream sink, CancellationToken ct)
    {
        await using var text = new StreamWriter(sink, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var columns = request.CsvItems.Select(i => Column(i, target, user)!).ToList();
        await text.WriteLineAsync(string.Join(',', columns.Select(c => c.NaaccrId)));
        int patients = 0, tumors = 0, leftOut = 0;
        await foreach (var (patientItems, cases) in ReadAsync(request, ct))
        {
            patients++;
            var p = NaaccrExportRules.Items(patientItems, NaaccrParent.Patient, target, request.Deidentified ? "I" : request.RecordType, request.Deidentified, ref leftOut, user);
            foreach (var c in cases)
            {
                tumors++;
                var t = NaaccrExportRules.Items(c, NaaccrParent.Tumor, target, request.Deidentified ? "I" : request.RecordType, request.Deidentified, ref leftOut, user);
                await text.WriteLineAsync(string.Join(',', columns.Select(col =>
                    Quote((col.Parent == NaaccrParent.Patient ? p : t).GetValueOrDefault(col.NaaccrId) ?? ""))));
            }
        }
        return new NaaccrExportResult(patients, tumors, leftOut);
    }

    /// <summary>A CSV column's item: the base dictionary's, else a kept user dictionary's.</summary>
    private static NaaccrItemDef? Column(string naaccrId, NaaccrDictionary target, IReadOnlyList<NaaccrDictionary> user) =>
        target.Find(naaccrId) ?? user.Select(d => d.Find(naaccrId)).FirstOrDefault(d => d is not null);

    private static string Quote(string v) => v.IndexOfAny([',', '"', '\n', '\r']) < 0 ? v : "\"" + v.Replace("\"", "\"\"") + "\"";

    /// <summary>Patients of the cohort with their cohort cases, a page of patients per round trip.</summary>
    private async IAsyncEnumerable<(Dictionary<string, string> Patient, List<Dictionary<string, string>> Cases)> ReadAsync(
        NaaccrExportRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var (where, parameters) = Filter(request);
        var last = Guid.Empty;
        while (true)
        {
            var page = new List<(Guid Patient, string Items)>();
            await using (var cmd = db.CreateCommand($"""
                select p.patient_id, p.items::text from patients p
                where p.patient_id > $1 and exists (select 1 from case_summary c where c.patient_id = p.patient_id and {where})
                order by p.patient_id limit {PageSize}
                """))
            {
                cmd.Parameters.AddWithValue(last);
                foreach (var p in parameters) cmd.Parameters.Add(p.Clone());
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct)) page.Add((r.GetGuid(0), r.GetString(1)));
            }
            if (page.Count == 0) yield break;
            var cases = new Dictionary<Guid, List<Dictionary<string, string>>>();
            await using (var cmd = db.CreateCommand($"""
                select c.patient_id, c.items::text from case_summary c
                where c.patient_id = any($1) and {where} order by c.patient_id, c.items ->> 'tumorRecordNumber', c.case_id
                """))
            {
                cmd.Parameters.AddWithValue(page.Select(p => p.Patient).ToArray());
                foreach (var p in parameters) cmd.Parameters.Add(p.Clone());
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct))
                {
                    if (!cases.TryGetValue(r.GetGuid(0), out var list)) cases[r.GetGuid(0)] = list = [];
                    list.Add(Items(r.GetString(1)));
                }
            }
            foreach (var (patient, items) in page)
                yield return (Items(items), cases.GetValueOrDefault(patient) ?? []);
            last = page[^1].Patient;
        }
    }

    // A saved cohort is resolved to its case IDs when the export runs, by the same predicate survival reads with.
    private async Task<NaaccrExportRequest> WithSavedCohortAsync(NaaccrExportRequest request, CancellationToken ct)
    {
        if (request.Cohort.SavedCohort is not { } name) return request;
        var store = new Cohorts.SavedCohortStore(db, Survival.StratumLabels.Default);
        var saved = await store.FindAsync(name, ct) ?? throw new ArgumentException($"No saved cohort named {name}.");
        var (cohort, problems) = store.Resolve(saved.Definition);
        if (cohort is null) throw new ArgumentException($"Saved cohort {name}: {string.Join(" ", problems.Values.SelectMany(v => v))}");
        return request with { Cohort = request.Cohort with { CaseIds = await store.CaseIdsAsync(cohort, ct) } };
    }

    /// <summary>The cohort as SQL on case_summary c; parameters from $2 on ($1 is the paging key).</summary>
    private (string Where, List<NpgsqlParameter> Parameters) Filter(NaaccrExportRequest request)
    {
        var c = request.Cohort;
        var clauses = new List<string> { "c.status <> 'duplicate'" };
        var parameters = new List<NpgsqlParameter>();
        string Add(object value)
        {
            parameters.Add(new NpgsqlParameter { Value = value });
            return $"${parameters.Count + 1}";
        }
        if (c.DiagnosisYearFrom is { } from) clauses.Add($"c.dx_year >= {Add(from)}");
        if (c.DiagnosisYearTo is { } to) clauses.Add($"c.dx_year <= {Add(to)}");
        if (c.SiteGroups.Count > 0) clauses.Add($"c.site_recode_2023 = any({Add(c.SiteGroups.SelectMany(s => _sites.Resolve(s)!).Distinct().ToArray())})");
        if (c.Facilities.Count > 0) clauses.Add($"c.reporting_facility = any({Add(c.Facilities.ToArray())})");
        if (request.AllowedFacilities is { } allowed) clauses.Add($"c.reporting_facility = any({Add(allowed.ToArray())})");
        if (c.State is { Length: > 0 } state) clauses.Add($"c.addr_at_dx_state = {Add(state.Trim().ToUpperInvariant())}");
        if (c.Counties.Count > 0) clauses.Add($"c.county_at_dx = any({Add(c.Counties.ToArray())})");
        if (c.Statuses.Count > 0) clauses.Add($"c.status = any({Add(c.Statuses.ToArray())})");
        if (c.CaseIds is { } ids) clauses.Add($"c.case_id = any({Add(ids.ToArray())})");
        if (c.ChangedSince is { } since)
        {
            var p = Add(since);
            clauses.Add($"(c.updated_at >= {p} or exists (select 1 from {Events.RegistryStore.Schema}.mt_events e where e.stream_id = c.patient_id and e.timestamp >= {p}))");
        }
        return (string.Join(" and ", clauses), parameters);
    }

    private static Dictionary<string, string> Items(string json) => JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
}
