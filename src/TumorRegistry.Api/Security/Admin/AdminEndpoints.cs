using TumorRegistry.Infrastructure.Security;

namespace TumorRegistry.Api.Security.Admin;

public sealed record NewUserBody(string? UserName, string? Password, string[]? Roles, string[]? Facilities);
public sealed record NewKeyBody(string? Owner, string[]? Roles, string[]? Facilities, int? Days, string? Description);

/// <summary>The admin's endpoints: accounts, API keys (the secret is in the creation response only) and the PHI audit.</summary>
public static class AdminEndpoints
{
    public static void MapRegistryAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").WithTags("Administration");
        admin.MapGet("/users", async (AccountStore accounts, CancellationToken ct) => Results.Ok(await accounts.ListAsync(ct)))
            .WithName("ListUsers").WithSummary("Local accounts (no password hashes).");
        admin.MapPost("/users", async (NewUserBody body, AccountStore accounts, CancellationToken ct) =>
            {
                try
                {
                    await accounts.AddAsync(body.UserName ?? "", body.Password ?? "", RegistryRoles.Parse(body.Roles ?? []),
                        RegistryRoles.ParseFacilities(body.Facilities ?? []), ct);
                    return Results.Created($"/admin/users", new { userName = body.UserName });
                }
                catch (ArgumentException e) { return Invalid("user", e); }
            })
            .WithName("AddUser").WithSummary("Create a local account, or reset its password, roles and facilities.");
        admin.MapGet("/keys", async (ApiKeyStore keys, CancellationToken ct) => Results.Ok(await keys.ListAsync(ct)))
            .WithName("ListApiKeys").WithSummary("API keys: owner, roles, facilities, expiry, revocation (never the secret).");
        admin.MapPost("/keys", async (NewKeyBody body, ApiKeyStore keys, CancellationToken ct) =>
            {
                try
                {
                    if (body.Days is < 1 or > 730) throw new ArgumentException("A key lives 1 to 730 days.");
                    var key = await keys.CreateAsync(body.Owner ?? "", RegistryRoles.Parse(body.Roles ?? []),
                        RegistryRoles.ParseFacilities(body.Facilities ?? []), TimeSpan.FromDays(body.Days ?? 90), body.Description, ct);
                    return Results.Created($"/admin/keys", new { key = key.Key, info = key.Info });
                }
                catch (ArgumentException e) { return Invalid("key", e); }
            })
            .WithName("CreateApiKey").WithSummary("Create an API key; the key is shown in this response only.");
        admin.MapDelete("/keys/{id:guid}", async (Guid id, ApiKeyStore keys, CancellationToken ct) =>
                await keys.RevokeAsync(id, ct) ? Results.NoContent() : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No active key {id}."))
            .WithName("RevokeApiKey").WithSummary("Revoke an API key at once.");
        admin.MapGet("/audit/patients/{patientId:guid}", async (Guid patientId, AuditStore audit, CancellationToken ct) =>
                Results.Ok(await audit.ForPatientAsync(patientId, ct: ct)))
            .WithName("AuditForPatient").WithSummary("Who has seen or changed this patient (or one of the patient's cases), newest first.");
        admin.MapGet("/audit/users/{userName}", async (string userName, AuditStore audit, CancellationToken ct) =>
                Results.Ok(await audit.ForUserAsync(userName, ct: ct)))
            .WithName("AuditForUser").WithSummary("What this user has opened or changed, newest first.");
    }

    private static IResult Invalid(string field, ArgumentException e) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [e.Message] });
}
