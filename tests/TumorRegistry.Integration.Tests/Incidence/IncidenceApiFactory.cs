using TumorRegistry.Integration.Tests.Api;

namespace TumorRegistry.Integration.Tests.Incidence;

/// <summary>The real web host on its own database, with the scenario's population imported and its cases written.</summary>
public sealed class IncidenceApiFactory : IAsyncLifetime
{
    public RegistryApiFactory Api { get; } = new();
    public HttpClient Client { get; private set; } = null!;
    public string PopulationId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Api).InitializeAsync();
        Client = Api.CreateClient(); // starts the host, which migrates the database
        var response = await Client.PostAsync("/populations?format=seer&name=NM%202018-2020",
            new StringContent(IncidenceScenario.PopulationFile, System.Text.Encoding.UTF8, "application/octet-stream"));
        response.EnsureSuccessStatusCode();
        PopulationId = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        await IncidenceScenario.LoadAsync(Api.ConnectionString);
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)Api).DisposeAsync();
}
