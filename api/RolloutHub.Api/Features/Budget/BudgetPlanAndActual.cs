using Dapper;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Employees;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Budget;

/// <summary>
/// Planned against actual over the months summarised, grouped as asked, and the unit costs: per
/// active employee and per employee a year, from the organisation's headcount and active employees
/// over those months up to asOf.
/// </summary>
public sealed class BudgetPlanAndActual(DbSession session, MonthlyPlanQuery monthlyPlan) : IQuery
{
    private sealed record CountRow
    {
        public long Headcount { get; init; }
        public long Active { get; init; }
    }

    public async Task<(IReadOnlyList<BudgetSummaryRow> Rows, BudgetTotals Totals)> ComputeAsync(
        IReadOnlyDictionary<string, BudgetLine> lines, DateOnly from, DateOnly to, DateOnly rangeStart, DateOnly rangeEnd, DateOnly asOf,
        string groupBy, CancellationToken cancellationToken)
    {
        var lineMonths = await monthlyPlan.ReadAsync(from, to, cancellationToken);
        var rows = lineMonths
            .GroupBy(m => groupBy switch
            {
                "wave" => lines[m.LineCode].WaveCode ?? "none",
                "month" => m.Month,
                "line" => m.LineCode,
                _ => lines[m.LineCode].Category,
            })
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(g.Key, g.Sum(m => m.Planned), g.Sum(m => m.Actual)))
            .ToList();
        var planned = lineMonths.Sum(m => m.Planned);
        var actual = lineMonths.Sum(m => m.Actual);

        // Headcount and active employees of the organisation over the months summarised, up to asOf
        // (docs/DEFINITIONS.md#headcount).
        var periodEnd = rangeEnd < asOf ? rangeEnd : asOf;
        var connection = await session.ConnectionAsync(cancellationToken);
        var counts = await connection.QuerySingleAsync<CountRow>($"""
            SELECT COUNT(e.employee_key) AS headcount, COUNT(a.employee_key) AS active
            FROM employees e
            LEFT JOIN (SELECT DISTINCT employee_key FROM usage_events WHERE occurred_on BETWEEN @start AND @end) a
                   ON a.employee_key = e.employee_key
            WHERE {Employment.During("e", "@start", "@end")}
            """, new { start = rangeStart, end = periodEnd }, session.Transaction);
        var elapsedDays = periodEnd.DayNumber - rangeStart.DayNumber + 1;
        var totals = new BudgetTotals
        {
            Planned = planned, Actual = actual, Variance = actual - planned, VarianceRatio = VarianceRatio(planned, actual),
            Headcount = counts.Headcount, ActiveEmployees = counts.Active,
            CostPerActiveEmployee = counts.Active == 0 ? null : actual / counts.Active,
            CostPerEmployeePerYear = counts.Headcount == 0 || elapsedDays <= 0 ? null : actual * 365 / elapsedDays / counts.Headcount,
        };
        return (rows, totals);
    }

    private static BudgetSummaryRow Row(string key, decimal planned, decimal actual) => new()
    {
        Key = key, Planned = planned, Actual = actual, Variance = actual - planned, VarianceRatio = VarianceRatio(planned, actual),
    };

    private static double? VarianceRatio(decimal planned, decimal actual) => planned == 0 ? null : (double)((actual - planned) / planned);
}
