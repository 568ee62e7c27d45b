using System.Text;

namespace TumorRegistry.Standards.Xml;

/// <summary>
/// The legacy encodings hospital systems declare: windows-1252 and ISO-8859-1 through .NET's code pages, and the Java
/// names older NAACCR tools write (Cp1252, ISO8859_1), which .NET does not know.
/// </summary>
public static class NaaccrEncodings
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Encoding.RegisterProvider(new JavaNames());
    }

    private sealed class JavaNames : EncodingProvider
    {
        public override Encoding? GetEncoding(int codepage) => null;

        public override Encoding? GetEncoding(string name) => name.ToLowerInvariant().Replace("-", "").Replace("_", "") switch
        {
            "cp1252" => CodePagesEncodingProvider.Instance.GetEncoding(1252),
            "iso88591" or "cp819" or "latin1" => Encoding.Latin1,
            "utf8" => new UTF8Encoding(false),
            _ => null,
        };
    }
}
