using TumorRegistry.Api.Consolidation;
using Npgsql;
using TumorRegistry.Api.Cases;
using TumorRegistry.Api.Cases.Jobs;
using TumorRegistry.Api.Casefinding;
using TumorRegistry.Api.Cohorts;
using TumorRegistry.Api.Demo;
using TumorRegistry.Api.Exchange;
using TumorRegistry.Api.FollowUp;
using TumorRegistry.Api.FollowUp.Jobs;
using TumorRegistry.Api.Health;
using TumorRegistry.Api.Primaries;
using TumorRegistry.Api.Incidence;
using TumorRegistry.Api.Jobs;
using TumorRegistry.Api.Linkage;
using TumorRegistry.Api.Quality;
using TumorRegistry.Api.Quality.Jobs;
using TumorRegistry.Api.Security;
using TumorRegistry.Api.Survival;
using TumorRegistry.Api.Web;
using TumorRegistry.Infrastructure.Migrations;
using TumorRegistry.Infrastructure.Postgres;

// --demo loads a made-up registry into an empty database and writes its reports before serving the API.
var demo = args.Contains(DemoModule.Flag);
var builder = WebApplication.CreateBuilder(args.Where(a => a != DemoModule.Flag).ToArray());

// TUMORREGISTRY_DB (environment or configuration) names the database; without it a private cluster starts.
var database = await RegistryDatabase.OpenAsync(builder.Configuration[RegistryDatabase.ConnectionVariable]);
await SchemaMigrator.MigrateAsync(database.ConnectionString);

builder.Services.AddSingleton(database);
builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(database.ConnectionString));
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddCases();
builder.Services.AddIncidence();
builder.Services.AddSurvival();
builder.Services.AddCohorts();
builder.Services.AddDemo();
builder.Services.AddExchange();
builder.Services.AddFollowUp();
builder.Services.AddConsolidation();
builder.Services.AddPrimaries();
builder.Services.AddJobs(builder.Configuration, database.ConnectionString).AddFollowUpJobs(builder.Configuration).AddCaseJobs(builder.Configuration);
builder.Services.AddQuality(builder.Configuration).AddQualityJobs(builder.Configuration);
builder.Services.AddRegistrySecurity(builder.Configuration);
builder.Services.AddWebPages();
builder.Services.AddLinkage(builder.Configuration);
builder.Services.AddCasefinding();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
// Every endpoint is mapped into the secured group, which gives it its policy (Security/Authorization/EndpointPolicies).
var api = app.UseRegistrySecurity();
api.MapOpenApi();
api.MapHealth();
api.MapCases();
api.MapIncidence();
api.MapSurvival();
api.MapCohorts();
api.MapExchange();
api.MapFollowUp();
api.MapConsolidation();
api.MapPrimaries();
api.MapJobsDashboard();
api.MapQuality();
api.MapWebPages();
api.MapLinkage();
api.MapCasefinding();

app.Lifetime.ApplicationStopped.Register(() => database.DisposeAsync().AsTask().GetAwaiter().GetResult());
if (demo) await app.RunDemoAsync();
app.Run();

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
