using System.Net;
using Dapper;
using RolloutHub.Api.Data;

namespace RolloutHub.Api.Features.Demo;

public static class DemoEndpoints
{
    public sealed record DemoToken(string Role, string Name, string Token, IReadOnlyList<string> DepartmentCodes);

    /// <summary>
    /// One-click sign-in for the demonstration: the demo tokens of each role, admin included.
    /// Answers only when <c>Demo:Seed</c> is on and the caller is on this machine (or the
    /// environment is Development), never through a proxy that forwards another address;
    /// every other caller gets 404, as a real installation does.
    /// </summary>
    public static RouteGroupBuilder MapDemo(this RouteGroupBuilder api)
    {
        api.MapGet("/demo/tokens", async (HttpContext context, IConfiguration configuration, IHostEnvironment environment, Db db) =>
            {
                if (!configuration.GetValue<bool>("Demo:Seed") || !DemoCallers.MayReceiveTokens(context, environment.IsDevelopment()))
                    return Results.Problem(statusCode: 404, title: "Not found.",
                        detail: "Demonstration tokens are given only to a demonstration installation's own machine.");
                await using var connection = await db.OpenAsync();
                var rows = await connection.QueryAsync<(string Role, string Name, string Token, string Departments)>(
                    "SELECT role, name, token, department_codes FROM demo_credentials ORDER BY role");
                return Results.Ok(rows.Select(r => new DemoToken(r.Role, r.Name, r.Token, r.Departments.Split('|', StringSplitOptions.RemoveEmptyEntries))));
            })
            .AllowAnonymous()
            .WithTags("Demo")
            .Produces<IReadOnlyList<DemoToken>>()
            .ProducesProblem(404)
            .WithSummary("Demonstration tokens for each role (only in a demonstration installation, only from its own machine)")
            .WithDescription("Answers when Demo:Seed is on and the caller connects from loopback (or the environment is Development), " +
                             "and no X-Forwarded-For, X-Real-IP or Forwarded header names another address; 404 otherwise.");
        return api;
    }
}

/// <summary>Who may receive the demonstration's tokens, which include an admin's.</summary>
public static class DemoCallers
{
    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "X-Real-IP", "Forwarded"];

    public static bool MayReceiveTokens(HttpContext context, bool isDevelopment)
    {
        // A proxy on this machine still connects from loopback: what it forwards decides.
        foreach (var header in ForwardingHeaders)
            foreach (var value in context.Request.Headers[header])
                foreach (var address in ForwardedAddresses(header, value ?? ""))
                    if (!IsLoopback(address)) return false;
        return isDevelopment || context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote);
    }

    private static IEnumerable<string> ForwardedAddresses(string header, string value)
    {
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
        {
            if (header != "Forwarded")
            {
                yield return part;
                continue;
            }
            // Forwarded: for=192.0.2.60;proto=http, for="[2001:db8::17]:4711"
            foreach (var pair in part.Split(';', StringSplitOptions.TrimEntries))
                if (pair.StartsWith("for=", StringComparison.OrdinalIgnoreCase))
                    yield return pair[4..].Trim('"');
        }
    }

    /// <summary>An address (with or without port or brackets) that is loopback; anything unreadable is not.</summary>
    private static bool IsLoopback(string address)
    {
        if (IPAddress.TryParse(address, out var ip)) return IPAddress.IsLoopback(ip);
        if (address.StartsWith('[') && address.IndexOf(']') is > 0 and var end)
            return IPAddress.TryParse(address[1..end], out var v6) && IPAddress.IsLoopback(v6);
        var colon = address.LastIndexOf(':');
        return colon > 0 && IPAddress.TryParse(address[..colon], out var v4) && IPAddress.IsLoopback(v4);
    }
}
