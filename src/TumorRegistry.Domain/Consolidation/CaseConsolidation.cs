using System.Security.Cryptography;
using System.Text;
using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Validation;
using TumorRegistry.Standards.Dictionary;

namespace TumorRegistry.Domain.Consolidation;

/// <summary>
/// The decisions of consolidation on a case stream: fold a source record in (or nothing, when it was already folded
/// in), and resolve a conflict it raised. Pure: the caller loads the stream and appends the decision.
/// </summary>
public static class CaseConsolidation
{
    /// <summary>
    /// The event that folds <paramref name="source"/> into the case; no events when the same source with the same items
    /// was consolidated before; refused when the id was used with other items, or an item is not a readable Tumor item.
    /// </summary>
    public static Decision Consolidate(TumorCase tumor, IEnumerable<DomainEvent> stream, SourceRecord source, DateTimeOffset now,
        Consolidator? consolidator = null, ItemValidator? validator = null)
    {
        consolidator ??= Consolidator.Default;
        if (!tumor.Exists) return Decision.Refuse("case", "The case has not been opened.");
        if (tumor.DuplicateOf is not null) return Decision.Refuse("case", "The case is marked as a duplicate.");
        if (string.IsNullOrWhiteSpace(source.SourceId)) return Decision.Refuse("sourceId", "A source record needs its id.");
        if (string.IsNullOrWhiteSpace(source.SourceKind)) return Decision.Refuse("sourceKind", $"Source record {source.SourceId}: name its kind (pathology HL7, FHIR, NAACCR import, abstract).");
        if (source.TumorItems.Count == 0) return Decision.Refuse("items", $"Source record {source.SourceId} has no items.");
        var hash = Hash(source.TumorItems);
        var earlier = stream.OfType<SourceRecordConsolidated>().FirstOrDefault(e => e.SourceId == source.SourceId);
        if (earlier is not null)
            return earlier.ItemsHash == hash ? Decision.Accept()
                : Decision.Refuse("sourceId", $"Source record {source.SourceId} was already consolidated with other items: send the new version under a new id.");

        var errors = (validator ?? ItemValidator.Default).ValidatePlacement(source.TumorItems.Keys, NaaccrParent.Tumor)
            .Select(e => e with { Message = $"Source record {source.SourceId}: {e.Message}" }).ToList();
        foreach (var (id, value) in source.TumorItems.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)))
            if (consolidator.Unreadable(id, value) is { } why) errors.Add(new FieldError(id, $"Source record {source.SourceId}: {why}"));
        if (errors.Count > 0) return Decision.Refuse(errors);

        var outcomes = consolidator.Consolidate(tumor.Items, source.TumorItems);
        var changes = outcomes.Where(o => o.Kind == ItemOutcomeKind.Changed)
            .Select(o => new ConsolidatedChange(o.NaaccrId, o.CaseValue, o.SourceValue, o.RuleId)).ToList();
        var conflicts = outcomes.Where(o => o.Kind == ItemOutcomeKind.Conflict)
            .Select(o => new ConsolidationConflict(ConflictId(tumor.Id, source.SourceId, o.NaaccrId), o.NaaccrId, o.CaseValue, o.SourceValue, o.RuleId, o.Message))
            .ToList();
        return Decision.Accept(new SourceRecordConsolidated(source.SourceId.Trim(), source.SourceKind.Trim(), source.ReportingFacility,
            source.ReceivedAt, new Dictionary<string, string>(source.TumorItems, StringComparer.Ordinal), hash, changes, conflicts, now));
    }

    /// <summary>Applies the registrar's chosen value to an open conflict, with a reason.</summary>
    public static Decision Resolve(TumorCase tumor, IEnumerable<DomainEvent> stream, Guid conflictId, string? chosenValue, string? reason, DateTimeOffset now)
    {
        var events = stream.ToList();
        var conflict = events.OfType<SourceRecordConsolidated>().SelectMany(e => e.Conflicts).FirstOrDefault(c => c.ConflictId == conflictId);
        if (conflict is null) return Decision.Refuse("conflict", $"Case {tumor.Id} has no consolidation conflict {conflictId}.");
        if (events.OfType<ConsolidationConflictResolved>().Any(r => r.ConflictId == conflictId))
            return Decision.Refuse("conflict", $"Conflict {conflictId} ({conflict.NaaccrId}) is already resolved.");
        if (tumor.DuplicateOf is not null) return Decision.Refuse("case", "The case is marked as a duplicate.");
        if (string.IsNullOrWhiteSpace(chosenValue)) return Decision.Refuse("value", $"Choose the value of {conflict.NaaccrId}.");
        if (string.IsNullOrWhiteSpace(reason)) return Decision.Refuse("reason", "Resolving a conflict needs a reason.");
        var value = chosenValue.Trim();
        if (conflict.NaaccrId == "dateOfDiagnosis" && !Standards.Dates.NaaccrDate.TryParse(Consolidator.NormalizeDate(value), out _, out var bad))
            return Decision.Refuse("value", $"dateOfDiagnosis: {bad}");
        return Decision.Accept(new ConsolidationConflictResolved(conflictId, conflict.NaaccrId, tumor.Items.GetValueOrDefault(conflict.NaaccrId),
            value, reason.Trim(), now));
    }

    /// <summary>The same case, source and item always give the same conflict id (a replay or a re-send finds it again).</summary>
    public static Guid ConflictId(Guid caseId, string sourceId, string naaccrId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{caseId:N}|{sourceId}|{naaccrId}"))[..16]);

    /// <summary>Hash of the items as received (ordered by naaccrId), so a re-send with the same items is recognized.</summary>
    public static string Hash(IReadOnlyDictionary<string, string> items) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n",
            items.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"))))).ToLowerInvariant();
}
