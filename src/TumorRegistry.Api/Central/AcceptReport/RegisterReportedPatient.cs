using MediatR;
using Npgsql;
using TumorRegistry.Api.Cases.Shared;
using TumorRegistry.Domain.Patients;
using TumorRegistry.Infrastructure.Cases;
using TumorRegistry.Standards.Dictionary;

namespace TumorRegistry.Api.Central.AcceptReport;

/// <summary>
/// A person first seen in an electronic report enters the registry: a Patient ID Number from the registry's own
/// sequence, then the report's patient items (names, date of birth, sex, SSN...) as imported items naming the report.
/// </summary>
public sealed record RegisterReportedPatient(IReadOnlyDictionary<string, string> Items, string Source) : RegistryCommand
{
    public override bool CreatesStream => true;
    public override bool RegistersPatient => true;
}

public sealed class RegisterReportedPatientHandler(CaseWriter writer, NpgsqlDataSource db) : IRequestHandler<RegisterReportedPatient, CommandResult>
{
    public async Task<CommandResult> Handle(RegisterReportedPatient request, CancellationToken cancellationToken)
    {
        await using var next = db.CreateCommand("select nextval('assigned_patient_id_numbers')");
        var number = ((long)(await next.ExecuteScalarAsync(cancellationToken))!).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var items = new Dictionary<string, string>(request.Items) { ["patientIdNumber"] = number };
        return await writer.CreateAsync(request, StreamTypes.Patient, Patient.From(request.StreamId, []).Import(items, request.Source), cancellationToken);
    }

    /// <summary>The report's items that belong on the patient record (a report also carries tumor-level address items).</summary>
    public static IReadOnlyDictionary<string, string> PatientLevel(IReadOnlyDictionary<string, string> items)
    {
        var misplaced = Domain.Validation.ItemValidator.Default.ValidatePlacement(items.Keys, NaaccrParent.Patient).Select(e => e.NaaccrId).ToHashSet();
        return items.Where(i => !misplaced.Contains(i.Key) && i.Key != "patientIdNumber" && !string.IsNullOrWhiteSpace(i.Value))
            .ToDictionary(i => i.Key, i => i.Value);
    }
}
