using Dapper;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Employees;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Budget;

/// <summary>
/// The yearly cost of the rollout at full scale, per pricing model: per-seat (a seat for every
/// employee) against usage-based (today's uses per active employee × the active employees at the
/// target depth × the price of a use). Fixed lines cost the same either way and are shown apart.
/// </summary>
public sealed record FullScaleProjection
{
    /// <summary>Employees employed on asOf.</summary>
    public long EmployeesInScope { get; init; }
    /// <summary>Target depth at full scale.</summary>
    public double TargetDepth { get; init; }
    /// <summary><c>request</c> (the targetDepth parameter), <c>waves</c> (the wave targets, weighted by headcount) or <c>everyone</c> (no target: every employee active).</summary>
    public required string TargetDepthSource { get; init; }
    public double ActiveEmployeesAtTarget { get; init; }
    /// <summary>Uses in the 28 days up to asOf ÷ employees active in them, × 365 ÷ 28; null without usage.</summary>
    public double? UsesPerActiveEmployeePerYear { get; init; }
    /// <summary>Null without a per-seat line to price a seat.</summary>
    public PricingModelCost? PerSeat { get; init; }
    /// <summary>Null without a usage line to price a use, or without usage to measure.</summary>
    public PricingModelCost? Usage { get; init; }
    /// <summary>Fixed lines, each scaled to a year.</summary>
    public double FixedPerYear { get; init; }
    /// <summary><c>per-seat</c> or <c>usage</c> when both can be priced.</summary>
    public string? CheaperModel { get; init; }
    /// <summary>How much the cheaper model saves a year.</summary>
    public double? YearlySaving { get; init; }
    /// <summary>Uses per active employee per year at which both models cost the same.</summary>
    public double? BreakEvenUsesPerActiveEmployeePerYear { get; init; }
}

public sealed record PricingModelCost
{
    /// <summary><c>per-seat</c> or <c>usage</c>.</summary>
    public required string Model { get; init; }
    /// <summary>A seat for a year, or one use (the mean over the model's lines, weighted by planned units).</summary>
    public double UnitPrice { get; init; }
    /// <summary>Seats, or uses a year.</summary>
    public double Units { get; init; }
    public double YearlyCost { get; init; }
    public IReadOnlyList<string> Lines { get; init; } = [];
    /// <summary>How the yearly cost was reached, as a code and its figures, for the dashboard to word in its reader's language.</summary>
    public required CalculationBasis Basis { get; init; }
}

/// <summary>
/// The facts behind a full-scale cost. <c>per-seat</c>: <c>employees</c> × <c>unitPrice</c> (a seat
/// for a year). <c>usage</c>: <c>activeEmployees</c> (<c>employees</c> × <c>targetDepth</c>) ×
/// <c>usesPerActiveEmployeePerYear</c> × <c>unitPrice</c> (one use).
/// </summary>
public sealed record CalculationBasis
{
    /// <summary><c>per-seat</c> or <c>usage</c>.</summary>
    public required string Code { get; init; }
    public long Employees { get; init; }
    public double UnitPrice { get; init; }
    /// <summary>Usage only.</summary>
    public double? TargetDepth { get; init; }
    /// <summary>Usage only.</summary>
    public double? ActiveEmployees { get; init; }
    /// <summary>Usage only.</summary>
    public double? UsesPerActiveEmployeePerYear { get; init; }
}

/// <summary>The codes of a calculation basis (and of a pricing model): the dashboard words each.</summary>
public static class PricingModels
{
    public const string PerSeat = "per-seat";
    public const string Usage = "usage";
    public const string Fixed = "fixed";

    /// <summary>The bases a full-scale cost can give.</summary>
    public static readonly IReadOnlyList<string> BasisCodes = [PerSeat, Usage];
}

/// <summary>
/// What the rollout would cost a year at full scale under each pricing model, on asOf: the
/// employees employed that day, the target depth (asked for, the waves', or everyone), today's
/// usage rate, and the lines' prices.
/// </summary>
public sealed class FullScalePricing(DbSession session, UsageRateQuery usageRate) : IQuery
{
    private sealed record DepartmentTarget
    {
        public required string DepartmentCode { get; init; }
        public long Headcount { get; init; }
        public double? TargetDepth { get; init; }
    }

    private sealed record WaveTarget
    {
        public required string DepartmentCode { get; init; }
        public long Sequence { get; init; }
        public double? TargetDepth { get; init; }
    }

    public async Task<FullScaleProjection> ComputeAsync(IReadOnlyList<BudgetLine> lines, DateOnly asOf, double? requestedDepth, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var departments = (await connection.QueryAsync<DepartmentTarget>($"""
            SELECT department_code, COUNT(*) AS headcount FROM employees
            WHERE {Employment.On("", "@asOf")}
            GROUP BY department_code
            """, new { asOf }, session.Transaction)).ToList();
        // A department's target is that of the latest wave (by sequence) that includes it and sets one.
        var targets = (await connection.QueryAsync<WaveTarget>("""
                SELECT wd.department_code, w.sequence, w.target_depth
                FROM waves w JOIN wave_departments wd ON wd.wave_code = w.code
                WHERE w.target_depth IS NOT NULL
                """, transaction: session.Transaction))
            .GroupBy(t => t.DepartmentCode)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Sequence).First().TargetDepth);
        departments = departments.Select(d => d with { TargetDepth = targets.GetValueOrDefault(d.DepartmentCode) }).ToList();
        var employees = departments.Sum(d => d.Headcount);
        var withTarget = departments.Where(d => d.TargetDepth is not null).ToList();
        var (depth, source) = requestedDepth is { } r ? (r, "request")
            : withTarget.Sum(d => d.Headcount) > 0 ? (withTarget.Sum(d => d.Headcount * d.TargetDepth!.Value) / withTarget.Sum(d => d.Headcount), "waves")
            : (1.0, "everyone");
        var activeAtTarget = employees * depth;
        var usage = await usageRate.ReadAsync(asOf, cancellationToken);

        var seatLines = lines.Where(l => l.PricingModel == PricingModels.PerSeat).ToList();
        PricingModelCost? perSeat = null;
        if (seatLines.Count > 0)
        {
            var seatPrice = WeightedPrice(seatLines, l => (double)l.UnitPrice * l.YearFactor());
            perSeat = new PricingModelCost
            {
                Model = PricingModels.PerSeat, UnitPrice = seatPrice, Units = employees, YearlyCost = employees * seatPrice, Lines = seatLines.Select(l => l.Code).ToList(),
                Basis = new CalculationBasis { Code = PricingModels.PerSeat, Employees = employees, UnitPrice = seatPrice },
            };
        }
        var usageLines = lines.Where(l => l.PricingModel == PricingModels.Usage).ToList();
        PricingModelCost? usageCost = null;
        if (usageLines.Count > 0 && usage.UsesPerActiveEmployeePerYear is { } perActive)
        {
            var usePrice = WeightedPrice(usageLines, l => (double)l.UnitPrice);
            var uses = activeAtTarget * perActive;
            usageCost = new PricingModelCost
            {
                Model = PricingModels.Usage, UnitPrice = usePrice, Units = uses, YearlyCost = uses * usePrice, Lines = usageLines.Select(l => l.Code).ToList(),
                Basis = new CalculationBasis
                {
                    Code = PricingModels.Usage, Employees = employees, UnitPrice = usePrice, TargetDepth = depth, ActiveEmployees = activeAtTarget,
                    UsesPerActiveEmployeePerYear = perActive,
                },
            };
        }

        string? cheaper = null;
        double? saving = null, breakEven = null;
        if (perSeat is not null && usageCost is not null)
        {
            cheaper = usageCost.YearlyCost < perSeat.YearlyCost ? PricingModels.Usage : PricingModels.PerSeat;
            saving = Math.Abs(perSeat.YearlyCost - usageCost.YearlyCost);
        }
        if (perSeat is not null && usageLines.Count > 0 && activeAtTarget > 0)
        {
            var usePrice = WeightedPrice(usageLines, l => (double)l.UnitPrice);
            breakEven = usePrice == 0 ? null : perSeat.YearlyCost / (activeAtTarget * usePrice);
        }
        return new FullScaleProjection
        {
            EmployeesInScope = employees, TargetDepth = depth, TargetDepthSource = source, ActiveEmployeesAtTarget = activeAtTarget,
            UsesPerActiveEmployeePerYear = usage.UsesPerActiveEmployeePerYear, PerSeat = perSeat, Usage = usageCost,
            FixedPerYear = lines.Where(l => l.PricingModel == PricingModels.Fixed).Sum(l => (double)l.PlannedAmount * l.YearFactor()),
            CheaperModel = cheaper, YearlySaving = saving, BreakEvenUsesPerActiveEmployeePerYear = breakEven,
        };
    }

    // The projection is an estimate built on ratios (depth, uses a year), so it is worked out in
    // double; only recorded plan and spend are summed as decimal.
    // Lines of one model may be priced differently: the mean weighted by planned units, or the
    // plain mean when no line plans any unit.
    private static double WeightedPrice(IReadOnlyList<BudgetLine> lines, Func<BudgetLine, double> price)
    {
        var units = lines.Sum(l => (double)l.PlannedUnits);
        return units > 0 ? lines.Sum(l => price(l) * (double)l.PlannedUnits) / units : lines.Average(price);
    }
}
