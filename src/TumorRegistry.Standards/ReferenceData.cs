namespace TumorRegistry.Standards;

/// <summary>
/// Locates the standards files shipped beside the binaries (reference/... and icdo3/...).
/// The only I/O in this library: everything else parses from a Stream or TextReader.
/// </summary>
public static class ReferenceData
{
    /// <summary>Full path of a shipped file, e.g. <c>Path("reference", "naaccr", "naaccr-dictionary-250.xml")</c>.</summary>
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([AppContext.BaseDirectory, .. parts]);

    /// <summary>Opens a shipped file for reading.</summary>
    public static Stream Open(params string[] parts) => File.OpenRead(Path(parts));

    /// <summary>Opens a shipped text file for reading.</summary>
    public static TextReader OpenText(params string[] parts) => new StreamReader(Open(parts));
}
