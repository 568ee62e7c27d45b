using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using TumorRegistry.Infrastructure.Postgres;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Api;

/// <summary>The real web host on a fresh database of the test run's PostgreSQL.</summary>
public sealed class RegistryApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync() => ConnectionString = await TestPostgres.CreateDatabaseAsync(migrate: false);

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseSetting(RegistryDatabase.ConnectionVariable, ConnectionString);

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
