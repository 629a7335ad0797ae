using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Privacy;
using RolloutHub.Api.Features.Kpis.Engine;

namespace RolloutHub.Api.Features.Kpis;

/// <summary><c>GET /api/v1/kpis</c>: the organisation's five KPIs per period.</summary>
public sealed record GetKpis(string? Grain, string? From, string? To) : IRequest<OrganisationKpis>, IKpiRange;

/// <summary>The organisation's KPIs, read from the snapshots of the last KPI run.</summary>
public sealed record OrganisationKpis
{
    /// <summary><c>week</c> (ISO weeks, Monday–Sunday, labelled YYYY-Www) or <c>month</c> (YYYY-MM).</summary>
    public required string Grain { get; init; }
    /// <summary>When the snapshots were computed (the instant the data they reflect was read); null before the first run.</summary>
    public DateTimeOffset? ComputedAt { get; init; }
    /// <summary>True when data changed after the snapshots were computed; a run is then already scheduled.</summary>
    public bool Stale { get; init; }
    /// <summary>The periods whose start date lies in [from, to], oldest first. Periods exist from the one of the earliest data to the one containing today.</summary>
    public required IReadOnlyList<OrganisationPeriod> Periods { get; init; }
}

public sealed record OrganisationPeriod
{
    /// <summary>The period's label: <c>2026-W03</c> or <c>2026-01</c>.</summary>
    public required string Period { get; init; }
    /// <summary>First day of the period.</summary>
    public DateOnly Start { get; init; }
    /// <summary>Last day of the period (included).</summary>
    public DateOnly End { get; init; }
    public required Breadth Breadth { get; init; }
    public required Depth Depth { get; init; }
    public required Diversity Diversity { get; init; }
    public required Impact Impact { get; init; }
    public required Sustainability Sustainability { get; init; }
    /// <summary>
    /// True (for everyone but admins) when the departments hidden for privacy hold fewer than
    /// minGroupSize people together: the organisation's total would then reveal them, so every figure
    /// but the headcount and the breadth counts is null.
    /// </summary>
    public bool Suppressed { get; init; }
}

/// <summary>How many departments use AI.</summary>
public sealed record Breadth
{
    /// <summary>Departments with employees whose depth reaches the adopting threshold (setting adoptingDepthThreshold, 0.10 by default).</summary>
    public long AdoptingDepartments { get; init; }
    /// <summary>Departments with at least one employee in the period.</summary>
    public long Departments { get; init; }
    /// <summary>adoptingDepartments ÷ departments; null when no department has employees.</summary>
    public double? Ratio { get; init; }
}

/// <summary>What share of the employees is active.</summary>
public sealed record Depth
{
    /// <summary>Employees counted in the headcount with at least one usage event dated in the period; null when suppressed.</summary>
    public long? ActiveEmployees { get; init; }
    /// <summary>Employees employed at some time in the period (joined on or before its end, not left on or before its start).</summary>
    public long Headcount { get; init; }
    /// <summary>activeEmployees ÷ headcount, unrounded; null when the headcount is 0 or when suppressed.</summary>
    public double? Ratio { get; init; }
}

/// <summary>How many distinct use cases are in use.</summary>
public sealed record Diversity
{
    /// <summary>Distinct use cases among the usage events dated in the period; null when suppressed.</summary>
    public long? UseCasesInUse { get; init; }
}

/// <summary>What AI produced in the period.</summary>
public sealed record Impact
{
    /// <summary>Σ over the period's usage events of minutes_saved when given, else uses × the use case's minutes saved per use, ÷ 60; null when suppressed.</summary>
    public double? HoursSaved { get; init; }
    /// <summary>Sum of tickets avoided over the outcome reports dated in the period.</summary>
    public long? TicketsAvoided { get; init; }
    /// <summary>Sum of employees helped over the outcome reports dated in the period.</summary>
    public long? EmployeesHelped { get; init; }
    /// <summary>hoursSaved × the hourly cost setting, in the settings' currency.</summary>
    public double? ValueSaved { get; init; }
}

/// <summary>Is usage growing, stable or declining.</summary>
public sealed record Sustainability
{
    /// <summary>
    /// Over the last 8 weeks or 6 months ending at the period (settings), less the periods before the one of
    /// the scope's first usage event: <c>insufficient-data</c> when fewer than 4 remain, <c>inactive</c> when
    /// nobody was active in them, else <c>growing</c> (slope ≥ threshold), <c>declining</c> (slope ≤ −threshold) or <c>stable</c>;
    /// null when suppressed.
    /// </summary>
    public string? Trend { get; init; }
    /// <summary>Least-squares slope of active employees per period, divided by their mean (relative change per period); 0 when inactive, null when insufficient data.</summary>
    public double? Slope { get; init; }
}

public sealed class GetKpisValidator : AbstractValidator<GetKpis>
{
    public GetKpisValidator(KpiToday today) => this.AddRangeRules(today);
}

public sealed class GetKpisHandler(DbSession session, CurrentUser user, KpiToday today) : IRequestHandler<GetKpis, OrganisationKpis>
{
    public async Task<OrganisationKpis> Handle(GetKpis request, CancellationToken cancellationToken)
    {
        var (grain, from, to) = KpiRange.Resolve(request, today.Date);
        var connection = await session.ConnectionAsync(cancellationToken);
        var (computedAt, stale, minGroupSize) = await KpiRange.StateAsync(connection, session.Transaction);
        var rows = await KpiRange.SnapshotsAsync<KpiSnapshotRow>(connection, session.Transaction, KpiSnapshotRow.Select, grain, from, to, departments: false);
        var smallGroups = await SmallGroupsByPeriod.ReadAsync(connection, session.Transaction, user, grain, from, to, minGroupSize);
        return new OrganisationKpis
        {
            Grain = grain.Name(), ComputedAt = computedAt, Stale = stale,
            Periods = rows.Select(r =>
            {
                var breadth = new Breadth { AdoptingDepartments = r.AdoptingDepartments ?? 0, Departments = r.Departments ?? 0, Ratio = r.BreadthRatio };
                if (smallGroups(r.Start).IsOrganisationSuppressed)
                    return new OrganisationPeriod
                    {
                        Period = r.Period, Start = r.Start, End = r.End, Breadth = breadth, Suppressed = true,
                        Depth = new Depth { Headcount = r.Headcount }, Diversity = new Diversity(), Impact = new Impact(), Sustainability = new Sustainability(),
                    };
                return new OrganisationPeriod
                {
                    Period = r.Period, Start = r.Start, End = r.End, Breadth = breadth,
                    Depth = new Depth { ActiveEmployees = r.ActiveEmployees, Headcount = r.Headcount, Ratio = r.Depth },
                    Diversity = new Diversity { UseCasesInUse = r.UseCasesInUse },
                    Impact = new Impact { HoursSaved = r.HoursSaved, TicketsAvoided = r.TicketsAvoided, EmployeesHelped = r.EmployeesHelped, ValueSaved = r.ValueSaved },
                    Sustainability = new Sustainability { Trend = r.Trend, Slope = r.Slope },
                };
            }).ToList(),
        };
    }
}

/// <summary>One CSV line per period of <c>GET /api/v1/kpis</c> with <c>Accept: text/csv</c>.</summary>
public sealed record OrganisationPeriodCsv(
    string Period, DateOnly Start, DateOnly End, long AdoptingDepartments, long Departments, double? BreadthRatio,
    long? ActiveEmployees, long Headcount, double? Depth, long? UseCasesInUse, double? HoursSaved, long? TicketsAvoided,
    long? EmployeesHelped, double? ValueSaved, string? Trend, double? Slope, bool Suppressed)
{
    public static OrganisationPeriodCsv From(OrganisationPeriod p) => new(
        p.Period, p.Start, p.End, p.Breadth.AdoptingDepartments, p.Breadth.Departments, p.Breadth.Ratio,
        p.Depth.ActiveEmployees, p.Depth.Headcount, p.Depth.Ratio, p.Diversity.UseCasesInUse, p.Impact.HoursSaved,
        p.Impact.TicketsAvoided, p.Impact.EmployeesHelped, p.Impact.ValueSaved, p.Sustainability.Trend, p.Sustainability.Slope, p.Suppressed);
}
