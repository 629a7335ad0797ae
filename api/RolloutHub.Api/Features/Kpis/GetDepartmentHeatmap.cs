using FluentValidation;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;

namespace RolloutHub.Api.Features.Kpis;

/// <summary>
/// <c>GET /api/v1/kpis/departments/heatmap</c>: what the dashboard's department heatmap draws, and no more —
/// per department and period its headcount and active employees, the periods it is hidden in, and its latest trend.
/// </summary>
public sealed record GetDepartmentHeatmap(string? Grain, string? From, string? To) : IRequest<DepartmentHeatmap>, IKpiRange;

/// <summary>
/// The figures of GET /api/v1/kpis/departments that a department × period heatmap shows, written once per
/// department as arrays aligned with <c>periods</c> (at 200 departments × 52 weeks a tenth of the size).
/// </summary>
public sealed record DepartmentHeatmap
{
    /// <summary><c>week</c> or <c>month</c>.</summary>
    public required string Grain { get; init; }
    /// <summary>When the snapshots were computed; null before the first run.</summary>
    public DateTimeOffset? ComputedAt { get; init; }
    /// <summary>True when data changed after the snapshots were computed.</summary>
    public bool Stale { get; init; }
    /// <summary>The periods whose start lies in [from, to], oldest first: the columns every department's arrays follow.</summary>
    public required IReadOnlyList<HeatmapPeriod> Periods { get; init; }
    /// <summary>Every department, by code, those without employees included.</summary>
    public required IReadOnlyList<HeatmapDepartment> Departments { get; init; }
}

public sealed record HeatmapPeriod
{
    /// <summary><c>2026-W03</c> or <c>2026-01</c>.</summary>
    public required string Period { get; init; }
    public DateOnly Start { get; init; }
    public DateOnly End { get; init; }
}

/// <summary>
/// One department's row of the heatmap. Element i of <c>headcount</c> and <c>activeEmployees</c> is about
/// <c>periods[i]</c>; depth is activeEmployees ÷ headcount (no depth when the headcount is 0).
/// </summary>
public sealed record HeatmapDepartment
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    /// <summary>Per period: employees of the department employed at some time in it; null only when the period has no figures for the department (not computed yet).</summary>
    public required IReadOnlyList<long?> Headcount { get; init; }
    /// <summary>Per period: of those, the ones with a usage event dated in it; null when the department is hidden in the period or it has no figures.</summary>
    public required IReadOnlyList<long?> ActiveEmployees { get; init; }
    /// <summary>
    /// The indexes (into <c>periods</c>) of the periods in which the department is hidden, for everyone but admins:
    /// it has fewer than minGroupSize employees (5), or it is hidden with them so that no total minus the visible
    /// departments reveals them. Only its headcount is given for those periods. Empty for most departments.
    /// </summary>
    public required IReadOnlyList<int> Suppressed { get; init; }
    /// <summary>
    /// The sustainability trend in the last period listed (<c>growing</c>, <c>stable</c>, <c>declining</c>,
    /// <c>insufficient-data</c> or <c>inactive</c>); null when the department is hidden in it or has no figures.
    /// </summary>
    public string? Trend { get; init; }

    /// <summary>
    /// The heatmap's row of one department's series: its figures placed under the answer's periods,
    /// null under a period it has no row for.
    /// </summary>
    public static HeatmapDepartment From(DepartmentKpiSeries series, IReadOnlyDictionary<string, int> columnOf, int columns)
    {
        var headcount = new long?[columns];
        var active = new long?[columns];
        var suppressed = new List<int>();
        foreach (var p in series.Periods)
        {
            var i = columnOf[p.Period];
            headcount[i] = p.Headcount;
            active[i] = p.ActiveEmployees;
            if (p.Suppressed) suppressed.Add(i);
        }
        var last = series.Periods.LastOrDefault(p => columnOf[p.Period] == columns - 1);
        return new HeatmapDepartment
        {
            Code = series.Code, Name = series.Name, Headcount = headcount, ActiveEmployees = active, Suppressed = suppressed,
            Trend = last?.Trend,
        };
    }
}

public sealed class GetDepartmentHeatmapValidator : AbstractValidator<GetDepartmentHeatmap>
{
    public GetDepartmentHeatmapValidator(KpiToday today) => this.AddRangeRules(today);
}

public sealed class GetDepartmentHeatmapHandler(DbSession session, CurrentUser user, KpiToday today)
    : IRequestHandler<GetDepartmentHeatmap, DepartmentHeatmap>
{
    public async Task<DepartmentHeatmap> Handle(GetDepartmentHeatmap request, CancellationToken cancellationToken)
    {
        // Cut from the department read itself: the same snapshot rows, the privacy rule already applied.
        var kpis = await DepartmentKpiQuery.ReadAsync(session, user, today, request, cancellationToken);
        var periods = kpis.Departments.SelectMany(d => d.Periods)
            .DistinctBy(p => p.Period)
            .OrderBy(p => p.Start)
            .Select(p => new HeatmapPeriod { Period = p.Period, Start = p.Start, End = p.End })
            .ToList();
        var columnOf = periods.Select((p, i) => (p.Period, i)).ToDictionary(c => c.Period, c => c.i, StringComparer.Ordinal);
        return new DepartmentHeatmap
        {
            Grain = kpis.Grain, ComputedAt = kpis.ComputedAt, Stale = kpis.Stale,
            Periods = periods,
            Departments = kpis.Departments.Select(d => HeatmapDepartment.From(d, columnOf, periods.Count)).ToList(),
        };
    }
}
