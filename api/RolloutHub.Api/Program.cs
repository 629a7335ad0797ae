using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features;
using RolloutHub.Api.Features.Alerts;
using RolloutHub.Api.Features.Demo;
using RolloutHub.Api.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
    builder.WebHost.UseUrls("http://127.0.0.1:5080"); // SPEC §6 default

builder.Services
    .AddDatabase(builder.Configuration)
    .AddMediation()
    .AddRolloutHubAuth(builder.Configuration)
    .AddApiDocumentation()
    .AddErrorHandling()
    .AddFeatureOptions(builder.Configuration)
    .AddRolloutManagement()
    .AddHealth();

var app = builder.Build();

await app.Services.MigrateDatabaseAsync();
await app.Services.SeedDemonstrationIfAsked(builder.Configuration);

app.UseErrorHandling();
app.UseDashboardFiles();
app.UseAuthentication();
app.UseAuthorization();
app.MapApiDocumentation();
app.MapHealth();
app.MapRolloutHubApi();
app.MapDashboardFallback();

app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
