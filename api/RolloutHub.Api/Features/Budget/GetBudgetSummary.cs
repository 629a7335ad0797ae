using RolloutHub.Api.Features.Employees;
using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Kpis;
using RolloutHub.Api.Features.Privacy;
using RolloutHub.Api.Features.Settings;
using static System.FormattableString;

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
    /// <summary>SPEC §3 headcount of the organisation over the months summarised (up to asOf).</summary>
    public long Headcount { get; init; }
    /// <summary>SPEC §3 active employees over the same period.</summary>
    public long ActiveEmployees { get; init; }
    /// <summary>Actual ÷ active employees.</summary>
    public decimal? CostPerActiveEmployee { get; init; }
    /// <summary>Actual scaled to 365 days, ÷ headcount.</summary>
    public decimal? CostPerEmployeePerYear { get; init; }
}

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

/// <summary>SPEC §3b idle seats: seat holders employed on asOf with no usage event in the 28 days ending on it.</summary>
public sealed record IdleSeats
{
    public int WindowDays { get; init; }
    public IReadOnlyList<IdleSeatLine> Lines { get; init; } = [];
    /// <summary>Sum over the lines not suppressed (an employee in the scope of two lines counts in each).</summary>
    public double YearlyCost { get; init; }
}

public sealed record IdleSeatLine
{
    public required string LineCode { get; init; }
    public required string Name { get; init; }
    /// <summary><c>wave W1</c>, <c>department SALES</c> or <c>organisation</c>.</summary>
    public required string Scope { get; init; }
    /// <summary>Null when suppressed.</summary>
    public long? SeatsHeld { get; init; }
    /// <summary>Null when suppressed.</summary>
    public long? Idle { get; init; }
    public double UnitPricePerYear { get; init; }
    /// <summary>Idle × unit price a year; null when suppressed.</summary>
    public double? YearlyCost { get; init; }
    /// <summary>
    /// True, for everyone but admins, when the privacy rule hides the line's scope on asOf (a hidden
    /// department, or a wave or the organisation whose total is hidden): seats, idle and cost are null.
    /// </summary>
    public bool Suppressed { get; init; }
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

public sealed class GetBudgetSummaryHandler(DbSession session, IMediator mediator, CurrentUser user, KpiToday today) : IRequestHandler<GetBudgetSummary, BudgetSummary>
{
    private sealed record LineRow
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
        public double YearFactor => 365.0 / (PeriodEnd.DayNumber - PeriodStart.DayNumber + 1);
    }

    private sealed record CountRow
    {
        public long Headcount { get; init; }
        public long Active { get; init; }
    }

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

    public async Task<BudgetSummary> Handle(GetBudgetSummary request, CancellationToken cancellationToken)
    {
        var asOf = request.AsOf ?? today.Date;
        var from = request.From ?? new DateOnly(asOf.Year, 1, 1);
        var to = request.To ?? asOf;
        var months = GetMonthlyPlanHandler.MonthsStartingIn(from, to);
        var rangeStart = months.Count > 0 ? months[0] : from;
        var rangeEnd = months.Count > 0 ? months[^1].AddMonths(1).AddDays(-1) : to;
        var settings = await mediator.Send(new GetSettings(), cancellationToken);
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var lines = (await connection.QueryAsync<LineRow>("""
            SELECT code, name, wave_code, department_code, category, pricing_model, unit_price, planned_units, planned_amount,
                   period_start, period_end
            FROM budget_lines ORDER BY code
            """, transaction: tx)).ToDictionary(l => l.Code);
        var lineMonths = await mediator.Send(new GetMonthlyPlan(from, to), cancellationToken);

        var rows = lineMonths
            .GroupBy(m => request.GroupBy switch
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

        // SPEC §3 Headcount and Active of the organisation over the months summarised, up to asOf.
        var periodEnd = rangeEnd < asOf ? rangeEnd : asOf;
        var counts = await connection.QuerySingleAsync<CountRow>($"""
            SELECT COUNT(e.employee_key) AS headcount, COUNT(a.employee_key) AS active
            FROM employees e
            LEFT JOIN (SELECT DISTINCT employee_key FROM usage_events WHERE occurred_on BETWEEN @start AND @end) a
                   ON a.employee_key = e.employee_key
            WHERE {Employment.During("e", "@start", "@end")}
            """, new { start = rangeStart, end = periodEnd }, tx);
        var elapsedDays = periodEnd.DayNumber - rangeStart.DayNumber + 1;
        var totals = new BudgetTotals
        {
            Planned = planned, Actual = actual, Variance = actual - planned, VarianceRatio = VarianceRatio(planned, actual),
            Headcount = counts.Headcount, ActiveEmployees = counts.Active,
            CostPerActiveEmployee = counts.Active == 0 ? null : actual / counts.Active,
            CostPerEmployeePerYear = counts.Headcount == 0 || elapsedDays <= 0 ? null : actual * 365 / elapsedDays / counts.Headcount,
        };

        return new BudgetSummary
        {
            From = rangeStart, To = rangeEnd, AsOf = asOf, GroupBy = request.GroupBy, Currency = settings.Currency, Rows = rows, Totals = totals,
            FullScale = await FullScaleAsync(lines.Values.ToList(), asOf, request.TargetDepth, cancellationToken),
            IdleSeats = await IdleSeatsAsync(lines.Values.Where(l => l.PricingModel == "per-seat").ToList(), asOf, settings.MinGroupSize, cancellationToken),
        };
    }

    private static BudgetSummaryRow Row(string key, decimal planned, decimal actual) => new()
    {
        Key = key, Planned = planned, Actual = actual, Variance = actual - planned, VarianceRatio = VarianceRatio(planned, actual),
    };

    private static double? VarianceRatio(decimal planned, decimal actual) => planned == 0 ? null : (double)((actual - planned) / planned);

    private async Task<FullScaleProjection> FullScaleAsync(IReadOnlyList<LineRow> lines, DateOnly asOf, double? requestedDepth, CancellationToken cancellationToken)
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
        var usage = await mediator.Send(new GetUsageRate(asOf), cancellationToken);

        var seatLines = lines.Where(l => l.PricingModel == "per-seat").ToList();
        PricingModelCost? perSeat = null;
        if (seatLines.Count > 0)
        {
            var seatPrice = WeightedPrice(seatLines, l => (double)l.UnitPrice * l.YearFactor);
            perSeat = new PricingModelCost
            {
                Model = "per-seat", UnitPrice = seatPrice, Units = employees, YearlyCost = employees * seatPrice, Lines = seatLines.Select(l => l.Code).ToList(),
                Basis = new CalculationBasis { Code = "per-seat", Employees = employees, UnitPrice = seatPrice },
            };
        }
        var usageLines = lines.Where(l => l.PricingModel == "usage").ToList();
        PricingModelCost? usageCost = null;
        if (usageLines.Count > 0 && usage.UsesPerActiveEmployeePerYear is { } perActive)
        {
            var usePrice = WeightedPrice(usageLines, l => (double)l.UnitPrice);
            var uses = activeAtTarget * perActive;
            usageCost = new PricingModelCost
            {
                Model = "usage", UnitPrice = usePrice, Units = uses, YearlyCost = uses * usePrice, Lines = usageLines.Select(l => l.Code).ToList(),
                Basis = new CalculationBasis
                {
                    Code = "usage", Employees = employees, UnitPrice = usePrice, TargetDepth = depth, ActiveEmployees = activeAtTarget,
                    UsesPerActiveEmployeePerYear = perActive,
                },
            };
        }

        string? cheaper = null;
        double? saving = null, breakEven = null;
        if (perSeat is not null && usageCost is not null)
        {
            cheaper = usageCost.YearlyCost < perSeat.YearlyCost ? "usage" : "per-seat";
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
            FixedPerYear = lines.Where(l => l.PricingModel == "fixed").Sum(l => (double)l.PlannedAmount * l.YearFactor),
            CheaperModel = cheaper, YearlySaving = saving, BreakEvenUsesPerActiveEmployeePerYear = breakEven,
        };
    }

    // The projection is an estimate built on ratios (depth, uses a year), so it is worked out in
    // double; only recorded plan and spend are summed as decimal.
    // Lines of one model may be priced differently: the mean weighted by planned units, or the
    // plain mean when no line plans any unit.
    private static double WeightedPrice(IReadOnlyList<LineRow> lines, Func<LineRow, double> price)
    {
        var units = lines.Sum(l => (double)l.PlannedUnits);
        return units > 0 ? lines.Sum(l => price(l) * (double)l.PlannedUnits) / units : lines.Average(price);
    }

    private sealed record SeatRow
    {
        public long Held { get; init; }
        public long Idle { get; init; }
    }

    private async Task<IdleSeats> IdleSeatsAsync(IReadOnlyList<LineRow> seatLines, DateOnly asOf, int minGroupSize, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var smallGroups = await SmallGroupsDuring.ReadAsync(connection, session.Transaction, user, asOf, asOf, minGroupSize);
        var waveDepartments = (await connection.QueryAsync<(string WaveCode, string DepartmentCode)>(
                "SELECT wave_code, department_code FROM wave_departments", transaction: session.Transaction))
            .ToLookup(w => w.WaveCode, w => w.DepartmentCode);
        var result = new List<IdleSeatLine>();
        foreach (var line in seatLines)
        {
            // SPEC §3b: an idle seat is held by someone employed on the day with no usage event in
            // the 28 days ending on it (that day included). A line's scope is its department, the
            // departments of its wave, or everyone.
            var seats = await connection.QuerySingleAsync<SeatRow>($"""
                SELECT COUNT(*) AS held, COUNT(*) - COUNT(r.employee_key) AS idle
                FROM employees e
                LEFT JOIN (SELECT DISTINCT employee_key FROM usage_events WHERE occurred_on BETWEEN @windowStart AND @asOf) r
                       ON r.employee_key = e.employee_key
                WHERE e.has_seat = @seated
                  AND {Employment.On("e", "@asOf")}
                  AND (@departmentCode IS NULL OR e.department_code = @departmentCode)
                  AND (@waveCode IS NULL OR e.department_code IN (SELECT department_code FROM wave_departments WHERE wave_code = @waveCode))
                """, new
            {
                windowStart = asOf.AddDays(-(GetUsageRateHandler.WindowDays - 1)), asOf, seated = true,
                departmentCode = line.DepartmentCode, waveCode = line.DepartmentCode is null ? line.WaveCode : null,
            }, session.Transaction);
            var price = (double)line.UnitPrice * line.YearFactor;
            var hidden = line.DepartmentCode is not null ? smallGroups.IsSuppressed(line.DepartmentCode)
                : line.WaveCode is not null ? smallGroups.IsTotalSuppressed(waveDepartments[line.WaveCode])
                : smallGroups.IsOrganisationSuppressed;
            result.Add(new IdleSeatLine
            {
                LineCode = line.Code, Name = line.Name,
                Scope = line.DepartmentCode is not null ? $"department {line.DepartmentCode}" : line.WaveCode is not null ? $"wave {line.WaveCode}" : "organisation",
                SeatsHeld = hidden ? null : seats.Held, Idle = hidden ? null : seats.Idle, UnitPricePerYear = price,
                YearlyCost = hidden ? null : seats.Idle * price, Suppressed = hidden,
            });
        }
        return new IdleSeats { WindowDays = GetUsageRateHandler.WindowDays, Lines = result, YearlyCost = result.Sum(l => l.YearlyCost ?? 0) };
    }
}
