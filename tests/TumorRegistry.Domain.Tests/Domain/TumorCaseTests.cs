using TumorRegistry.Domain.Cases;
using TumorRegistry.Domain.Edits;
using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Patients;

namespace TumorRegistry.Domain.Tests.Domain;

public class TumorCaseTests
{
    private static readonly Guid PatientId = Guid.NewGuid();

    private static Patient Patient() => TumorRegistry.Domain.Patients.Patient.From(PatientId,
        [new PatientRegistered { PatientIdNumber = "00000001" }, new ItemsImported(Abstracts.PatientItems(), "test")]);

    private static TumorCase Case(Dictionary<string, string>? tumorItems = null) => TumorCase.From(Guid.NewGuid(),
        [new CaseOpened { PatientId = PatientId }, new ItemsImported(tumorItems ?? Abstracts.TumorItems(), "test")]);

    [Fact]
    public void Opening_needs_a_patient_and_valid_codes()
    {
        Assert.Equal("patient", TumorCase.Open(new CaseOpened()).Errors.Single().NaaccrId);
        var bad = TumorCase.Open(new CaseOpened { PatientId = PatientId, TypeOfReportingSource = "0" });
        Assert.Equal("typeOfReportingSource", bad.Errors.Single().NaaccrId);
        Assert.True(TumorCase.Open(new CaseOpened { PatientId = PatientId, CasefindingSource = "20" }).Accepted);
    }

    [Fact]
    public void Diagnosis_validation_names_each_bad_item()
    {
        var c = TumorCase.From(Guid.NewGuid(), [new CaseOpened { PatientId = PatientId }]);
        var d = c.RecordDiagnosis(new DiagnosisRecorded
        {
            PrimarySite = "C507", Laterality = "X", Histology = "850", Behavior = "3", DateOfDiagnosis = "2023-01-15",
        });
        Assert.Equal(["dateOfDiagnosis", "histologicTypeIcdO3", "laterality", "primarySite"], d.Errors.Select(e => e.NaaccrId).Order());
        Assert.Empty(d.Events);
    }

    [Fact]
    public void Unknown_items_survive_folding()
    {
        var c = TumorCase.From(Guid.NewGuid(),
        [
            new CaseOpened { PatientId = PatientId, OtherItems = new Dictionary<string, string> { ["tumorSizeClinical"] = "015" } },
            new DiagnosisRecorded { PrimarySite = "C504", OtherItems = new Dictionary<string, string> { ["stateRegistryItem"] = "A1" } },
            new StageRecorded { SummaryStage2018 = "1" },
        ]);
        Assert.Equal("015", c.Items["tumorSizeClinical"]);
        Assert.Equal("A1", c.Items["stateRegistryItem"]);
        Assert.Equal(PatientId, c.PatientId);
    }

    [Fact]
    public void Status_moves_from_open_to_incomplete_to_completed()
    {
        var p = Patient();
        var opened = TumorCase.From(Guid.NewGuid(), [new CaseOpened { PatientId = PatientId }]);
        Assert.Equal(CaseStatus.Incomplete, opened.StatusWith(p.Items));
        var c = Case();
        Assert.Equal(CaseStatus.Open, c.StatusWith(p.Items));
        var report = EditEngine.Default.RunEdits(p, c, Abstracts.Today);
        var done = c.Complete(report, Abstracts.Today);
        Assert.True(done.Accepted);
        Assert.Equal("20250601", ((CaseCompleted)done.Events.Single()).DateCaseCompleted);
        c.Apply(done.Events.Single());
        Assert.Equal(CaseStatus.Completed, c.StatusWith(p.Items));
        Assert.Equal("20250601", c.Items["dateCaseCompleted"]);
        Assert.False(c.Complete(report, Abstracts.Today).Accepted);
    }

    [Fact]
    public void Completion_is_refused_with_the_failing_error_edits()
    {
        var p = Patient();
        var c = Case(Abstracts.TumorItems().With("laterality", "0").With("summaryStage2018", "0"));
        var report = EditEngine.Default.RunEdits(p, c, Abstracts.Today);
        Assert.Equal(CaseStatus.FailingEdits, c.StatusWith(p.Items, report));
        var d = c.Complete(report, Abstracts.Today);
        Assert.False(d.Accepted);
        Assert.Empty(d.Events);
        Assert.Equal(["TR103", "TR141"], d.BlockingEdits.Select(r => r.Edit.Id).Order());
    }

    [Fact]
    public void Warnings_do_not_block_completion()
    {
        var p = Patient();
        var c = Case(Abstracts.TumorItems().With("gradeClinical", ""));
        var report = EditEngine.Default.RunEdits(p, c, Abstracts.Today);
        Assert.Equal("TR127", report.Warnings.Single().Edit.Id);
        Assert.True(c.Complete(report, Abstracts.Today).Accepted);
    }

    [Fact]
    public void Override_only_where_the_edit_allows_and_then_completion_passes()
    {
        var p = Patient();
        var c = Case(Abstracts.TumorItems().With("histologicTypeIcdO3", "8501").With("behaviorCodeIcdO3", "3").With("rxSummChemo", "00").With("rxDateChemo", "20230301"));
        var catalog = EditCatalog.Default;
        Assert.False(c.Complete(EditEngine.Default.RunEdits(p, c, Abstracts.Today), Abstracts.Today).Accepted);

        var notAllowed = c.Override(catalog.Find("TR055")!, "sure");
        Assert.Equal("TR055", notAllowed.Errors.Single().NaaccrId);
        Assert.Equal("reason", c.Override(catalog.Find("TR120")!, "").Errors.Single().NaaccrId);

        c.Apply(c.Correct(new Dictionary<string, string?> { ["rxDateChemo"] = null }, "no chemo given").Events.Single());
        c.Apply(new DiagnosisRecorded { Histology = "8000", Behavior = "2" }); // not in list as 8000/2 → TR120 fails
        var before = EditEngine.Default.RunEdits(p, c, Abstracts.Today);
        Assert.Contains("TR120", before.BlockingErrors.Select(r => r.Edit.Id));
        var overridden = c.Override(catalog.Find("TR120")!, "confirmed with pathologist");
        Assert.IsType<EditOverridden>(overridden.Events.Single());
        c.Apply(overridden.Events.Single());
        Assert.Equal("confirmed with pathologist", c.Overrides["TR120"]);
        var after = EditEngine.Default.RunEdits(p, c, Abstracts.Today);
        Assert.DoesNotContain("TR120", after.BlockingErrors.Select(r => r.Edit.Id));
    }

    [Fact]
    public void Reopen_and_duplicate_rules()
    {
        var c = Case();
        Assert.Equal("case", c.Reopen("x").Errors.Single().NaaccrId);
        c.Apply(new CaseCompleted());
        Assert.Equal("reason", c.Reopen("").Errors.Single().NaaccrId);
        c.Apply(c.Reopen("late path report").Events.Single());
        Assert.False(c.IsCompleted);

        Assert.False(c.MarkDuplicate(c.Id, "self").Accepted);
        var other = Guid.NewGuid();
        c.Apply(c.MarkDuplicate(other, "same primary as other case").Events.Single());
        Assert.Equal(other, c.DuplicateOf);
        Assert.Equal(CaseStatus.Duplicate, c.StatusWith(Patient().Items));
        Assert.False(c.RecordStage(new StageRecorded { SummaryStage2018 = "1" }).Accepted);
    }
}

internal static class ItemsExtensions
{
    public static Dictionary<string, string> With(this Dictionary<string, string> items, string id, string value)
    {
        if (value.Length == 0) items.Remove(id); else items[id] = value;
        return items;
    }
}
