using TumorRegistry.Integration.Tests.Api;

namespace TumorRegistry.Integration.Tests.Survival;

/// <summary>The real web host on its own database, with <see cref="RegistryCohort"/> written through the projections.</summary>
public sealed class SurvivalApiFixture : IAsyncLifetime
{
    public RegistryApiFactory Api { get; } = new();
    public HttpClient Client { get; private set; } = null!;
    public IReadOnlyList<TestCase> Cases { get; } = RegistryCohort.Build();

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Api).InitializeAsync();
        Client = Api.CreateClient(); // starts the host, which migrates the database
        await RegistryCohort.WriteAsync(Api.ConnectionString, Cases);
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)Api).DisposeAsync();
}
