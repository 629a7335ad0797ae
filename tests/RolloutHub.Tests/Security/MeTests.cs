using System.Net;
using System.Net.Http.Json;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Features.Tokens;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Security;

/// <summary>
/// <c>GET /me</c> tells the dashboard what the caller may do from the very table the API enforces,
/// so the dashboard keeps no roles table of its own.
/// </summary>
public sealed class MeTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public async Task InitializeAsync() => await World.LoadAsync(_app);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<Me> MeOf(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/me");
        await response.ReadJsonAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<Me>())!;
    }

    [Fact]
    public async Task Each_role_gets_exactly_the_policies_that_let_it_in()
    {
        foreach (var role in Roles.All)
        {
            var me = await MeOf(await _app.AsRole(role, role == Roles.Champion ? ["SALES"] : []));
            var expected = Policies.RolesByPolicy.Where(p => p.Value.Contains(role)).Select(p => p.Key);
            Assert.Equal(expected.Order(), me.Capabilities.Order());
            Assert.Equal(role, me.Role);
        }
    }

    [Fact]
    public async Task A_champion_may_log_usage_but_not_read_the_budget_and_an_executive_the_reverse()
    {
        var champion = await MeOf(await _app.AsRole(Roles.Champion, "SALES"));
        Assert.Equal(["SALES"], champion.DepartmentCodes);
        Assert.Contains(Policies.WriteUsage, champion.Capabilities);
        Assert.DoesNotContain(Policies.ReadManagement, champion.Capabilities);

        var executive = await MeOf(await _app.AsRole(Roles.Executive));
        Assert.Contains(Policies.ReadManagement, executive.Capabilities);
        Assert.DoesNotContain(Policies.WriteUsage, executive.Capabilities);
        Assert.DoesNotContain(Policies.AdminOnly, executive.Capabilities);
    }

    [Fact]
    public async Task The_admin_token_has_every_capability()
    {
        var me = await MeOf(_app.Admin());
        Assert.Equal(Policies.RolesByPolicy.Keys.Order(), me.Capabilities.Order());
    }
}
