namespace TumorRegistry.Standards;

/// <summary>
/// How an error message may show the value it refuses: codes of a few characters as they are, anything longer (a
/// name, an SSN, a date of birth) only by its length, so no error body or log line carries identifying data.
/// </summary>
public static class ErrorText
{
    public const int MaxShown = 4;

    public static string Quote(string? value, bool capital = false) => value is null ? (capital ? "No value" : "no value")
        : value.Length <= MaxShown && !value.Any(char.IsControl) ? $"'{value}'"
        : $"{(capital ? "The" : "the")} value given ({value.Length} characters)";
}
