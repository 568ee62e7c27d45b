using TumorRegistry.Domain.Docs;
using TumorRegistry.Domain.Edits;
using TumorRegistry.Standards;

namespace TumorRegistry.Domain.Tests.Docs;

/// <summary>
/// docs/abstraction.md carries tables generated from code. This test regenerates them and fails when the
/// committed file differs. Set UPDATE_DOCS=1 to rewrite the file instead.
/// </summary>
public class AbstractionDocsTests
{
    [Fact]
    public void Abstraction_doc_matches_the_code()
    {
        var path = Path.Combine(RepoRoot(), "docs", "abstraction.md");
        var committed = File.ReadAllText(path).ReplaceLineEndings("\n");
        var generated = AbstractionDocs.Fill(committed, AbstractionDocs.Sections(NaaccrStandards.Default, EditCatalog.Default));
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1") File.WriteAllText(path, generated);
        else Assert.Equal(generated, committed);
    }

    [Fact]
    public void Fill_replaces_only_the_marked_block()
    {
        var md = "a\n<!-- BEGIN x -->\nold\n<!-- END x -->\nb";
        Assert.Equal("a\n<!-- BEGIN x -->\nnew\n<!-- END x -->\nb", AbstractionDocs.Fill(md, new Dictionary<string, string> { ["x"] = "new\n" }));
        Assert.Throws<InvalidOperationException>(() => AbstractionDocs.Fill("none", new Dictionary<string, string> { ["x"] = "" }));
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TumorRegistry.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root (TumorRegistry.sln) not found.");
    }
}
