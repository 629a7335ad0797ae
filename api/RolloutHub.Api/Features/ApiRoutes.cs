using RolloutHub.Api.Features.Departments;
using RolloutHub.Api.Features.Imports;
using RolloutHub.Api.Features.Tokens;

namespace RolloutHub.Api.Features;

/// <summary>Every feature's endpoints under /api/v1.</summary>
public static class ApiRoutes
{
    public static WebApplication MapRolloutHubApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapTokens();
        api.MapDepartments();
        api.MapImports();
        return app;
    }
}
