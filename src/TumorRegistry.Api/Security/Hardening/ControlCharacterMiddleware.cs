using System.Text.Json;

namespace TumorRegistry.Api.Security.Hardening;

/// <summary>
/// Refuses NUL and other control characters (tab, line feed and carriage return aside) in query values and in the
/// strings of JSON bodies, with a 400 naming the item and never its value: such strings break PostgreSQL (NUL) and
/// every fixed-width export, and PostgreSQL's error context would otherwise carry the value into the logs.
/// </summary>
public sealed class ControlCharacterMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var bad = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, values) in http.Request.Query)
            if (HasControl(key) || values.Any(v => HasControl(v))) bad.Add(HasControl(key) ? "query" : key);
        if (HasControl(Uri.UnescapeDataString(http.Request.Path.Value ?? ""))) bad.Add("path");
        if (http.Request.HasJsonContentType() && http.Request.ContentLength is null or > 0)
        {
            http.Request.EnableBuffering();
            try
            {
                using var doc = await JsonDocument.ParseAsync(http.Request.Body, default, http.RequestAborted);
                Walk(doc.RootElement, "", bad);
            }
            catch (JsonException) { } // not JSON: the endpoint's binding answers 400 for it
            http.Request.Body.Position = 0;
        }
        if (bad.Count == 0)
        {
            await next(http);
            return;
        }
        await Results.ValidationProblem(bad.ToDictionary(b => b, _ => new[] { "Contains a control character (such as NUL); nothing was stored." }),
            title: "The request has control characters.").ExecuteAsync(http);
    }

    private static void Walk(JsonElement e, string path, ISet<string> bad)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    var name = HasControl(p.Name) ? "(property name)" : p.Name;
                    if (HasControl(p.Name)) bad.Add(path.Length == 0 ? name : $"{path}.{name}");
                    else Walk(p.Value, path.Length == 0 ? name : $"{path}.{name}", bad);
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray()) Walk(item, $"{path}[{i++}]", bad);
                break;
            case JsonValueKind.String when HasControl(e.GetString()):
                bad.Add(path.Length == 0 ? "body" : path);
                break;
        }
    }

    public static bool HasControl(string? s) => s is not null && s.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));
}
