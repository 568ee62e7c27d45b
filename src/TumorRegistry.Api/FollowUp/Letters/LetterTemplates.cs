using Npgsql;

namespace TumorRegistry.Api.FollowUp.Letters;

/// <summary>A manager's edit of a letter template: every part is required; placeholders must be known ones.</summary>
public sealed record LetterTemplateEdit(string? Letterhead, string? ReturnAddress, string? Body, string? PatientBlock);

/// <summary>The letter templates stored in the registry (migration 0041): read, and edited by a manager.</summary>
public static class LetterTemplates
{
    private const string Columns = "name, letterhead, return_address, body, patient_block, version";

    public static async Task<IReadOnlyList<LetterTemplate>> ReadAllAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select {Columns} from follow_up_letter_templates order by name", conn, tx);
        var list = new List<LetterTemplate>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new LetterTemplate(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt32(5)));
        return list;
    }

    public static Dictionary<string, string[]> Validate(LetterTemplateEdit e)
    {
        var errors = new Dictionary<string, string[]>();
        void Required(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) errors[field] = [$"{field} is required."];
        }
        Required("letterhead", e.Letterhead);
        Required("returnAddress", e.ReturnAddress);
        Required("body", e.Body);
        Required("patientBlock", e.PatientBlock);
        if (e.Body is { } body && LetterRendering.Unknown(body, LetterRendering.BodyPlaceholders) is { Count: > 0 } bad)
            errors["body"] = [$"Unknown placeholders {string.Join(", ", bad.Select(b => "{{" + b + "}}"))}; the body may use " +
                string.Join(", ", LetterRendering.BodyPlaceholders.Select(b => "{{" + b + "}}")) + "."];
        if (e.PatientBlock is { } block && LetterRendering.Unknown(block, LetterRendering.PatientPlaceholders) is { Count: > 0 } bad2)
            errors["patientBlock"] = [$"Unknown placeholders {string.Join(", ", bad2.Select(b => "{{" + b + "}}"))}; the patient block may use " +
                string.Join(", ", LetterRendering.PatientPlaceholders.Select(b => "{{" + b + "}}")) + "."];
        return errors;
    }

    public static void MapLetterTemplates(this IEndpointRouteBuilder app)
    {
        app.MapGet("/templates", async (NpgsqlDataSource db, CancellationToken ct) =>
            {
                await using var conn = await db.OpenConnectionAsync(ct);
                return Results.Ok(await ReadAllAsync(conn, null, ct));
            })
            .WithName("GetFollowUpLetterTemplates").WithSummary("The follow-up letter templates (physician, patient, contact) with their placeholders.")
            .Produces<IReadOnlyList<LetterTemplate>>();

        app.MapPut("/templates/{name}", async (string name, LetterTemplateEdit edit, NpgsqlDataSource db, TimeProvider clock, HttpContext http,
                CancellationToken ct) =>
            {
                var errors = Validate(edit);
                if (errors.Count > 0) return Results.ValidationProblem(errors, title: $"The {name} template was not changed.");
                await using var cmd = db.CreateCommand("""
                    update follow_up_letter_templates set letterhead = $2, return_address = $3, body = $4, patient_block = $5,
                        version = version + 1, updated_at = $6, updated_by = $7
                    where name = $1 returning name, letterhead, return_address, body, patient_block, version
                    """);
                foreach (var v in new object[] { name, edit.Letterhead!, edit.ReturnAddress!, edit.Body!, edit.PatientBlock!, clock.GetUtcNow(), http.User.Identity!.Name! })
                    cmd.Parameters.AddWithValue(v);
                await using var r = await cmd.ExecuteReaderAsync(ct);
                if (!await r.ReadAsync(ct)) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No letter template {name}.");
                return Results.Ok(new LetterTemplate(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt32(5)));
            })
            .WithName("EditFollowUpLetterTemplate")
            .WithSummary("Replace a letter template's letterhead, return address, body and patient block (placeholders checked); managers.")
            .Produces<LetterTemplate>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
