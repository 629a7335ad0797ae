using System.Net;
using System.Net.Http.Json;
using System.Text;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Features.Alerts;
using RolloutHub.Api.Features.Departments;
using RolloutHub.Api.Features.Imports;
using RolloutHub.Api.Infrastructure;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Security;

/// <summary>Code that runs without a request has no rights unless it says it acts as the system.</summary>
public sealed class PrincipalTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public async Task InitializeAsync() => await World.LoadAsync(_app);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_request_sent_outside_a_request_without_the_system_principal_is_refused()
    {
        await using var scope = _app.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var user = scope.ServiceProvider.GetRequiredService<CurrentUser>();
        Assert.False(user.IsAdmin);
        Assert.False(user.SeesSmallGroups);
        Assert.False(user.MayActFor("SALES"));
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        await Assert.ThrowsAsync<ForbiddenException>(() => mediator.Send(new ListDepartments(null, null)));
        await Assert.ThrowsAsync<ForbiddenException>(() => mediator.Send(new EvaluateAlerts()));
        await Assert.ThrowsAsync<ForbiddenException>(() => mediator.Send(
            new RunImport("departments", new MemoryStream(Encoding.UTF8.GetBytes("code,name\nX,Intruder\n")), DryRun: false)));

        var departments = await (await _app.Admin().GetAsync("/api/v1/departments")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain("Intruder", departments.GetRawText());
    }

    [Fact]
    public async Task Background_work_acts_as_the_named_system_principal()
    {
        await using var scope = _app.Services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope("test-job");
        var user = scope.ServiceProvider.GetRequiredService<CurrentUser>();
        Assert.True(user.IsSystem);
        Assert.Equal("system:test-job", user.Name);
        var page = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ListDepartments(null, null));
        Assert.Equal(World.DepartmentCount, page.Items.Count);
    }

    [Fact]
    public async Task A_request_cannot_claim_the_system_role()
    {
        // The system role is not a role a token can carry.
        var response = await _app.Admin().PostAsJsonAsync("/api/v1/tokens", new { name = "sneaky", role = CurrentUser.SystemRole });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
