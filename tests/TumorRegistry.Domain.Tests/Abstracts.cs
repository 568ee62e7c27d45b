namespace TumorRegistry.Domain.Tests;

/// <summary>A complete, edit-clean breast cancer abstract, and variations of it.</summary>
public static class Abstracts
{
    public static readonly DateOnly Today = new(2025, 6, 1);

    public static Dictionary<string, string> PatientItems() => new()
    {
        ["patientIdNumber"] = "00000001", ["nameLast"] = "Smith", ["nameFirst"] = "Randi",
        ["dateOfBirth"] = "19730729", ["sex"] = "2",
        ["race1"] = "01", ["race2"] = "88", ["race3"] = "88", ["race4"] = "88", ["race5"] = "88",
        ["spanishHispanicOrigin"] = "0", ["socialSecurityNumber"] = "589803415",
        ["dateOfLastContact"] = "20240419", ["vitalStatus"] = "1", ["causeOfDeath"] = "0000", ["icdRevisionNumber"] = "0",
    };

    public static Dictionary<string, string> TumorItems() => new()
    {
        ["casefindingSource"] = "10", ["reportingFacility"] = "0000000001", ["typeOfReportingSource"] = "1",
        ["classOfCase"] = "14", ["addrAtDxState"] = "MO", ["countyAtDx"] = "510", ["addrAtDxPostalCode"] = "63101",
        ["censusTract2020"] = "010100",
        ["dateOfDiagnosis"] = "20230115", ["ageAtDiagnosis"] = "049", ["primarySite"] = "C504", ["laterality"] = "2",
        ["histologicTypeIcdO3"] = "8500", ["behaviorCodeIcdO3"] = "3", ["gradeClinical"] = "2",
        ["diagnosticConfirmation"] = "1", ["sequenceNumberHospital"] = "00", ["sequenceNumberCentral"] = "00",
        ["summaryStage2018"] = "1",
        ["rxSummSurgPrimSite"] = "22", ["rxDateSurgery"] = "20230210", ["reasonForNoSurgery"] = "0",
        ["phase1RadiationTreatmentModality"] = "02", ["rxDateRadiation"] = "20230315", ["reasonForNoRadiation"] = "0",
        ["rxSummChemo"] = "00",
        ["cancerStatus"] = "1", ["dateOfLastCancerStatus"] = "20240419",
    };

    /// <summary>Patient and tumor items together, with changes "item=value;item=" (empty value removes the item).</summary>
    public static Dictionary<string, string> Case(string changes = "")
    {
        var items = PatientItems();
        foreach (var (k, v) in TumorItems()) items[k] = v;
        foreach (var change in changes.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = (change.Split('=', 2)[0], change.Split('=', 2)[1]);
            if (value.Length == 0) items.Remove(key); else items[key] = value;
        }
        return items;
    }
}
