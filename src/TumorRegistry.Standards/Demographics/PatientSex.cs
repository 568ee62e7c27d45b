namespace TumorRegistry.Standards.Demographics;

/// <summary>Sex assigned at birth, the value sex-specific site edits and statistics use.</summary>
public enum SexAssignedAtBirth { Male, Female, Other, Unknown }

/// <summary>
/// One domain value for the patient's sex, read from either NAACCR v25 <c>sex</c> [220]
/// (1 male, 2 female, 3 other/intersex, 4 transsexual NOS, 5 natal male, 6 natal female, 9 unknown)
/// or v26 <c>sexAssignedAtBirth</c> [225] (1 male, 2 female, 9 unknown).
/// The original v25 code is kept so a v25 export writes back what was abstracted.
/// </summary>
public readonly record struct PatientSex(SexAssignedAtBirth AtBirth, string? V25Code = null)
{
    public const string V25Item = "sex";
    public const string V26Item = "sexAssignedAtBirth";

    /// <summary>Maps a v25 sex code; null when the code is not a v25 sex code.</summary>
    public static PatientSex? FromV25(string? code) => code switch
    {
        "1" or "5" => new PatientSex(SexAssignedAtBirth.Male, code),
        "2" or "6" => new PatientSex(SexAssignedAtBirth.Female, code),
        "3" => new PatientSex(SexAssignedAtBirth.Other, code),
        "4" or "9" => new PatientSex(SexAssignedAtBirth.Unknown, code),
        _ => null,
    };

    /// <summary>Maps a v26 sex assigned at birth code; null when not a valid code.</summary>
    public static PatientSex? FromV26(string? code) => code switch
    {
        "1" => new PatientSex(SexAssignedAtBirth.Male),
        "2" => new PatientSex(SexAssignedAtBirth.Female),
        "9" => new PatientSex(SexAssignedAtBirth.Unknown),
        _ => null,
    };

    /// <summary>Reads an item map that may carry either item; v26 wins when both are present.</summary>
    public static PatientSex? FromItems(IReadOnlyDictionary<string, string> items) =>
        (items.TryGetValue(V26Item, out var v26) ? FromV26(v26) : null)
        ?? (items.TryGetValue(V25Item, out var v25) ? FromV25(v25) : null);

    /// <summary>The v25 <c>sex</c> code: the abstracted one when known, else the closest code.</summary>
    public string ToV25Code() => V25Code ?? AtBirth switch
    {
        SexAssignedAtBirth.Male => "1",
        SexAssignedAtBirth.Female => "2",
        SexAssignedAtBirth.Other => "3",
        _ => "9",
    };

    /// <summary>The v26 <c>sexAssignedAtBirth</c> code (other maps to 9, as v26 has no such code).</summary>
    public string ToV26Code() => AtBirth switch
    {
        SexAssignedAtBirth.Male => "1",
        SexAssignedAtBirth.Female => "2",
        _ => "9",
    };
}
