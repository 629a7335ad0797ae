using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Audit;
using RolloutHub.Api.Features.Imports;

namespace RolloutHub.Api.Infrastructure;

/// <summary>The service's building blocks, each named once in Program.cs.</summary>
public static class Composition
{
    public static IServiceCollection AddDatabase(this IServiceCollection services)
    {
        TypeHandlers.Register();
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
        // Read when first needed, so that configuration added by a test host is seen.
        services.AddSingleton(sp => DatabaseOptions.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<Db>();
        services.AddSingleton<Migrator>();
        services.AddScoped<DbSession>();
        return services;
    }

    public static async Task MigrateDatabaseAsync(this IServiceProvider services) =>
        await services.GetRequiredService<Migrator>().MigrateAsync();

    public static IServiceCollection AddRolloutHubAuth(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddScoped<AuditTrail>();
        services.AddAuthentication(IdentityProvider.SelectorScheme)
            .AddScheme<BearerTokenOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, _ => { })
            .AddIdentityProvider();
        services.AddOptions<BearerTokenOptions>(BearerTokenHandler.SchemeName)
            .Configure<IConfiguration>((o, config) => o.BootstrapAdminToken = config["ROLLOUTHUB_ADMIN_TOKEN"]);
        services.AddAuthorizationBuilder()
            // Nothing is reachable without a token unless an endpoint says so (AllowAnonymous).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicies();
        return services;
    }

    private static AuthorizationBuilder AddPolicies(this AuthorizationBuilder builder)
    {
        foreach (var (policy, roles) in Policies.RolesByPolicy)
            builder.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        return builder;
    }

    public static IServiceCollection AddErrorHandling(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsMapping>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        return services;
    }

    public static WebApplication UseErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(); // empty 401/403/404/405 answers become problem details
        return app;
    }

    public static IServiceCollection AddFeatureOptions(this IServiceCollection services)
    {
        services.AddOptions<ImportOptions>().BindConfiguration("Imports");
        return services;
    }

    public static IServiceCollection AddDashboard(this IServiceCollection services) =>
        services.Configure<RouteOptions>(o => o.ConstraintMap[DashboardRoute.Name] = typeof(DashboardRoute));

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false })
            .AllowAnonymous();
        app.MapHealthChecks("/health/ready", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") })
            .AllowAnonymous();
        return app;
    }

    /// <summary>
    /// The built dashboard (web/dist) is served at /. Its folder comes from
    /// <c>Dashboard:Path</c>, else the first web/dist found above the content root.
    /// </summary>
    public static WebApplication UseDashboardFiles(this WebApplication app)
    {
        var folder = DashboardFolder(app);
        if (folder is null) return app;
        var files = new PhysicalFileProvider(folder);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        return app;
    }

    public static WebApplication MapDashboardFallback(this WebApplication app)
    {
        var folder = DashboardFolder(app);
        if (folder is null) return app;
        // Client-side routes (/waves/W1 …) load the app, which then routes itself; unknown API
        // paths stay 404 problems instead of answering with the app's HTML.
        app.MapFallbackToFile("{*path:" + DashboardRoute.Name + "}", "index.html", new StaticFileOptions { FileProvider = new PhysicalFileProvider(folder) })
            .AllowAnonymous();
        return app;
    }

    private static string? DashboardFolder(WebApplication app)
    {
        var configured = app.Configuration["Dashboard:Path"];
        if (!string.IsNullOrEmpty(configured))
            return File.Exists(Path.Combine(configured, "index.html")) ? Path.GetFullPath(configured) : null;
        for (var dir = new DirectoryInfo(app.Environment.ContentRootPath); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "web", "dist");
            if (File.Exists(Path.Combine(candidate, "index.html"))) return candidate;
        }
        return null;
    }
}

/// <summary>Matches the dashboard's client-side routes: not the API, health, OpenAPI or Swagger, and not files.</summary>
public sealed class DashboardRoute : IRouteConstraint
{
    public const string Name = "dashboard";
    private static readonly string[] ServerPrefixes = ["api", "health", "openapi", "swagger"];

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        var path = values[routeKey]?.ToString() ?? "";
        var first = path.Split('/', 2)[0];
        return !ServerPrefixes.Contains(first, StringComparer.OrdinalIgnoreCase) && !Path.HasExtension(path);
    }
}

public sealed class DatabaseHealthCheck(Db db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM schema_migrations";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }
    }
}
