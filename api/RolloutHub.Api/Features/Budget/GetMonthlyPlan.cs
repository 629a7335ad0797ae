using System.Globalization;
using Dapper;
using MediatR;
using RolloutHub.Api.Data;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Budget;

/// <summary>Planned and actual amounts of one budget line in one calendar month.</summary>
public sealed record LineMonth
{
    public required string LineCode { get; init; }
    /// <summary><c>YYYY-MM</c>.</summary>
    public required string Month { get; init; }
    public decimal Planned { get; init; }
    public decimal Actual { get; init; }
}

/// <summary>
/// Plan and spend per budget line and month, for the months whose first day lies in
/// [<see cref="From"/>, <see cref="To"/>] (a range selects the periods that start in it).
/// A line's planned amount is spread over the months of its period in proportion to the share
/// of each month the period covers: every full month gets the same part, whatever its length,
/// and a period starting on the 16th of a 30-day month gives that month half a part.
/// Each month's share is rounded to the stored scale (four decimals) on the running total, so
/// that the months of a period add up to its planned amount exactly.
/// </summary>
public sealed record GetMonthlyPlan(DateOnly From, DateOnly To) : IRequest<IReadOnlyList<LineMonth>>;

public sealed class GetMonthlyPlanHandler(MonthlyPlanQuery plan) : IRequestHandler<GetMonthlyPlan, IReadOnlyList<LineMonth>>
{
    public Task<IReadOnlyList<LineMonth>> Handle(GetMonthlyPlan request, CancellationToken cancellationToken) =>
        plan.ReadAsync(request.From, request.To, cancellationToken);

    public static IReadOnlyList<DateOnly> MonthsStartingIn(DateOnly from, DateOnly to) => MonthlyPlanQuery.MonthsStartingIn(from, to);
}

/// <summary>Plan and spend per budget line and month (see <see cref="GetMonthlyPlan"/>), for the handlers that need them.</summary>
public sealed class MonthlyPlanQuery(DbSession session) : IQuery
{
    private sealed record LineRow
    {
        public required string Code { get; init; }
        public decimal PlannedAmount { get; init; }
        public DateOnly PeriodStart { get; init; }
        public DateOnly PeriodEnd { get; init; }
    }

    private sealed record SpendRow
    {
        public required string BudgetLineCode { get; init; }
        public DateOnly OccurredOn { get; init; }
        public decimal Amount { get; init; }
    }

    public static IReadOnlyList<DateOnly> MonthsStartingIn(DateOnly from, DateOnly to)
    {
        var first = from.Day == 1 ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var months = new List<DateOnly>();
        for (var month = first; month <= to; month = month.AddMonths(1)) months.Add(month);
        return months;
    }

    public async Task<IReadOnlyList<LineMonth>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var months = MonthsStartingIn(from, to);
        if (months.Count == 0) return [];
        var rangeStart = months[0];
        var rangeEnd = months[^1].AddMonths(1).AddDays(-1);
        var connection = await session.ConnectionAsync(cancellationToken);
        var lines = await connection.QueryAsync<LineRow>(
            "SELECT code, planned_amount, period_start, period_end FROM budget_lines ORDER BY code", transaction: session.Transaction);
        var spend = (await connection.QueryAsync<SpendRow>("""
                SELECT budget_line_code, occurred_on, amount FROM spend WHERE occurred_on BETWEEN @rangeStart AND @rangeEnd
                """, new { rangeStart, rangeEnd }, session.Transaction))
            .ToLookup(s => (s.BudgetLineCode, new DateOnly(s.OccurredOn.Year, s.OccurredOn.Month, 1)));

        var result = new List<LineMonth>();
        foreach (var line in lines)
        {
            var plannedByMonth = PlannedByMonth(line.PlannedAmount, line.PeriodStart, line.PeriodEnd);
            foreach (var month in months)
            {
                var planned = plannedByMonth.GetValueOrDefault(month);
                var actual = spend[(line.Code, month)].Sum(s => s.Amount);
                if (planned == 0 && actual == 0) continue;
                result.Add(new LineMonth { LineCode = line.Code, Month = month.ToString("yyyy-MM", CultureInfo.InvariantCulture), Planned = planned, Actual = actual });
            }
        }
        return result;
    }

    /// <summary>
    /// The planned amount of each month the period touches, in proportion to its part: each month
    /// gets the rounded running total up to it less the rounded running total before it, so the
    /// parts add up to the amount exactly (1000 over 12 months: 83.3333, 83.3334, 83.3333, …).
    /// </summary>
    public static IReadOnlyDictionary<DateOnly, decimal> PlannedByMonth(decimal amount, DateOnly periodStart, DateOnly periodEnd)
    {
        var parts = MonthParts(periodStart, periodEnd);
        var totalParts = parts.Values.Sum(p => (decimal)p);
        var result = new Dictionary<DateOnly, decimal>();
        if (totalParts == 0) return result;
        decimal runningParts = 0, allocated = 0;
        var last = parts.Keys.Max();
        foreach (var (month, part) in parts.OrderBy(p => p.Key))
        {
            runningParts += (decimal)part;
            var upTo = month == last ? amount : decimal.Round(amount * runningParts / totalParts, Money.Scale, MidpointRounding.AwayFromZero);
            result[month] = upTo - allocated;
            allocated = upTo;
        }
        return result;
    }

    /// <summary>For each month the period touches, the share of that month's days it covers.</summary>
    public static IReadOnlyDictionary<DateOnly, double> MonthParts(DateOnly periodStart, DateOnly periodEnd)
    {
        var parts = new Dictionary<DateOnly, double>();
        for (var month = new DateOnly(periodStart.Year, periodStart.Month, 1); month <= periodEnd; month = month.AddMonths(1))
        {
            var monthEnd = month.AddMonths(1).AddDays(-1);
            var from = periodStart > month ? periodStart : month;
            var to = periodEnd < monthEnd ? periodEnd : monthEnd;
            parts[month] = (to.DayNumber - from.DayNumber + 1) / (double)(monthEnd.DayNumber - month.DayNumber + 1);
        }
        return parts;
    }
}
