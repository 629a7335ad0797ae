using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features;
using RolloutHub.Api.Features.Alerts;
using RolloutHub.Api.Features.Demo;
using RolloutHub.Api.Features.Waves;
using RolloutHub.Api.Infrastructure;
using RolloutHub.Api.Jobs;

// Microsoft.Data.Sqlite's I/O is synchronous: give the thread pool room for blocking calls
// from the start instead of letting it grow one thread at a time under load.
ThreadPool.GetMinThreads(out var workers, out var io);
ThreadPool.SetMinThreads(Math.Max(workers, 64), io);

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
    builder.WebHost.UseUrls("http://127.0.0.1:5080"); // loopback by default; ASPNETCORE_URLS or --urls widen it

builder.Services
    .AddDatabase()
    .AddMediation()
    .AddRolloutHubAuth()
    .AddApiDocumentation()
    .AddErrorHandling()
    .AddHardening()
    .AddFeatureOptions()
    .AddHealth()
    .AddJsonCompression()
    .AddDashboard()
    .AddKpiJobs()
    .AddCollectors()
    .AddRolloutManagement()
    .AddWaves();

var app = builder.Build();

await app.Services.MigrateDatabaseAsync();
await app.Services.SeedDemonstrationIfAsked(app.Configuration);

app.UseErrorHandling();
app.UseHardening();
app.UseJsonCompression();
app.UseDashboardFiles();
app.UseAuthentication();
app.UseFailedAuthenticationLimit();
app.UseRateLimiter();
app.UseAuthorization();
app.MapApiDocumentation();
app.MapHealth();
app.MapRolloutHubApi();
app.MapDashboardFallback();

app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
