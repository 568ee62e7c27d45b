using TumorRegistry.Standards.Dictionary;

namespace TumorRegistry.Standards.Xml;

/// <summary>
/// A made-up NAACCR XML v25 file for load tests and benchmarks: patients with one or two tumors, the items a registry
/// keys and counts on set to plausible values, and as many further Tumor items of the dictionary as asked, each with a
/// value of its type and length (so the file passes strict validation). Same seed, same file.
/// </summary>
public static class SyntheticNaaccrFile
{
    private static readonly string[] Sites = ["C509", "C619", "C341", "C180", "C187", "C440", "C649", "C739", "C569", "C159"];
    private static readonly string[] Keyed =
    [
        "tumorRecordNumber", "primarySite", "histologicTypeIcdO3", "behaviorCodeIcdO3", "dateOfDiagnosis", "reportingFacility",
        "accessionNumberHosp", "sequenceNumberHospital", "sequenceNumberCentral", "countyAtDx", "addrAtDxState", "laterality",
        "diagnosticConfirmation", "ageAtDiagnosis", "typeOfReportingSource", "classOfCase",
    ];

    /// <summary>Writes the file; returns the number of tumors written.</summary>
    public static int Write(Stream output, int tumors, int itemsPerTumor = 120, int seed = 1, string patientPrefix = "5")
    {
        var dictionary = NaaccrStandards.Default.Dictionaries["250"];
        var extra = dictionary.Items
            .Where(d => d.Parent == NaaccrParent.Tumor && !Keyed.Contains(d.NaaccrId) && d.Length is > 0 and <= 20
                && d.DataType is not (NaaccrDataType.DateTime))
            .Take(Math.Max(0, itemsPerTumor - Keyed.Length)).ToList();
        var random = new Random(seed);
        using var writer = new NaaccrXmlWriter(output, new NaaccrDataHeader());
        var written = 0;
        for (var p = 1; written < tumors; p++)
        {
            var patient = new NaaccrPatientRecord();
            patient.Items["patientIdNumber"] = patientPrefix + p.ToString("D8")[^(8 - patientPrefix.Length)..];
            patient.Items["nameLast"] = "Synthetic" + (char)('A' + p % 26);
            patient.Items["nameFirst"] = "Pat" + (char)('a' + p % 26);
            patient.Items["sex"] = (1 + p % 2).ToString();
            patient.Items["dateOfBirth"] = $"{1930 + p % 60}0{1 + p % 9}15";
            patient.Items["race1"] = "01";
            patient.Items["spanishHispanicOrigin"] = "0";
            patient.Items["vitalStatus"] = "1";
            patient.Items["dateOfLastContact"] = "20250301";
            patient.Items["socialSecurityNumber"] = (100000000 + p).ToString();
            var count = Math.Min(tumors - written, random.Next(10) < 8 ? 1 : 2);
            for (var t = 1; t <= count; t++)
            {
                var tumor = new NaaccrTumorRecord();
                var i = written + t;
                tumor.Items["tumorRecordNumber"] = t.ToString("D2");
                tumor.Items["primarySite"] = Sites[random.Next(Sites.Length)];
                tumor.Items["histologicTypeIcdO3"] = "8500";
                tumor.Items["behaviorCodeIcdO3"] = "3";
                tumor.Items["dateOfDiagnosis"] = $"{2015 + i % 9}{1 + i % 12:D2}{1 + i % 28:D2}";
                tumor.Items["reportingFacility"] = $"00000{1 + i % 20:D5}";
                tumor.Items["accessionNumberHosp"] = $"{2015 + i % 9}{i % 100000:D5}";
                tumor.Items["sequenceNumberHospital"] = (t - 1).ToString("D2");
                tumor.Items["sequenceNumberCentral"] = (t - 1).ToString("D2");
                tumor.Items["countyAtDx"] = $"{1 + 2 * (i % 30):D3}";
                tumor.Items["addrAtDxState"] = "NM";
                tumor.Items["laterality"] = "0";
                tumor.Items["diagnosticConfirmation"] = "1";
                tumor.Items["ageAtDiagnosis"] = $"{40 + i % 50:D3}";
                tumor.Items["typeOfReportingSource"] = "1";
                tumor.Items["classOfCase"] = "10";
                foreach (var d in extra) tumor.Items[d.NaaccrId] = ValueOf(d, random);
                patient.Tumors.Add(tumor);
            }
            written += count;
            writer.WritePatient(patient);
        }
        return written;
    }

    private static string ValueOf(NaaccrItemDef d, Random random) => d.DataType switch
    {
        NaaccrDataType.Digits => random.NextInt64((long)Math.Pow(10, Math.Min(d.Length, 18))).ToString().PadLeft(d.Length, '0'),
        NaaccrDataType.Numeric => random.Next(1, (int)Math.Min(int.MaxValue, Math.Pow(10, Math.Min(d.Length, 9)) - 1)).ToString(),
        NaaccrDataType.Alpha => new string((char)('A' + random.Next(26)), Math.Min(d.Length, 2)),
        NaaccrDataType.Mixed => ("A" + random.Next(10)).PadRight(Math.Min(d.Length, 2), '0')[..Math.Min(d.Length, 2)],
        NaaccrDataType.Date => $"{2015 + random.Next(9)}{1 + random.Next(12):D2}{1 + random.Next(28):D2}",
        _ => random.Next(10).ToString(),
    };
}
