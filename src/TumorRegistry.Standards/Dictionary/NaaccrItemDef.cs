namespace TumorRegistry.Standards.Dictionary;

/// <summary>How a NAACCR item's value is written (dataType attribute of the dictionary; "text" when absent).</summary>
public enum NaaccrDataType { Text, Digits, Numeric, Alpha, Mixed, Date, DateTime }

/// <summary>Where an item lives in a NAACCR XML file.</summary>
public enum NaaccrParent { NaaccrData, Patient, Tumor }

/// <summary>One data item of a NAACCR dictionary (ItemDef).</summary>
/// <param name="NaaccrId">XML id, e.g. "primarySite".</param>
/// <param name="NaaccrNum">Item number, e.g. 400.</param>
/// <param name="Name">Registrar's name, e.g. "Primary Site".</param>
/// <param name="AllowUnlimitedText">The dictionary lets the value exceed its length (allowUnlimitedText="true").</param>
/// <param name="RecordTypes">The record types that carry the item (recordTypes, e.g. "A,M,C,I"): I leaves out
/// confidential items and text, C leaves out text.</param>
public sealed record NaaccrItemDef(
    string NaaccrId,
    int NaaccrNum,
    string Name,
    int Length,
    NaaccrDataType DataType,
    NaaccrParent Parent,
    bool AllowUnlimitedText = false,
    string RecordTypes = "A,M,C,I")
{
    public bool InRecordType(string recordType) => RecordTypes.Split(',').Contains(recordType);
}
