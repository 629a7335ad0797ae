using Dapper;
using RolloutHub.Api.Data;

namespace RolloutHub.Api.Features.Demo;

public static class DemoEndpoints
{
    public sealed record DemoToken(string Role, string Name, string Token, IReadOnlyList<string> DepartmentCodes);

    /// <summary>
    /// One-click sign-in for the demonstration: the demo tokens of each role. Answers only
    /// when <c>Demo:Seed</c> is on; a real installation answers 404.
    /// </summary>
    public static RouteGroupBuilder MapDemo(this RouteGroupBuilder api)
    {
        api.MapGet("/demo/tokens", async (IConfiguration configuration, Db db) =>
            {
                if (!configuration.GetValue<bool>("Demo:Seed"))
                    return Results.Problem(statusCode: 404, title: "Not found.", detail: "This installation is not a demonstration.");
                await using var connection = await db.OpenAsync();
                var rows = await connection.QueryAsync<(string Role, string Name, string Token, string Departments)>(
                    "SELECT role, name, token, department_codes FROM demo_credentials ORDER BY role");
                return Results.Ok(rows.Select(r => new DemoToken(r.Role, r.Name, r.Token, r.Departments.Split('|', StringSplitOptions.RemoveEmptyEntries))));
            })
            .AllowAnonymous()
            .WithTags("Demo")
            .Produces<IReadOnlyList<DemoToken>>()
            .WithSummary("Demonstration tokens for each role (only in a demonstration installation)");
        return api;
    }
}
