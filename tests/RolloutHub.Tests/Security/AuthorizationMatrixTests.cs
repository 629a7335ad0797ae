using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RolloutHub.Api.Auth;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Security;

/// <summary>
/// Every API endpoint × every role (and no token), generated from the app's own endpoint
/// list: an endpoint added without a policy fails here, and so does one whose policy
/// disagrees with the README's roles table below.
/// </summary>
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public async Task InitializeAsync() => await World.LoadAsync(_app);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private sealed record ApiEndpoint(string Method, string Route, string? Policy, bool Anonymous);

    private IReadOnlyList<ApiEndpoint> Endpoints() => _app.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.RoutePattern.RawText?.StartsWith("/api/") == true)
        .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => new ApiEndpoint(
            method, e.RoutePattern.RawText!,
            e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null),
            e.Metadata.GetMetadata<IAllowAnonymous>() is not null)))
        .ToList();

    [Fact]
    public void Every_endpoint_names_a_policy_or_is_explicitly_anonymous()
    {
        var unguarded = Endpoints().Where(e => e.Policy is null && !e.Anonymous).Select(e => $"{e.Method} {e.Route}").ToList();
        Assert.True(unguarded.Count == 0, "Endpoints without a policy: " + string.Join(", ", unguarded));
        var anonymous = Endpoints().Where(e => e.Anonymous).Select(e => e.Route).ToList();
        Assert.All(anonymous, route => Assert.Contains(route, AllowedAnonymous));
    }

    private static readonly string[] AllowedAnonymous = ["/api/v1/demo/tokens"];

    /// <summary>The README's roles table, for the endpoints other systems rely on.</summary>
    public static TheoryData<string, string, string[]> SpecTable => new()
    {
        { "GET", "/api/v1/departments/", [Roles.Admin, Roles.Executive, Roles.Champion, Roles.Hr] },
        { "GET", "/api/v1/use-cases/", [Roles.Admin, Roles.Executive, Roles.Champion, Roles.Hr] },
        { "GET", "/api/v1/waves/", [Roles.Admin, Roles.Executive, Roles.Champion, Roles.Hr] },
        { "GET", "/api/v1/champions/", [Roles.Admin, Roles.Executive, Roles.Champion, Roles.Hr] },
        { "GET", "/api/v1/outcomes/", [Roles.Admin, Roles.Executive, Roles.Champion] },
        { "GET", "/api/v1/usage-events/", [Roles.Admin, Roles.Champion] },
        { "GET", "/api/v1/training-needs/", [Roles.Admin, Roles.Executive, Roles.Hr] },
        { "GET", "/api/v1/budget/lines", [Roles.Admin, Roles.Executive] },
        { "GET", "/api/v1/employees/", [Roles.Admin, Roles.Champion, Roles.Hr] },
        { "POST", "/api/v1/usage-events/", [Roles.Admin, Roles.Champion] },
        { "POST", "/api/v1/outcomes/", [Roles.Admin, Roles.Champion] },
        { "POST", "/api/v1/use-cases/proposals", [Roles.Admin, Roles.Champion] },
        { "POST", "/api/v1/waves/{code}/gate-reviews", [Roles.Admin, Roles.Executive] },
        { "POST", "/api/v1/imports/{kind}", [Roles.Admin, Roles.Champion, Roles.Hr] },
        { "POST", "/api/v1/tokens/", [Roles.Admin] },
        { "GET", "/api/v1/audit", [Roles.Admin] },
        { "PUT", "/api/v1/settings/", [Roles.Admin] },
        { "GET", "/api/v1/kpis/", [Roles.Admin, Roles.Executive, Roles.Champion, Roles.Hr] },
        { "GET", "/api/v1/kpis/departments", [Roles.Admin, Roles.Executive, Roles.Champion, Roles.Hr] },
        { "GET", "/api/v1/kpis/departments/heatmap", [Roles.Admin, Roles.Executive, Roles.Champion, Roles.Hr] },
        { "GET", "/api/v1/kpis/adoption", [Roles.Admin, Roles.Executive, Roles.Champion, Roles.Hr] },
        { "POST", "/api/v1/kpis/recompute", [Roles.Admin] },
        { "GET", "/api/v1/seats/idle", [Roles.Admin, Roles.Hr] },
    };

    [Theory]
    [MemberData(nameof(SpecTable))]
    public void Policies_follow_the_roles_table_of_the_spec(string method, string route, string[] roles)
    {
        var endpoint = Assert.Single(Endpoints(), e => e.Method == method && e.Route == route);
        Assert.Equal(roles.Order(), Policies.RolesByPolicy[endpoint.Policy!].Order());
    }

    [Fact]
    public async Task Every_endpoint_answers_each_role_as_its_policy_says_and_never_500()
    {
        var clients = new Dictionary<string, HttpClient> { ["(no token)"] = _app.Anonymous() };
        foreach (var role in Roles.All) clients[role] = await _app.AsRole(role, role == Roles.Champion ? ["SALES"] : []);

        var failures = new List<string>();
        foreach (var endpoint in Endpoints())
            foreach (var (who, client) in clients)
            {
                using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), Concrete(endpoint.Route));
                if (endpoint.Method is "POST" or "PUT" or "PATCH")
                    request.Content = endpoint.Route.Contains("/imports/")
                        ? new StringContent("code,name\n", Encoding.UTF8, "text/csv")
                        : new StringContent("{}", Encoding.UTF8, "application/json");
                var status = (await client.SendAsync(request)).StatusCode;

                var allowed = endpoint.Anonymous || (who != "(no token)" && Policies.RolesByPolicy[endpoint.Policy!].Contains(who));
                var ok = who == "(no token)" && !endpoint.Anonymous
                    ? status == HttpStatusCode.Unauthorized
                    : allowed
                        ? status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.InternalServerError)
                        : status == HttpStatusCode.Forbidden;
                if (!ok) failures.Add($"{endpoint.Method} {endpoint.Route} as {who}: {(int)status}");
            }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>
    /// The README's role table is the one people read: every endpoint that needs a token is
    /// listed there once, with exactly the roles its policy lets in. On failure the message
    /// carries the table the policies give, to paste into the README.
    /// </summary>
    [Fact]
    public void The_README_role_table_says_what_the_policies_enforce()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var begin = readme.IndexOf("<!-- roles:begin -->", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- roles:end -->", StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "README.md has no <!-- roles:begin --> … <!-- roles:end --> table.");

        var documented = new Dictionary<string, string[]>();
        var failures = new List<string>();
        foreach (var line in readme[begin..end].Split('\n').Where(l => l.StartsWith("| ") && !l.StartsWith("| what") && !l.StartsWith("| ---")))
        {
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            var roles = Roles.All.Where((_, i) => cells[2 + i] is "✓" or "own").ToArray();
            foreach (Match m in Regex.Matches(cells[1], @"`(GET|POST|PUT|PATCH|DELETE) ([^`]+)`"))
                if (!documented.TryAdd($"{m.Groups[1].Value} {m.Groups[2].Value}", roles))
                    failures.Add($"{m.Value} is listed twice");
        }

        var endpoints = Endpoints().Where(e => !e.Anonymous).ToList();
        foreach (var endpoint in endpoints)
        {
            var key = $"{endpoint.Method} {Short(endpoint.Route)}";
            var enforced = Policies.RolesByPolicy[endpoint.Policy!];
            if (!documented.Remove(key, out var roles)) failures.Add($"{key} is missing from the README");
            else if (!roles.Order().SequenceEqual(enforced.Order()))
                failures.Add($"{key}: README says {string.Join(", ", roles)}; the API lets in {string.Join(", ", enforced)}");
        }
        failures.AddRange(documented.Keys.Select(k => $"{k} is in the README but is no endpoint"));
        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n\nThe table the policies give:\n" + Table(endpoints));
    }

    private static readonly string[] ScopedToOwnDepartments =
        [Policies.ReadEmployees, Policies.ReadUsage, Policies.WriteUsage, Policies.ReadOutcomes, Policies.Import];

    private static string Table(IEnumerable<ApiEndpoint> endpoints) =>
        "| what | endpoints | admin | executive | champion | hr |\n| --- | --- | :-: | :-: | :-: | :-: |\n" +
        string.Concat(endpoints.GroupBy(e => e.Policy!).OrderBy(g => -Policies.RolesByPolicy[g.Key].Length).Select(g =>
            $"| {g.Key} | {string.Join(", ", g.Select(e => $"`{e.Method} {Short(e.Route)}`").Distinct())} | " +
            string.Join(" | ", Roles.All.Select(r => !Policies.RolesByPolicy[g.Key].Contains(r) ? "—"
                : r == Roles.Champion && ScopedToOwnDepartments.Contains(g.Key) ? "own" : "✓")) + " |\n"));

    /// <summary>The route as the README writes it: without /api/v1, the trailing slash or parameter constraints.</summary>
    private static string Short(string route)
    {
        var path = Regex.Replace(route, @"\{(\w+)(:[^}]*)?\}", "{$1}")["/api/v1".Length..].TrimEnd('/');
        return path.Length == 0 ? "/" : path;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RolloutHub.sln"))) return dir.FullName;
        throw new InvalidOperationException("RolloutHub.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A request path for a route template: numeric parameters get 1, the others a code.</summary>
    private static string Concrete(string route) =>
        Regex.Replace(route, @"\{(\w+)(:[^}]*)?\}", m => m.Groups[2].Value.Contains("long") || m.Groups[2].Value.Contains("int") ? "1" : "SALES");
}
