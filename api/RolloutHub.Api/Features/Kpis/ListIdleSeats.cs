using Dapper;
using MediatR;
using RolloutHub.Api.Data;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Kpis;

/// <summary><c>GET /api/v1/seats/idle</c>: the idle seats of the idle window ending today (<see cref="LicenceSeats"/>): seat holders employed at some time in the 28 days ending today with no usage event in them.</summary>
public sealed record ListIdleSeats(string? DepartmentCode, int? Limit, string? Cursor) : IRequest<Page<IdleSeat>>;

/// <summary>An idle licence seat (licence inutilisée).</summary>
public sealed record IdleSeat
{
    /// <summary>The seat holder's pseudonymous key.</summary>
    public required string EmployeeKey { get; init; }
    public required string DepartmentCode { get; init; }
    /// <summary>Their last usage event on or before today; null when they never used it.</summary>
    public DateOnly? LastUsedOn { get; init; }
    /// <summary>Days from that last use to today (at least 28); null when they never used it.</summary>
    public int? DaysSinceLastUse { get; init; }
}

public sealed class ListIdleSeatsHandler(DbSession session, KpiToday today) : IRequestHandler<ListIdleSeats, Page<IdleSeat>>
{
    private sealed record Row
    {
        public required string EmployeeKey { get; init; }
        public required string DepartmentCode { get; init; }
        public DateOnly? LastUsedOn { get; init; }
    }

    public async Task<Page<IdleSeat>> Handle(ListIdleSeats request, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(request.Limit);
        var after = Paging.After(request.Cursor)?.Split('|', 2);
        var date = today.Date;
        var connection = await session.ConnectionAsync(cancellationToken);
        if (request.DepartmentCode is { } code) await Departments.KnownDepartments.EnsureExistsAsync(session, code, cancellationToken);

        var rows = (await connection.QueryAsync<Row>($"""
            SELECT e.employee_key, e.department_code,
                   (SELECT MAX(u.occurred_on) FROM usage_events u WHERE u.employee_key = e.employee_key AND u.occurred_on <= @today) AS last_used_on
            FROM employees e
            WHERE {LicenceSeats.HeldSql(session.Dialect, "e", "@windowStart", "@today")}
              AND (@departmentCode IS NULL OR e.department_code = @departmentCode)
              AND {LicenceSeats.IsIdleSql("e", "@windowStart", "@today")}
              AND (@afterDepartment IS NULL OR e.department_code > @afterDepartment
                   OR (e.department_code = @afterDepartment AND e.employee_key > @afterKey))
            ORDER BY e.department_code, e.employee_key
            {session.Dialect.Limit("@take")}
            """, new
        {
            today = date, windowStart = LicenceSeats.IdleWindowStart(date),
            departmentCode = request.DepartmentCode,
            afterDepartment = after is { Length: 2 } ? after[0] : null, afterKey = after is { Length: 2 } ? after[1] : null,
            take = limit + 1,
        }, session.Transaction)).Select(r => new IdleSeat
        {
            EmployeeKey = r.EmployeeKey, DepartmentCode = r.DepartmentCode, LastUsedOn = r.LastUsedOn,
            DaysSinceLastUse = r.LastUsedOn is { } last ? date.DayNumber - last.DayNumber : null,
        }).ToList();
        return Paging.From(rows, limit, r => $"{r.DepartmentCode}|{r.EmployeeKey}");
    }
}
