using FluentValidation;
using MediatR;
using RolloutHub.Api.Features.Kpis;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Settings;

namespace RolloutHub.Api.Features.Budget;

/// <summary>Planned against actual, unit costs, and what the rollout would cost a year at full scale under each pricing model.</summary>
public sealed record BudgetSummary
{
    /// <summary>First day of the first month summarised.</summary>
    public DateOnly From { get; init; }
    /// <summary>Last day of the last month summarised.</summary>
    public DateOnly To { get; init; }
    /// <summary>The day "today" is taken to be: current employees, recent usage and idle seats are measured up to it.</summary>
    public DateOnly AsOf { get; init; }
    /// <summary><c>category</c>, <c>wave</c>, <c>month</c> or <c>line</c>.</summary>
    public required string GroupBy { get; init; }
    public required string Currency { get; init; }
    public IReadOnlyList<BudgetSummaryRow> Rows { get; init; } = [];
    public required BudgetTotals Totals { get; init; }
    public required FullScaleProjection FullScale { get; init; }
    public required IdleSeats IdleSeats { get; init; }
}

/// <summary>Planned and actual amounts of one group.</summary>
public sealed record BudgetSummaryRow
{
    /// <summary>The category, the wave code (<c>none</c> for lines without a wave), the month <c>YYYY-MM</c> or the line code.</summary>
    public required string Key { get; init; }
    public decimal Planned { get; init; }
    /// <summary>Spend recorded in the months summarised.</summary>
    public decimal Actual { get; init; }
    /// <summary>Actual − planned: positive is over plan.</summary>
    public decimal Variance { get; init; }
    /// <summary>Variance ÷ planned; null when nothing was planned.</summary>
    public double? VarianceRatio { get; init; }
}

public sealed record BudgetTotals
{
    public decimal Planned { get; init; }
    public decimal Actual { get; init; }
    public decimal Variance { get; init; }
    public double? VarianceRatio { get; init; }
    /// <summary>Headcount of the organisation over the months summarised, up to asOf (docs/DEFINITIONS.md#headcount).</summary>
    public long Headcount { get; init; }
    /// <summary>Active employees over the same period.</summary>
    public long ActiveEmployees { get; init; }
    /// <summary>Actual ÷ active employees.</summary>
    public decimal? CostPerActiveEmployee { get; init; }
    /// <summary>Actual scaled to 365 days, ÷ headcount.</summary>
    public decimal? CostPerEmployeePerYear { get; init; }
}

public sealed record GetBudgetSummary(DateOnly? From, DateOnly? To, string GroupBy = "category", DateOnly? AsOf = null, double? TargetDepth = null)
    : IRequest<BudgetSummary>;

public sealed class GetBudgetSummaryValidator : AbstractValidator<GetBudgetSummary>
{
    public static readonly string[] Groupings = ["category", "wave", "month", "line"];

    public GetBudgetSummaryValidator()
    {
        RuleFor(r => r.GroupBy).Must(g => Groupings.Contains(g)).WithMessage("groupBy must be category, wave, month or line.");
        RuleFor(r => r.To).GreaterThanOrEqualTo(r => r.From).When(r => r.From is not null && r.To is not null).WithMessage("to must not be before from.");
        RuleFor(r => r.TargetDepth).InclusiveBetween(0, 1).When(r => r.TargetDepth is not null);
    }
}

/// <summary>The summary's three parts, each with its own reason to change: plan and actual, full-scale pricing, idle seats.</summary>
public sealed class GetBudgetSummaryHandler(
    DbSession session, KpiToday today, SettingsQuery settingsQuery, BudgetPlanAndActual planAndActual, FullScalePricing fullScale, IdleSeatCosts idleSeats)
    : IRequestHandler<GetBudgetSummary, BudgetSummary>
{
    public async Task<BudgetSummary> Handle(GetBudgetSummary request, CancellationToken cancellationToken)
    {
        var asOf = request.AsOf ?? today.Date;
        var from = request.From ?? new DateOnly(asOf.Year, 1, 1);
        var to = request.To ?? asOf;
        var months = MonthlyPlanQuery.MonthsStartingIn(from, to);
        var rangeStart = months.Count > 0 ? months[0] : from;
        var rangeEnd = months.Count > 0 ? months[^1].AddMonths(1).AddDays(-1) : to;
        var settings = await settingsQuery.ReadAsync(cancellationToken);
        var lines = await BudgetLineReads.ReadAllAsync(session, cancellationToken);

        var (rows, totals) = await planAndActual.ComputeAsync(
            lines.ToDictionary(l => l.Code), from, to, rangeStart, rangeEnd, asOf, request.GroupBy, cancellationToken);
        return new BudgetSummary
        {
            From = rangeStart, To = rangeEnd, AsOf = asOf, GroupBy = request.GroupBy, Currency = settings.Currency, Rows = rows, Totals = totals,
            FullScale = await fullScale.ComputeAsync(lines, asOf, request.TargetDepth, cancellationToken),
            IdleSeats = await idleSeats.ComputeAsync(lines, asOf, settings.MinGroupSize, cancellationToken),
        };
    }
}
