using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Consolidation;
using TumorRegistry.Domain.Events;

namespace TumorRegistry.Domain.Tests.Consolidation;

/// <summary>The decisions on a case stream: the event written, re-sends, refusals, resolving a conflict, provenance.</summary>
public class CaseConsolidationTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid CaseId = Guid.Parse("6c1d2f0e-0000-4000-8000-000000000001");

    private static List<DomainEvent> Opened() =>
    [
        new CaseOpened { PatientId = Guid.NewGuid(), ReportingFacility = "0006190001" },
        new DiagnosisRecorded { PrimarySite = "C509", Laterality = "9", Histology = "8010", Behavior = "3", DiagnosticConfirmation = "8", DateOfDiagnosis = "20240310" },
    ];

    private static SourceRecord Source(string id, Dictionary<string, string> items) => new(id, "pathology HL7", "0006190002", Now, items);

    private static (TumorCase, List<DomainEvent>) Apply(List<DomainEvent> stream, Decision d)
    {
        Assert.True(d.Accepted, string.Join("; ", d.Errors.Select(e => e.Message)));
        stream.AddRange(d.Events);
        return (TumorCase.From(CaseId, stream), stream);
    }

    [Fact]
    public void Two_reports_fold_into_one_case_by_the_rules_and_a_far_date_waits_for_review()
    {
        var stream = Opened();
        var path = Source("path-1", new() { ["primarySite"] = "C504", ["laterality"] = "2", ["histologicTypeIcdO3"] = "8500", ["behaviorCodeIcdO3"] = "3", ["diagnosticConfirmation"] = "1" });
        var (tumor, _) = Apply(stream, CaseConsolidation.Consolidate(TumorCase.From(CaseId, stream), stream, path, Now));
        var abs = Source("abs-1", new() { ["dateOfDiagnosis"] = "20230101", ["summaryStage2018"] = "2", ["laterality"] = "9" });
        var decision = CaseConsolidation.Consolidate(tumor, stream, abs, Now);
        (tumor, _) = Apply(stream, decision);

        Assert.Equal(("C504", "2", "8500", "1", "2"), (tumor.Items["primarySite"], tumor.Items["laterality"], tumor.Items["histologicTypeIcdO3"],
            tumor.Items["diagnosticConfirmation"], tumor.Items["summaryStage2018"]));
        Assert.Equal("20240310", tumor.Items["dateOfDiagnosis"]); // not applied: in review
        var conflict = Assert.Single(((SourceRecordConsolidated)decision.Events[0]).Conflicts);
        Assert.Equal(("dateOfDiagnosis", "20230101", "date.conflict"), (conflict.NaaccrId, conflict.SourceValue, conflict.RuleId));

        var resolved = CaseConsolidation.Resolve(tumor, stream, conflict.ConflictId, "20230101", "Biopsy report of 2023 found", Now);
        (tumor, _) = Apply(stream, resolved);
        Assert.Equal("20230101", tumor.Items["dateOfDiagnosis"]);
        Assert.False(CaseConsolidation.Resolve(tumor, stream, conflict.ConflictId, "20240310", "again", Now).Accepted);

        var provenance = CaseProvenance.From(CaseId, stream.Select(e => (e, e.GetType().Name, Now)));
        var site = provenance.Items.Single(i => i.NaaccrId == "primarySite");
        Assert.Equal(("C504", "path-1", "histology.more-specific"), (site.Value, site.SuppliedBy!.SourceId, provenance.Items.Single(i => i.NaaccrId == "histologicTypeIcdO3").SuppliedBy!.RuleId));
        var laterality = provenance.Items.Single(i => i.NaaccrId == "laterality");
        Assert.Equal(["applied", "not applied"], laterality.Sources.Select(s => s.Outcome));
        Assert.Equal("review", provenance.Items.Single(i => i.NaaccrId == "dateOfDiagnosis").SuppliedBy!.Kind);
        Assert.Equal("registrar", provenance.Items.Single(i => i.NaaccrId == "behaviorCodeIcdO3").SuppliedBy!.Kind);
        Assert.Equal(2, provenance.Sources.Count);
    }

    [Fact]
    public void Resending_a_source_adds_nothing_and_the_same_id_with_other_items_is_refused()
    {
        var stream = Opened();
        var path = Source("path-1", new() { ["laterality"] = "1" });
        var (tumor, _) = Apply(stream, CaseConsolidation.Consolidate(TumorCase.From(CaseId, stream), stream, path, Now));
        var again = CaseConsolidation.Consolidate(tumor, stream, path with { ReceivedAt = Now.AddDays(1) }, Now);
        Assert.True(again.Accepted);
        Assert.Empty(again.Events);
        var changed = CaseConsolidation.Consolidate(tumor, stream, path with { TumorItems = new Dictionary<string, string> { ["laterality"] = "2" } }, Now);
        Assert.Equal("sourceId", Assert.Single(changed.Errors).NaaccrId);
    }

    [Fact]
    public void Bad_items_are_refused_naming_the_record_and_the_item()
    {
        var stream = Opened();
        var d = CaseConsolidation.Consolidate(TumorCase.From(CaseId, stream), stream,
            Source("path-9", new() { ["dateOfDiagnosis"] = "20241345", ["nameLast"] = "Doe" }), Now);
        Assert.False(d.Accepted);
        Assert.Equal(["dateOfDiagnosis", "nameLast"], d.Errors.Select(e => e.NaaccrId).Order());
        Assert.All(d.Errors, e => Assert.Contains("path-9", e.Message));
        Assert.DoesNotContain(d.Errors, e => e.Message.Contains("Doe"));
    }

    [Fact]
    public void Conflict_ids_are_stable_per_case_source_and_item() =>
        Assert.Equal(CaseConsolidation.ConflictId(CaseId, "a", "dateOfDiagnosis"), CaseConsolidation.ConflictId(CaseId, "a", "dateOfDiagnosis"));
}

/// <summary>The event store writes events as System.Text.Json: the consolidation events round trip and still apply their items.</summary>
public class ConsolidationEventSerializationTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    [Fact]
    public void Consolidation_events_round_trip_and_apply_their_changes()
    {
        DomainEvent[] events =
        [
            new SourceRecordConsolidated("p-1", "pathology HL7", "0000000001", DateTimeOffset.UnixEpoch, new Dictionary<string, string> { ["laterality"] = "2" },
                "abc", [new ConsolidatedChange("laterality", "9", "2", "ranked.unknown-replaced")],
                [new ConsolidationConflict(Guid.NewGuid(), "dateOfDiagnosis", "20240101", "20230101", "date.conflict", "far apart")], DateTimeOffset.UnixEpoch),
            new ConsolidationConflictResolved(Guid.NewGuid(), "dateOfDiagnosis", "20240101", "20230101", "biopsy", DateTimeOffset.UnixEpoch),
        ];
        foreach (var e in events)
        {
            var json = System.Text.Json.JsonSerializer.Serialize(e, e.GetType(), Json);
            Assert.DoesNotContain("changedItems", json);
            var back = (DomainEvent)System.Text.Json.JsonSerializer.Deserialize(json, e.GetType(), Json)!;
            Assert.Equal(json, System.Text.Json.JsonSerializer.Serialize(back, back.GetType(), Json));
            Assert.Equal(TumorRegistry.Domain.Items.ItemMapping.ItemsOf(e), TumorRegistry.Domain.Items.ItemMapping.ItemsOf(back));
            Assert.NotEmpty(TumorRegistry.Domain.Items.ItemMapping.ItemsOf(back));
        }
    }
}
