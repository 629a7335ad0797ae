using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Departments;

public static class DepartmentEndpoints
{
    public static RouteGroupBuilder MapDepartments(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/departments").WithTags("Departments");
        group.MapGet("/", async (int? limit, string? cursor, HttpRequest request, IMediator mediator) =>
                CsvOutput.Negotiate(request, await mediator.Send(new ListDepartments(limit, cursor)), "departments"))
            .RequireAuthorization(Policies.ReadDashboards)
            .Produces<Page<Department>>()
            .WithSummary("List departments with their current headcount");
        group.MapGet("/{code}", async (string code, IMediator mediator) => TypedResults.Ok(await mediator.Send(new GetDepartment(code))))
            .RequireAuthorization(Policies.ReadDashboards)
            .WithSummary("One department");
        group.MapPut("/{code}", async (string code, SaveDepartment.Body body, IMediator mediator) =>
                TypedResults.Ok(await mediator.Send(new SaveDepartment(code, body.Name))))
            .RequireAuthorization(Policies.AdminOnly)
            .ProducesValidationProblem()
            .WithSummary("Create or rename a department");
        return group;
    }
}
