using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Employees;

public static class EmployeeEndpoints
{
    public static RouteGroupBuilder MapEmployees(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/employees").WithTags("Employees");
        group.MapGet("/", async (string? departmentCode, int? limit, string? cursor, HttpRequest request, IMediator mediator) =>
                CsvOutput.Negotiate(request, await mediator.Send(new ListEmployees(departmentCode, limit, cursor)), "employees"))
            .RequireAuthorization(Policies.ReadEmployees)
            .Produces<Page<Employee>>()
            .WithSummary("The roster: pseudonymous employee keys, department, employment dates, training tier, seat")
            .WithDescription("Champions see their own departments only. Load the roster with POST /api/v1/imports/employees.");
        group.MapPut("/{employeeKey}", async (string employeeKey, SaveEmployee.Body body, IMediator mediator) =>
                TypedResults.Ok(await mediator.Send(new SaveEmployee(employeeKey, body))))
            .RequireAuthorization(Policies.AdminOnly)
            .ProducesValidationProblem()
            .WithSummary("Create or update one employee (HR loads the roster with POST /api/v1/imports/employees)");
        return group;
    }
}
