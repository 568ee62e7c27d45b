using Xunit.Abstractions;

[assembly: TestCollectionOrderer("TumorRegistry.Integration.Tests.Infrastructure.LongestFirstOrderer", "TumorRegistry.Integration.Tests")]

namespace TumorRegistry.Integration.Tests.Infrastructure;

/// <summary>
/// Starts the longest test classes first. The classes run a few at a time (xunit.runner.json), taken in this order, so
/// a long class started last (the 100,000-tumor kill test took 80 s and began after almost everything else) is the
/// whole run's tail. The list comes from the TRX times of a warm run (docs/testing.md); a class missing from it only
/// runs later, never wrongly.
/// </summary>
public sealed class LongestFirstOrderer : ITestCollectionOrderer
{
    private static readonly string[] Longest =
    [
        "NaaccrKilledImportTests", "FollowUpWorkflowScenarioTests", "EndpointMatrixTests", "GenerateCliTests",
        "SecurityCliTests", "DemoRegistryTests", "IncidenceCliTests", "SurvivalReportCliTests", "SharedDataFolderTests",
    ];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.Select((c, i) => (Collection: c, Index: i))
            .OrderBy(x => Rank(x.Collection.DisplayName)).ThenBy(x => x.Index)
            .Select(x => x.Collection);

    private static int Rank(string name)
    {
        var i = Array.FindIndex(Longest, n => name.EndsWith("." + n, StringComparison.Ordinal));
        return i < 0 ? Longest.Length : i;
    }
}
