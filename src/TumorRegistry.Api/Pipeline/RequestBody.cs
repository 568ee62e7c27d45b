namespace TumorRegistry.Api.Pipeline;

/// <summary>Reads a request body into memory up to a limit, stopping as soon as it is passed (never buffering more).</summary>
public static class RequestBody
{
    /// <summary>The body's bytes, or null when it is longer than maxBytes.</summary>
    public static async Task<byte[]?> ReadAtMostAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
        {
            if (body.Length + read > maxBytes) return null;
            body.Write(buffer, 0, read);
        }
        return body.ToArray();
    }
}
