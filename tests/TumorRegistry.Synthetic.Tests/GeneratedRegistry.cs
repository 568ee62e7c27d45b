using TumorRegistry.Synthetic;

namespace TumorRegistry.Synthetic.Tests;

/// <summary>One generated registry shared by the tests (generation is the slow part).</summary>
public sealed class GeneratedRegistry
{
    public static readonly SyntheticOptions Options = new() { Seed = 7, Tumors = 60_000 };
    public IReadOnlyList<SyntheticCase> Cases { get; } = SyntheticRegistry.Generate(Options).ToList();
}
