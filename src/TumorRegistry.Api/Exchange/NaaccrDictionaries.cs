using TumorRegistry.Api.Pipeline;
using TumorRegistry.Infrastructure.Exchange;

namespace TumorRegistry.Api.Exchange;

/// <summary>
/// POST /naaccr/dictionaries: keep a user-defined NAACCR dictionary (the dictionary XML as the body), checked first;
/// 201 when new, 200 when it replaces the one with the same URI, 400 naming each item at fault.
/// GET /naaccr/dictionaries: the kept dictionaries by URI. Imports resolve a file's userDictionaryUri against them.
/// </summary>
public static class NaaccrDictionaries
{
    // A dictionary is a few hundred item definitions; the base v26 dictionary itself is under 2 MB.
    private const int MaxBytes = 16 << 20;

    public static IEndpointRouteBuilder MapNaaccrDictionaries(this IEndpointRouteBuilder app)
    {
        app.MapPost("/naaccr/dictionaries", async (HttpContext http, NaaccrUserDictionaryStore dictionaries, TimeProvider clock, CancellationToken ct) =>
        {
            var user = http.User.Identity!.Name!;
            if (await RequestBody.ReadAtMostAsync(http.Request, MaxBytes, ct) is not { } body)
                return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large.",
                    detail: $"A user dictionary is at most {MaxBytes >> 20} MB.");
            var saved = await dictionaries.SaveAsync(body, user, clock.GetUtcNow(), ct);
            if (saved.Info is not { } info)
                return Results.ValidationProblem(
                    saved.Problems.GroupBy(p => p.Item).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
                    title: "Not a NAACCR user dictionary the registry can keep.");
            return saved.Replaced ? Results.Ok(info) : Results.Created("/naaccr/dictionaries", info);
        })
        .Accepts<string>("application/xml")
        .WithTags("Imports")
        .WithSummary("Keep a user-defined NAACCR dictionary (XML); imports then accept files naming its dictionaryUri. The same URI again replaces it.");

        app.MapGet("/naaccr/dictionaries", async (NaaccrUserDictionaryStore dictionaries, CancellationToken ct) =>
            Results.Ok(await dictionaries.ListAsync(ct)))
        .WithTags("Imports")
        .WithSummary("The user-defined NAACCR dictionaries the registry keeps, by URI.");
        return app;
    }
}
