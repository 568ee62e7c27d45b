using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace TumorRegistry.Integration.Tests.Exchange;

/// <summary>An upload of a NAACCR XML file over HTTP, waited for: the job's report once it is neither queued nor running.</summary>
internal static class NaaccrUploads
{
    public static async Task<JsonElement> UploadAndWaitAsync(HttpClient client, string query, string xml)
    {
        var response = await client.PostAsync($"/imports/naaccr-xml?{query}", new StringContent(xml, Encoding.UTF8, "application/xml"));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!.ToString();
        for (var i = 0; i < 1800; i++)
        {
            var report = await client.GetFromJsonAsync<JsonElement>(location);
            if (report.GetProperty("status").GetString() is not ("queued" or "running")) return report;
            await Task.Delay(100);
        }
        throw new TimeoutException("The import job did not finish in 180 s (jobs wait for a free Hangfire worker under a full run).");
    }
}
