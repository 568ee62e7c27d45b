namespace TumorRegistry.Survival.Timing;

/// <summary>
/// One tumor as the survival module needs it. The registry maps its cases onto this record; codes are NAACCR codes.
/// </summary>
/// <param name="Id">Case or tumor identifier, carried through to results and exclusion lists.</param>
/// <param name="DateOfDiagnosis">NAACCR dateOfDiagnosis (YYYYMMDD, unknown parts 99/blank/omitted).</param>
/// <param name="DateOfLastContact">NAACCR dateOfLastContact (date of death for the dead).</param>
/// <param name="VitalStatus">NAACCR vitalStatus: "0" dead, "1" alive.</param>
/// <param name="TypeOfReportingSource">NAACCR typeOfReportingSource: "6" autopsy only, "7" death certificate only.</param>
/// <param name="CauseOfDeath">NAACCR causeOfDeath, ICD-10 code such as "C349" (blank if alive).</param>
/// <param name="SiteRecode">SEER site recode 2023 code (for cause-specific survival), e.g. "30" for lung and bronchus.</param>
/// <param name="SequenceNumber">NAACCR sequenceNumberCentral: "00" only tumor, "01".."59" one of several.</param>
/// <param name="AgeAtDiagnosis">Age in completed years (for relative survival).</param>
/// <param name="Sex">NAACCR sex code, "1" male, "2" female (for relative survival).</param>
/// <param name="Race">Optional race code used when the population life table is by race.</param>
/// <param name="Group">Optional analysis group label (stage, site, period...).</param>
/// <param name="DateOfBirth">NAACCR dateOfBirth; when complete, relative/net survival uses the exact age from it.</param>
public sealed record SurvivalCase(
    string Id,
    string? DateOfDiagnosis,
    string? DateOfLastContact,
    string? VitalStatus,
    string? TypeOfReportingSource = null,
    string? CauseOfDeath = null,
    string? SiteRecode = null,
    string? SequenceNumber = null,
    int? AgeAtDiagnosis = null,
    string? Sex = null,
    string? Race = null,
    string? Group = null,
    string? DateOfBirth = null);
