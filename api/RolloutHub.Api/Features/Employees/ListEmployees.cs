using Dapper;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Employees;

public sealed record Employee
{
    public required string EmployeeKey { get; init; }
    public required string DepartmentCode { get; init; }
    public DateOnly? JoinedOn { get; init; }
    public DateOnly? LeftOn { get; init; }
    public string? TrainingTier { get; init; }
    public bool? HasSeat { get; init; }
    /// <summary>The employee's e-mail address (or UPN), lowercased; how the AI tools' exports name them.</summary>
    public string? Email { get; init; }
}

public sealed record ListEmployees(string? DepartmentCode, int? Limit, string? Cursor) : IRequest<Page<Employee>>;

/// <summary>The roster; champions see only their own departments' employees.</summary>
public sealed class ListEmployeesHandler(DbSession session, CurrentUser user) : IRequestHandler<ListEmployees, Page<Employee>>
{
    public async Task<Page<Employee>> Handle(ListEmployees request, CancellationToken cancellationToken)
    {
        if (request.DepartmentCode is { } code) user.EnsureMayActFor(code);
        var limit = Paging.Limit(request.Limit);
        var connection = await session.ConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Employee>($"""
            SELECT employee_key, department_code, joined_on, left_on, training_tier, has_seat, email
            FROM employees
            WHERE (@after IS NULL OR employee_key > @after)
              AND (@departmentCode IS NULL OR department_code = @departmentCode)
              AND (@unscoped = 1 OR {session.Dialect.In("department_code", "@own")})
            ORDER BY employee_key
            {session.Dialect.Limit("@take")}
            """, new
        {
            after = Paging.After(request.Cursor), departmentCode = request.DepartmentCode, take = limit + 1,
            unscoped = user.IsChampion ? 0 : 1, own = user.DepartmentCodes.Append("").ToArray(),
        }, session.Transaction)).ToList();
        return Paging.From(rows, limit, e => e.EmployeeKey);
    }
}
