namespace TumorRegistry.Casefinding.Tests;

/// <summary>The sample reports (made-up patients) written from NAACCR Volume V and the CCRR / mCODE guides.</summary>
public static class Samples
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", name));
    public static readonly CasefindingLists Lists = CasefindingLists.Default;
}
