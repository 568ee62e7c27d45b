using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TumorRegistry.Api.Demo;
using TumorRegistry.Infrastructure.Postgres;
using TumorRegistry.Infrastructure.Security;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Web.Tests.Infrastructure;

/// <summary>The people of the browser tests: one local account per role (and a second registrar), signed in through the page.</summary>
public sealed record Person(string UserName, string[] Roles, string[] Facilities)
{
    public const string Facility = "0006540001";
    public static readonly Person Registrar = new("rita.registrar", [RegistryRoles.Registrar], [Facility]);
    public static readonly Person SecondRegistrar = new("sam.registrar", [RegistryRoles.Registrar], [Facility]);
    // A central registry's registrar (every facility): the one who reviews patient linkage across hospitals.
    public static readonly Person CentralRegistrar = new("cora.central", [RegistryRoles.Registrar], [RegistryRoles.AllFacilities]);
    public static readonly Person Manager = new("maria.manager", [RegistryRoles.Manager], [RegistryRoles.AllFacilities]);
    public static readonly Person Epidemiologist = new("eve.epidemiologist", [RegistryRoles.Epidemiologist], [RegistryRoles.AllFacilities]);
    public static readonly Person Admin = new("adam.admin", [RegistryRoles.Admin], [RegistryRoles.AllFacilities]);
    public static readonly Person[] All = [Registrar, SecondRegistrar, CentralRegistrar, Manager, Epidemiologist, Admin];
    public string Password => $"pw-{UserName}-0123456789";
}

/// <summary>
/// The service on a real loopback Kestrel port over a fresh database of the test run's PostgreSQL, loaded with a small
/// demo registry (cases, population, life table), and one headless Chromium for every browser test.
/// </summary>
public sealed class WebApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private string _connectionString = "";
    public string ConnectionString => _connectionString;
    public string BaseUrl { get; private set; } = "";
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    private readonly Dictionary<string, string> _sessions = [];

    public WebApp() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    public async Task InitializeAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync(migrate: false);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        var accounts = Services.GetRequiredService<AccountStore>();
        foreach (var p in Person.All) await accounts.AddAsync(p.UserName, p.Password, p.Roles, p.Facilities);
        var demo = new TumorRegistry.Synthetic.SyntheticOptions { Tumors = 600 };
        if ((await Services.GetRequiredService<DemoLoader>().LoadIfEmptyAsync(demo)).Loaded)
            await Services.GetRequiredService<DemoReports>().ImportDenominatorsAsync(demo);

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseSetting(RegistryDatabase.ConnectionVariable, _connectionString)
            // The tests sign in many times in a few seconds from one address.
            .UseSetting("Security:RequestsPerMinute", "100000");

    /// <summary>A browser context at 1280x800; signed in through the sign-in page once per person, then from the saved cookies.</summary>
    public async Task<IBrowserContext> ContextAsync(Person? person)
    {
        BrowserNewContextOptions Options(string? state = null) =>
            new() { ViewportSize = new ViewportSize { Width = 1280, Height = 800 }, BaseURL = BaseUrl, StorageState = state };
        if (person is null) return Patiently(await Browser.NewContextAsync(Options()));
        if (_sessions.TryGetValue(person.UserName, out var state)) return Patiently(await Browser.NewContextAsync(Options(state)));
        var context = Patiently(await Browser.NewContextAsync(Options()));
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("User name").FillAsync(person.UserName);
        await page.GetByLabel("Password").FillAsync(person.Password);
        await page.GetByLabel("Password").PressAsync("Enter");
        await page.ArrivedAtAsync(BaseUrl + "/");
        await page.CloseAsync();
        _sessions[person.UserName] = await context.StorageStateAsync();
        return context;
    }

    // A CI machine as busy as two cores with a build beside can take longer than Playwright's 30 s default for a page.
    private static IBrowserContext Patiently(IBrowserContext context)
    {
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        return context;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebApp>
{
    public const string Name = "web";
}
