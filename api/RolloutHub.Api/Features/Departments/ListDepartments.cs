using RolloutHub.Api.Features.Employees;
using Dapper;
using MediatR;
using RolloutHub.Api.Data;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Departments;

/// <summary>A department with its headcount today (employees who have joined and not left).</summary>
public sealed record Department
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public int Headcount { get; init; }
}

public sealed record ListDepartments(int? Limit, string? Cursor) : IRequest<Page<Department>>;

public sealed record GetDepartment(string Code) : IRequest<Department>;

public sealed class ListDepartmentsHandler(DbSession session) : IRequestHandler<ListDepartments, Page<Department>>, IRequestHandler<GetDepartment, Department>,
    Infrastructure.IQuery
{
    private static readonly string Select = $"""
        SELECT d.code, d.name,
               (SELECT COUNT(*) FROM employees e
                WHERE e.department_code = d.code
                  AND {Employment.On("e", "@today")}) AS headcount
        FROM departments d
        """;

    public async Task<Page<Department>> Handle(ListDepartments request, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(request.Limit);
        var connection = await session.ConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Department>($"""
            {Select}
            WHERE @after IS NULL OR d.code > @after
            ORDER BY d.code
            {session.Dialect.Limit("@take")}
            """, new { after = Paging.After(request.Cursor), take = limit + 1, today = Today })).ToList();
        return Paging.From(rows, limit, d => d.Code);
    }

    public async Task<Department> Handle(GetDepartment request, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Department>($"{Select} WHERE d.code = @code",
                   new { code = request.Code, today = Today })
               ?? throw new NotFoundException("Department", request.Code);
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
}
