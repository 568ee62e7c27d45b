using TumorRegistry.Domain.Quality;
using TumorRegistry.Standards;
using static TumorRegistry.Domain.Quality.QualityIndicators;

namespace TumorRegistry.Domain.Tests.Quality;

/// <summary>A registry of 200 records for 2023 built with known counts: every indicator, its list and its marks.</summary>
public sealed class QualityIndicatorsTests
{
    private static readonly IReadOnlyList<QualityThreshold> Thresholds =
        QualityThresholds.Parse(ReferenceData.OpenText("reference", "quality", "thresholds.csv"));

    private static readonly DateTimeOffset OnTime = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static QualityRecord Good(int i) => new()
    {
        CaseId = new Guid(i, 0, 0, new byte[8]), PatientId = new Guid(i, 1, 0, new byte[8]), Facility = i % 2 == 0 ? "0000000101" : "0000000202",
        Abstractor = i % 3 == 0 ? "ann" : "bob", DxYear = 2023, TypeOfReportingSource = "1", Age = 60, Sex = "2", Race1 = "01", County = "001",
        DuplicateKey = $"k{i}", FirstReportedAt = OnTime, Counted = true, SiteGroup = "Lung and Bronchus",
    };

    /// <summary>200 records: 6 DCO, 3 unknown age, 5 unknown sex, 7 unknown race (99 or blank), 4 unknown county (999 or blank),
    /// 2 failing edits, 1 exact duplicate, 12 reported after 23 months and 30 more after 12 months (but within 23).</summary>
    private static List<QualityRecord> Registry()
    {
        var r = Enumerable.Range(1, 200).Select(Good).ToList();
        for (var i = 0; i < 6; i++) r[i] = r[i] with { TypeOfReportingSource = "7" };
        for (var i = 10; i < 13; i++) r[i] = r[i] with { Age = null };
        for (var i = 20; i < 25; i++) r[i] = r[i] with { Sex = i == 20 ? null : "9" };
        for (var i = 30; i < 37; i++) r[i] = r[i] with { Race1 = i == 30 ? " " : "99" };
        r[40] = r[40] with { Race1 = "98" }; // other race is known
        for (var i = 41; i < 45; i++) r[i] = r[i] with { County = i == 41 ? null : "999" };
        r[45] = r[45] with { County = "998" }; // outside the state is known
        r[50] = r[50] with { ErrorCount = 1, FailingEdits = ["N0001"] };
        r[51] = r[51] with { ErrorCount = 2, FailingEdits = ["N0001", "N0002"] };
        // The same tumor reported again a month later for the same patient.
        r[61] = r[61] with { PatientId = r[60].PatientId, DuplicateKey = r[60].DuplicateKey, FirstReportedAt = OnTime.AddMonths(1) };
        for (var i = 100; i < 112; i++) r[i] = r[i] with { FirstReportedAt = new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero) };
        for (var i = 112; i < 142; i++) r[i] = r[i] with { FirstReportedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        return r;
    }

    [Fact]
    public void Each_indicator_counts_exactly_what_was_planted()
    {
        var report = QualityIndicators.Compute(Registry(), expected: 210, observed: 200, Thresholds);
        Assert.Equal(200, report.Records);
        Assert.Equal((6, 3.0), (report[Dco].Numerator, report[Dco].Value!.Value));
        Assert.Equal((3, 1.5), (report[MissingAge].Numerator, report[MissingAge].Value!.Value));
        Assert.Equal((5, 2.5), (report[MissingSex].Numerator, report[MissingSex].Value!.Value));
        Assert.Equal((7, 3.5), (report[MissingRace].Numerator, report[MissingRace].Value!.Value));
        Assert.Equal((4, 2.0), (report[MissingCounty].Numerator, report[MissingCounty].Value!.Value));
        Assert.Equal((198, 99.0), (report[PassingEdits].Numerator, report[PassingEdits].Value!.Value));
        Assert.Equal((1, 5.0), (report[Duplicates].Numerator, report[Duplicates].Value!.Value));
        Assert.Equal(188, report[TimelinessId(23)].Numerator);
        Assert.Equal(94.0, report[TimelinessId(23)].Value!.Value);
        Assert.Equal(158, report[TimelinessId(12)].Numerator);
        Assert.Equal(79.0, report[TimelinessId(12)].Value!.Value);
        Assert.Equal(100.0 * 200 / 210, report[Completeness].Value!.Value, 12);
    }

    [Fact]
    public void Pass_and_fail_marks_follow_the_thresholds_file_at_its_boundaries()
    {
        var report = QualityIndicators.Compute(Registry(), expected: 210, observed: 200, Thresholds);
        bool? Mark(string id, string standard) => report[id].Marks.Single(m => m.Standard == standard).Pass;
        // DCO exactly 3%: NAACCR Gold says fewer than 3% (fails), NPCR 3% or fewer (passes), Silver fewer than 5%.
        Assert.False(Mark(Dco, "naaccr-gold"));
        Assert.True(Mark(Dco, "npcr-24"));
        Assert.True(Mark(Dco, "naaccr-silver"));
        Assert.DoesNotContain(report[Dco].Marks, m => m.Standard == "npcr-12"); // the 12-month standard has no DCO criterion
        // County unknown exactly 2%: Gold (< 2) fails, NPCR 24-month (<= 2) passes.
        Assert.False(Mark(MissingCounty, "naaccr-gold"));
        Assert.True(Mark(MissingCounty, "npcr-24"));
        // Race 3.5%: fails Gold (< 3) and NPCR 24 (<= 3), passes Silver (< 5) and NPCR 12 (<= 5).
        Assert.Equal([false, true, false, true], new[] { "naaccr-gold", "naaccr-silver", "npcr-24", "npcr-12" }.Select(s => Mark(MissingRace, s)));
        // 99% passing edits: NPCR 24-month's 99% passes, Gold's 100% fails.
        Assert.True(Mark(PassingEdits, "npcr-24"));
        Assert.False(Mark(PassingEdits, "naaccr-gold"));
        // 5 duplicates per 1,000 fail every standard; completeness 95.2% passes all.
        Assert.All(report[Duplicates].Marks, m => Assert.False(m.Pass));
        Assert.All(report[Completeness].Marks, m => Assert.True(m.Pass));
        // 94% within 23 months fails Gold and NPCR 24 (95%), passes Silver (90%); 79% within 12 months fails NPCR 12.
        Assert.Equal(["naaccr-gold", "naaccr-silver", "npcr-24"], report[TimelinessId(23)].Marks.Select(m => m.Standard));
        Assert.Equal([false, true, false], report[TimelinessId(23)].Marks.Select(m => m.Pass));
        Assert.False(report[TimelinessId(12)].Marks.Single().Pass);
    }

    [Fact]
    public void Each_list_holds_exactly_the_records_behind_its_number()
    {
        var registry = Registry();
        IReadOnlyList<Guid> Ids(string id) => QualityIndicators.ListOf(id, registry)!.Select(x => x.Record.CaseId).Order().ToList();
        IReadOnlyList<Guid> Planted(params int[] idx) => idx.Select(i => registry[i].CaseId).Order().ToList();
        Assert.Equal(Planted(0, 1, 2, 3, 4, 5), Ids(Dco));
        Assert.Equal(Planted(10, 11, 12), Ids(MissingAge));
        Assert.Equal(Planted(20, 21, 22, 23, 24), Ids(MissingSex));
        Assert.Equal(Planted(30, 31, 32, 33, 34, 35, 36), Ids(MissingRace));
        Assert.Equal(Planted(41, 42, 43, 44), Ids(MissingCounty));
        Assert.Equal(Planted(50, 51), Ids(PassingEdits));
        Assert.Equal(Planted(Enumerable.Range(100, 12).ToArray()), Ids(TimelinessId(23)));
        Assert.Equal(Planted(Enumerable.Range(100, 42).ToArray()), Ids(TimelinessId(12)));
        var duplicate = Assert.Single(QualityIndicators.ListOf(Duplicates, registry)!);
        Assert.Equal((registry[61].CaseId, registry[60].CaseId), (duplicate.Record.CaseId, duplicate.DuplicateOf!.Value));
        Assert.Null(QualityIndicators.ListOf("no-such-indicator", registry));
        // Lists come by facility, then abstractor, so a manager can hand them out.
        var dco = QualityIndicators.ListOf(Dco, registry)!.Select(x => (x.Record.Facility, x.Record.Abstractor)).ToList();
        Assert.Equal(dco.OrderBy(x => x.Facility, StringComparer.Ordinal).ThenBy(x => x.Abstractor, StringComparer.Ordinal), dco);
    }

    [Fact]
    public void No_records_and_no_expected_count_judge_nothing()
    {
        var report = QualityIndicators.Compute([], expected: null, observed: 0, Thresholds);
        Assert.All(report.Indicators, i => Assert.Null(i.Value));
        Assert.All(report.Indicators.SelectMany(i => i.Marks), m => Assert.Null(m.Pass));
    }

    [Fact]
    public void The_deadline_is_months_after_the_close_of_the_diagnosis_year()
    {
        var r = Good(1);
        Assert.Equal(new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero), r.Deadline(23));
        Assert.True((r with { FirstReportedAt = new DateTimeOffset(2025, 11, 30, 23, 59, 59, TimeSpan.Zero) }).ReportedWithin(23));
        Assert.False((r with { FirstReportedAt = r.Deadline(23) }).ReportedWithin(23));
    }
}
