using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Kpis.Engine;
using RolloutHub.Api.Features.Privacy;

namespace RolloutHub.Api.Features.Kpis;

/// <summary><c>GET /api/v1/kpis/departments</c>: every department's KPIs per period, those without employees included.</summary>
public sealed record GetDepartmentKpis(string? Grain, string? From, string? To) : IRequest<DepartmentKpis>, IKpiRange;

public sealed record DepartmentKpis
{
    /// <summary><c>week</c> or <c>month</c>.</summary>
    public required string Grain { get; init; }
    /// <summary>When the snapshots were computed; null before the first run.</summary>
    public DateTimeOffset? ComputedAt { get; init; }
    /// <summary>True when data changed after the snapshots were computed.</summary>
    public bool Stale { get; init; }
    /// <summary>Every department, by code.</summary>
    public required IReadOnlyList<DepartmentKpiSeries> Departments { get; init; }
}

public sealed record DepartmentKpiSeries
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    /// <summary>The periods whose start lies in [from, to], oldest first.</summary>
    public required IReadOnlyList<DepartmentPeriod> Periods { get; init; }
}

/// <summary>
/// A department's KPIs in one period. Its usage events are those of the employees whose current
/// record is in it (employed or not), its outcomes those reports that name it.
/// </summary>
public sealed record DepartmentPeriod
{
    /// <summary><c>2026-W03</c> or <c>2026-01</c>.</summary>
    public required string Period { get; init; }
    public DateOnly Start { get; init; }
    public DateOnly End { get; init; }
    /// <summary>Employees of the department employed at some time in the period.</summary>
    public long Headcount { get; init; }
    /// <summary>Of those, the ones with a usage event dated in the period; null when suppressed.</summary>
    public long? ActiveEmployees { get; init; }
    /// <summary>activeEmployees ÷ headcount; null when the headcount is 0 or when suppressed.</summary>
    public double? Depth { get; init; }
    /// <summary>Headcount &gt; 0 and depth ≥ the adopting threshold (setting adoptingDepthThreshold); null when suppressed.</summary>
    public bool? Adopting { get; init; }
    /// <summary>Distinct use cases among the usage events of the department's employees dated in the period; null when suppressed.</summary>
    public long? UseCasesInUse { get; init; }
    /// <summary>Minutes saved by the department's usage events in the period (minutes_saved, else uses × minutes per use) ÷ 60; null when suppressed.</summary>
    public double? HoursSaved { get; init; }
    /// <summary>Tickets avoided, from the outcome reports naming the department; null when suppressed.</summary>
    public long? TicketsAvoided { get; init; }
    /// <summary>Employees helped, from the outcome reports naming the department; null when suppressed.</summary>
    public long? EmployeesHelped { get; init; }
    /// <summary>hoursSaved × hourly cost; null when suppressed.</summary>
    public double? ValueSaved { get; init; }
    /// <summary><c>growing</c>, <c>stable</c>, <c>declining</c>, <c>insufficient-data</c> or <c>inactive</c> (see GET /api/v1/kpis); null when suppressed.</summary>
    public string? Trend { get; init; }
    /// <summary>Relative slope of active employees over the sustainability window; null when suppressed or insufficient data.</summary>
    public double? Slope { get; init; }
    /// <summary>
    /// True, for everyone but admins, when the department is hidden in this period: it has fewer than
    /// minGroupSize employees (5), or it is hidden with them so that no total minus the visible
    /// departments reveals them. Every figure but the headcount is then null.
    /// </summary>
    public bool Suppressed { get; init; }
}

public sealed class GetDepartmentKpisValidator : AbstractValidator<GetDepartmentKpis>
{
    public GetDepartmentKpisValidator(KpiToday today) => this.AddRangeRules(today);
}

public sealed class GetDepartmentKpisHandler(DbSession session, CurrentUser user, KpiToday today)
    : IRequestHandler<GetDepartmentKpis, DepartmentKpis>
{
    public Task<DepartmentKpis> Handle(GetDepartmentKpis request, CancellationToken cancellationToken) =>
        DepartmentKpiQuery.ReadAsync(session, user, today, request, cancellationToken);
}

/// <summary>
/// Every department's stored KPIs over a range, the privacy rule applied for the reader: the read
/// behind GET /kpis/departments, and the one the heatmap's compact answer is cut from.
/// </summary>
public static class DepartmentKpiQuery
{
    public static async Task<DepartmentKpis> ReadAsync(DbSession session, CurrentUser user, KpiToday today, IKpiRange range, CancellationToken cancellationToken)
    {
        var (grain, from, to) = KpiRange.Resolve(range, today.Date);
        var connection = await session.ConnectionAsync(cancellationToken);
        var (computedAt, stale, minGroupSize) = await KpiRange.StateAsync(connection, session.Transaction);
        var departments = await DepartmentName.AllAsync(connection, session.Transaction);
        var rows = (await KpiRange.SnapshotsAsync<KpiSnapshotRow>(connection, session.Transaction, KpiSnapshotRow.Select, grain, from, to, departments: true)).ToLookup(r => r.DepartmentCode);
        var smallGroups = await SmallGroupsByPeriod.ReadAsync(connection, session.Transaction, user, grain, from, to, minGroupSize);
        return new DepartmentKpis
        {
            Grain = grain.Name(), ComputedAt = computedAt, Stale = stale,
            Departments = departments.Select(d => new DepartmentKpiSeries
            {
                Code = d.Code, Name = d.Name,
                Periods = rows[d.Code].Select(r => smallGroups(r.Start).IsSuppressed(d.Code)
                    ? new DepartmentPeriod { Period = r.Period, Start = r.Start, End = r.End, Headcount = r.Headcount, Suppressed = true }
                    : new DepartmentPeriod
                    {
                        Period = r.Period, Start = r.Start, End = r.End, Headcount = r.Headcount,
                        ActiveEmployees = r.ActiveEmployees, Depth = r.Depth,
                        Adopting = r.Adopting == 1, UseCasesInUse = r.UseCasesInUse, HoursSaved = r.HoursSaved,
                        TicketsAvoided = r.TicketsAvoided, EmployeesHelped = r.EmployeesHelped, ValueSaved = r.ValueSaved,
                        Trend = r.Trend, Slope = r.Slope,
                    }).ToList(),
            }).ToList(),
        };
    }
}

/// <summary>One CSV line per department and period.</summary>
public sealed record DepartmentPeriodCsv(
    string Code, string Name, string Period, DateOnly Start, DateOnly End, long Headcount, long? ActiveEmployees, double? Depth,
    bool? Adopting, long? UseCasesInUse, double? HoursSaved, long? TicketsAvoided, long? EmployeesHelped, double? ValueSaved,
    string? Trend, double? Slope, bool Suppressed)
{
    public static IEnumerable<DepartmentPeriodCsv> From(DepartmentKpis kpis) =>
        kpis.Departments.SelectMany(d => d.Periods.Select(p => new DepartmentPeriodCsv(
            d.Code, d.Name, p.Period, p.Start, p.End, p.Headcount, p.ActiveEmployees, p.Depth, p.Adopting, p.UseCasesInUse,
            p.HoursSaved, p.TicketsAvoided, p.EmployeesHelped, p.ValueSaved, p.Trend, p.Slope, p.Suppressed)));
}
