using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Items;

namespace TumorRegistry.Domain.Consolidation;

/// <summary>Who supplied an item's current value: a source record (with the rule), or a registrar's event.</summary>
public sealed record ItemSupplier(string Kind, string? SourceId, string? SourceKind, string? ReportingFacility, string Event, string? RuleId, DateTimeOffset? At);

/// <summary>What one source record said about an item, and what became of it.</summary>
public sealed record SourceSaid(string SourceId, string SourceKind, string? ReportingFacility, string Value, string Outcome, string? RuleId);

/// <summary>One item of the case: its value, who supplied it, and what every source said (SEER*DMS's "view source data").</summary>
public sealed record ItemProvenance(string NaaccrId, string? Value, ItemSupplier? SuppliedBy, IReadOnlyList<SourceSaid> Sources);

/// <summary>A source record as received, for "view source data".</summary>
public sealed record SourceRecordView(string SourceId, string SourceKind, string? ReportingFacility, DateTimeOffset ReceivedAt,
    DateTimeOffset ConsolidatedAt, IReadOnlyDictionary<string, string> Items, int Changes, int Conflicts);

/// <summary>The provenance of a case, folded from its stream's events (with each event's time of recording).</summary>
public sealed record CaseProvenance(Guid CaseId, IReadOnlyList<ItemProvenance> Items, IReadOnlyList<SourceRecordView> Sources)
{
    public static CaseProvenance From(Guid caseId, IEnumerable<(DomainEvent Event, string EventName, DateTimeOffset At)> stream)
    {
        var value = new Dictionary<string, string>(StringComparer.Ordinal);
        var supplier = new Dictionary<string, ItemSupplier>(StringComparer.Ordinal);
        var said = new Dictionary<string, List<SourceSaid>>(StringComparer.Ordinal);
        var sources = new List<SourceRecordView>();
        foreach (var (e, name, at) in stream)
        {
            if (e is SourceRecordConsolidated s)
            {
                sources.Add(new SourceRecordView(s.SourceId, s.SourceKind, s.ReportingFacility, s.ReceivedAt, s.ConsolidatedAt, s.Items, s.Changes.Count, s.Conflicts.Count));
                foreach (var (id, v) in s.Items.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)))
                {
                    var change = s.Changes.FirstOrDefault(c => c.NaaccrId == id);
                    var conflict = s.Conflicts.FirstOrDefault(c => c.NaaccrId == id);
                    var outcome = change is not null ? "applied" : conflict is not null ? "in review" : value.GetValueOrDefault(id) == v.Trim() ? "agrees" : "not applied";
                    Said(id).Add(new SourceSaid(s.SourceId, s.SourceKind, s.ReportingFacility, v, outcome, change?.RuleId ?? conflict?.RuleId));
                }
                foreach (var c in s.Changes)
                    supplier[c.NaaccrId] = new ItemSupplier("source", s.SourceId, s.SourceKind, s.ReportingFacility, name, c.RuleId, at);
            }
            else if (e is ConsolidationConflictResolved r)
            {
                supplier[r.NaaccrId] = new ItemSupplier("review", null, null, null, name, "review.resolved", at);
                foreach (var x in Said(r.NaaccrId).Where(x => x.Outcome == "in review").ToList())
                    Said(r.NaaccrId)[Said(r.NaaccrId).IndexOf(x)] = x with { Outcome = x.Value.Trim() == r.ChosenValue ? "chosen in review" : "not chosen in review" };
            }
            else
                foreach (var (id, _) in ItemMapping.ItemsOf(e))
                    supplier[id] = new ItemSupplier("registrar", null, null, null, name, null, at);
            ItemMapping.Apply(e, value);
        }
        var items = value.Keys.Concat(said.Keys).Distinct().Order(StringComparer.Ordinal)
            .Select(id => new ItemProvenance(id, value.GetValueOrDefault(id), value.ContainsKey(id) ? supplier.GetValueOrDefault(id) : null,
                said.GetValueOrDefault(id) ?? []))
            .ToList();
        return new CaseProvenance(caseId, items, sources);

        List<SourceSaid> Said(string id) => said.TryGetValue(id, out var l) ? l : said[id] = [];
    }
}
