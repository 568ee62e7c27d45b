using System.Security.Claims;
using System.Xml;

namespace TumorRegistry.Api.Security.Authorization;

/// <summary>
/// A NAACCR XML import writes cases outside the MediatR pipeline, so its facility check is here: a principal who does
/// not hold every facility may import only files whose every Reporting Facility [540] is one they hold.
/// </summary>
public static class ImportFacilities
{
    public static bool Allowed(ClaimsPrincipal user, Stream xml)
    {
        if (user.HoldsAllFacilities()) return true;
        var start = xml.Position;
        var found = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            using var reader = XmlReader.Create(xml, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, CloseInput = false });
            while (reader.Read())
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Item" && reader.GetAttribute("naaccrId") == "reportingFacility")
                    found.Add(reader.ReadElementContentAsString().Trim());
        }
        catch (XmlException) { return true; } // malformed: the importer refuses it with its line
        finally { xml.Position = start; }
        return found.Count > 0 && found.All(user.Holds);
    }
}
