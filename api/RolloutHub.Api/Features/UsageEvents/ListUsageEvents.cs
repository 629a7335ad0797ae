using Dapper;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.UsageEvents;

public sealed record UsageEvent
{
    public required string EventId { get; init; }
    public DateOnly OccurredOn { get; init; }
    public required string EmployeeKey { get; init; }
    public required string DepartmentCode { get; init; }
    public required string UseCaseCode { get; init; }
    public int Uses { get; init; }
    public double? MinutesSaved { get; init; }
}

public sealed record ListUsageEvents(string? DepartmentCode, string? EmployeeKey, DateOnly? From, DateOnly? To, int? Limit, string? Cursor)
    : IRequest<Page<UsageEvent>>;

public sealed class ListUsageEventsHandler(DbSession session, CurrentUser user) : IRequestHandler<ListUsageEvents, Page<UsageEvent>>
{
    public async Task<Page<UsageEvent>> Handle(ListUsageEvents request, CancellationToken cancellationToken)
    {
        if (request.DepartmentCode is { } code) user.EnsureMayActFor(code);
        var limit = Paging.Limit(request.Limit);
        // Newest first; the cursor is "date|event id" of the last row.
        var (afterDate, afterId) = Paging.AfterDateAndKey(request.Cursor);
        var connection = await session.ConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<UsageEvent>($"""
            SELECT u.event_id, u.occurred_on, u.employee_key, e.department_code, u.use_case_code, u.uses, u.minutes_saved
            FROM usage_events u
            JOIN employees e ON e.employee_key = u.employee_key
            WHERE (@afterDate IS NULL OR u.occurred_on < @afterDate OR (u.occurred_on = @afterDate AND u.event_id < @afterId))
              AND (@departmentCode IS NULL OR e.department_code = @departmentCode)
              AND (@employeeKey IS NULL OR u.employee_key = @employeeKey)
              AND (@from IS NULL OR u.occurred_on >= @from)
              AND (@to IS NULL OR u.occurred_on <= @to)
              AND (@unscoped = 1 OR {session.Dialect.In("e.department_code", "@own")})
            ORDER BY u.occurred_on DESC, u.event_id DESC
            {session.Dialect.Limit("@take")}
            """, new
        {
            afterDate, afterId,
            departmentCode = request.DepartmentCode, employeeKey = request.EmployeeKey, from = request.From, to = request.To, take = limit + 1,
            unscoped = user.IsChampion ? 0 : 1, own = user.DepartmentCodes.Append("").ToArray(),
        }, session.Transaction)).ToList();
        return Paging.From(rows, limit, u => $"{u.OccurredOn:yyyy-MM-dd}|{u.EventId}");
    }
}
