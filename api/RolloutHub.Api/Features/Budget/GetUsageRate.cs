using Dapper;
using MediatR;
using RolloutHub.Api.Data;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Budget;

/// <summary>
/// How much an active employee uses AI today: the uses logged in the 28 days ending
/// <see cref="UsageRate.AsOf"/>, per employee with at least one event in them, scaled to a
/// year. The yardstick for sizing a usage-priced line at full scale.
/// </summary>
public sealed record UsageRate
{
    public DateOnly AsOf { get; init; }
    /// <summary>Days in the measuring window (28, as long as the idle-seat window).</summary>
    public int WindowDays { get; init; }
    public long Uses { get; init; }
    public long ActiveEmployees { get; init; }
    /// <summary>Uses per active employee per year; null when nobody used anything in the window.</summary>
    public double? UsesPerActiveEmployeePerYear =>
        ActiveEmployees == 0 ? null : (double)Uses / ActiveEmployees * 365.0 / WindowDays;
}

/// <summary>The organisation's usage rate over the window ending on <c>AsOf</c>.</summary>
public sealed record GetUsageRate(DateOnly AsOf) : IRequest<UsageRate>;

public sealed class GetUsageRateHandler(UsageRateQuery usage) : IRequestHandler<GetUsageRate, UsageRate>
{
    public const int WindowDays = UsageRateQuery.WindowDays;

    public Task<UsageRate> Handle(GetUsageRate request, CancellationToken cancellationToken) => usage.ReadAsync(request.AsOf, cancellationToken);
}

/// <summary>The organisation's usage rate (see <see cref="UsageRate"/>), for the handlers that need it.</summary>
public sealed class UsageRateQuery(DbSession session) : IQuery
{
    public const int WindowDays = 28;

    private sealed record Row
    {
        public long Uses { get; init; }
        public long ActiveEmployees { get; init; }
    }

    public async Task<UsageRate> ReadAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<Row>("""
            SELECT COALESCE(SUM(u.uses), 0) AS uses, COUNT(DISTINCT u.employee_key) AS active_employees
            FROM usage_events u
            JOIN employees e ON e.employee_key = u.employee_key
            WHERE u.occurred_on BETWEEN @from AND @to
            """, new { from = asOf.AddDays(-(WindowDays - 1)), to = asOf }, session.Transaction);
        return new UsageRate { AsOf = asOf, WindowDays = WindowDays, Uses = row.Uses, ActiveEmployees = row.ActiveEmployees };
    }
}
