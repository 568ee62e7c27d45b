using TumorRegistry.Standards.Codes;
using TumorRegistry.Standards.Dictionary;
using TumorRegistry.Standards.IcdO3;
using TumorRegistry.Standards.Seer;

namespace TumorRegistry.Standards;

/// <summary>
/// The standards a registry works against, loaded once: the NAACCR v25 dictionary (the version the
/// domain maps to), the v24/v26 dictionaries, code lists, ICD-O-3 lists and the SEER site recode.
/// Register <see cref="Default"/> as a singleton.
/// </summary>
public sealed class NaaccrStandards(
    NaaccrDictionary dictionary,
    IReadOnlyDictionary<string, NaaccrDictionary> dictionaries,
    CodeLists codeLists,
    IcdO3Codes icdO3,
    SiteRecodeTable siteRecode)
{
    private static readonly Lazy<NaaccrStandards> Shipped = new(LoadShipped);

    /// <summary>Loaded from the files shipped beside the binaries.</summary>
    public static NaaccrStandards Default => Shipped.Value;

    /// <summary>The v25 dictionary: naaccrNum, length and type of every item the domain uses.</summary>
    public NaaccrDictionary Dictionary { get; } = dictionary;

    /// <summary>Dictionaries by version ("240", "250", "260").</summary>
    public IReadOnlyDictionary<string, NaaccrDictionary> Dictionaries { get; } = dictionaries;

    public CodeLists CodeLists { get; } = codeLists;
    public IcdO3Codes IcdO3 { get; } = icdO3;
    public SiteRecodeTable SiteRecode { get; } = siteRecode;

    public static NaaccrStandards LoadShipped()
    {
        var versions = new[] { "240", "250", "260" }.ToDictionary(v => v, NaaccrDictionary.LoadShipped);
        return new NaaccrStandards(versions["250"], versions, CodeLists.LoadShipped(),
            IcdO3Codes.LoadShipped(), SiteRecodeTable.LoadShipped());
    }
}
