using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using TumorRegistry.Infrastructure.Postgres;
using TumorRegistry.Infrastructure.Security;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Api;

/// <summary>
/// The real web host on a fresh database of the test run's PostgreSQL. Its clients are signed in (a bearer token of
/// the tests' identity provider) as <see cref="TestPrincipals.DefaultUser"/>, holding every role and facility.
/// </summary>
public sealed class RegistryApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync() => ConnectionString = await TestPostgres.CreateDatabaseAsync(migrate: false);

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseSetting(RegistryDatabase.ConnectionVariable, ConnectionString).UseTestIdentityProvider();

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.SignIn(TestPrincipals.DefaultUser, TestPrincipals.AllRoles, [RegistryRoles.AllFacilities]);
    }

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
