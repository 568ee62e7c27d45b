namespace TumorRegistry.Domain.Items;

/// <summary>
/// Marks an event property as carrying a NAACCR data item. Only the naaccrId is written here;
/// the item number, name, length and type come from the NAACCR dictionary.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NaaccrItemAttribute(string naaccrId) : Attribute
{
    public string NaaccrId { get; } = naaccrId;
}
