using System.Net;
using System.Net.Http.Json;

namespace TumorRegistry.Integration.Tests.Api;

public sealed class HealthTests(RegistryApiFactory api) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task Health_answers_200_with_the_database_reachable_and_migrated()
    {
        var response = await api.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal("reachable", body!["database"].ToString());
        Assert.True(int.Parse(body["schemaVersion"].ToString()!) >= 1);
    }

    [Fact]
    public async Task The_OpenAPI_document_is_served()
    {
        var response = await api.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/health", await response.Content.ReadAsStringAsync());
    }
}
