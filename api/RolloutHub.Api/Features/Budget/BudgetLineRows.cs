using Dapper;
using RolloutHub.Api.Data;

namespace RolloutHub.Api.Features.Budget;

/// <summary>A budget line as the summary's parts read it.</summary>
public sealed record BudgetLineRow
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public string? WaveCode { get; init; }
    public string? DepartmentCode { get; init; }
    public required string Category { get; init; }
    public required string PricingModel { get; init; }
    public decimal UnitPrice { get; init; }
    public decimal PlannedUnits { get; init; }
    public decimal PlannedAmount { get; init; }
    public DateOnly PeriodStart { get; init; }
    public DateOnly PeriodEnd { get; init; }

    /// <summary>What scales an amount over the line's period to a year.</summary>
    public double YearFactor => 365.0 / (PeriodEnd.DayNumber - PeriodStart.DayNumber + 1);

    public static async Task<IReadOnlyList<BudgetLineRow>> ReadAllAsync(DbSession session, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<BudgetLineRow>("""
            SELECT code, name, wave_code, department_code, category, pricing_model, unit_price, planned_units, planned_amount,
                   period_start, period_end
            FROM budget_lines ORDER BY code
            """, transaction: session.Transaction)).ToList();
    }
}
