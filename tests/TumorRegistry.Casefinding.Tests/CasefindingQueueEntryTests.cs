namespace TumorRegistry.Casefinding.Tests;

public sealed class CasefindingQueueEntryTests
{
    private static readonly ElectronicReportReceived Received = new("hl7v2", "lab", "t", "abc", new Dictionary<string, string>(),
        new Dictionary<string, string>(), "", []);

    [Fact]
    public void A_reportable_report_waits_as_new_until_dismissed_and_a_non_reportable_one_is_kept_under_its_own_status()
    {
        var reportable = new ReportScreened(true, [new(ScreeningReason.Term, "carcinoma", true, "\"carcinoma\" names a reportable neoplasm.")]);
        var queued = CasefindingQueueEntry.Apply(CasefindingQueueEntry.Apply(null, Received), reportable)!;
        Assert.Equal((CasefindingQueueEntry.New, true), (queued.Status, queued.Reportable));
        Assert.Contains("carcinoma", queued.Screening);
        var dismissed = CasefindingQueueEntry.Apply(queued, new ReportDismissed("duplicate"))!;
        Assert.Equal((CasefindingQueueEntry.Resolved, "dismissed: duplicate"), (dismissed.Status, dismissed.Resolution));

        var negated = new ReportScreened(false, [new(ScreeningReason.Negated, "carcinoma", false, "negated by \"no evidence of\".")]);
        var kept = CasefindingQueueEntry.Apply(CasefindingQueueEntry.Apply(null, Received), negated)!;
        Assert.Equal(CasefindingQueueEntry.NotReportable, kept.Status);
        Assert.Contains("no evidence of", kept.Screening);
    }
}
