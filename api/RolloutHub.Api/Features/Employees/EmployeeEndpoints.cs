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
            .WithSummary("The roster: pseudonymous employee keys, department, employment dates, training tier, seat, e-mail")
            .WithDescription("Champions see their own departments only. Load the roster with POST /api/v1/imports/employees.");
        group.MapPut("/{employeeKey}", async (string employeeKey, SaveEmployee.Body body, IMediator mediator) =>
                TypedResults.Ok(await mediator.Send(new SaveEmployee(employeeKey, body))))
            .RequireAuthorization(Policies.AdminOnly)
            .ProducesValidationProblem()
            .WithSummary("Create or update one employee (HR loads the roster with POST /api/v1/imports/employees)")
            .WithDescription("""
                The body replaces every field. email (optional) is stored trimmed and lowercased and belongs to one
                employee: an address already another employee's is a 400 on email. The AI tools' exports (usage
                reports, audit logs, ChatGPT Enterprise) name people by it. Example: `{ "departmentCode": "SALES",
                "joinedOn": "2025-01-06", "trainingTier": "casual", "hasSeat": true, "email": "ada@example.com" }`.
                """);
        return group;
    }
}
