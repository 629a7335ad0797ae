using Dapper;
using RolloutHub.Api.Data;

namespace RolloutHub.Api.Features.Budget;

/// <summary>Budget lines as every reader takes them: the list endpoint and the summary's parts.</summary>
public static class BudgetLineReads
{
    /// <summary>What scales an amount over the line's period to a year.</summary>
    public static double YearFactor(this BudgetLine line) => 365.0 / (line.PeriodEnd.DayNumber - line.PeriodStart.DayNumber + 1);

    public static async Task<IReadOnlyList<BudgetLine>> ReadAllAsync(DbSession session, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<BudgetLine>("""
            SELECT code, name, wave_code, department_code, category, pricing_model, unit_price, planned_units, planned_amount,
                   period_start, period_end
            FROM budget_lines ORDER BY code
            """, transaction: session.Transaction)).ToList();
    }
}
