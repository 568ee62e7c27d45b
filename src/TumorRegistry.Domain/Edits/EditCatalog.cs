using TumorRegistry.Domain.Edits.Rules;
using TumorRegistry.Standards;

namespace TumorRegistry.Domain.Edits;

/// <summary>
/// Every edit the registry runs: the hand-written cross-item edits (TR...) and the generated
/// valid-code (CODE-...) and valid-date (DATE-...) edits. Docs are generated from this list.
/// </summary>
public sealed class EditCatalog
{
    private static readonly Lazy<EditCatalog> Shipped = new(() => new EditCatalog(NaaccrStandards.Default));
    private readonly Dictionary<string, EditDefinition> _byId;

    /// <param name="registry">Decides which items TR001 requires (hospital: facility, class of case, hospital sequence).</param>
    public EditCatalog(NaaccrStandards standards, RegistryType registry = RegistryType.Hospital)
    {
        Registry = registry;
        CrossItem = RequiredItemEdits.All(registry)
            .Concat(DateEdits.All()).Concat(TreatmentEdits.All()).Concat(SiteEdits.All())
            .Concat(MorphologyEdits.All()).Concat(StageEdits.All()).Concat(OutcomeEdits.All())
            .Concat(DemographicEdits.All()).ToList();
        Generated = GeneratedEdits.ValidCodes(standards).Concat(GeneratedEdits.ValidDates(standards)).ToList();
        Edits = [.. CrossItem, .. Generated];
        _byId = Edits.ToDictionary(e => e.Id, StringComparer.Ordinal);
    }

    /// <summary>Hospital registry catalog on the shipped standards.</summary>
    public static EditCatalog Default => Shipped.Value;

    public RegistryType Registry { get; }

    /// <summary>All edits, cross-item first.</summary>
    public IReadOnlyList<EditDefinition> Edits { get; }

    /// <summary>Hand-written edits relating several items (or one item's format).</summary>
    public IReadOnlyList<EditDefinition> CrossItem { get; }

    /// <summary>Generated valid-code and valid-date edits.</summary>
    public IReadOnlyList<EditDefinition> Generated { get; }

    public EditDefinition? Find(string id) => _byId.GetValueOrDefault(id);
}
