using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Privacy;
using RolloutHub.Api.Features.Kpis.Engine;

namespace RolloutHub.Api.Features.Kpis;

/// <summary><c>GET /api/v1/kpis/adoption</c>: adoption quality of the organisation per period.</summary>
public sealed record GetAdoption(string? Grain, string? From, string? To) : IRequest<OrganisationAdoption>, IKpiRange;

public sealed record OrganisationAdoption
{
    /// <summary><c>week</c> or <c>month</c>.</summary>
    public required string Grain { get; init; }
    /// <summary>When the snapshots were computed; null before the first run.</summary>
    public DateTimeOffset? ComputedAt { get; init; }
    /// <summary>True when data changed after the snapshots were computed.</summary>
    public bool Stale { get; init; }
    /// <summary>The periods whose start lies in [from, to], oldest first.</summary>
    public required IReadOnlyList<AdoptionPeriod> Periods { get; init; }
}

/// <summary>
/// Adoption quality in one period, over the employees in the period's headcount (employed at
/// some time in it). "Active in a period" means having a usage event dated in it.
/// </summary>
public record AdoptionPeriod
{
    /// <summary><c>2026-W03</c> or <c>2026-01</c>.</summary>
    public string Period { get; init; } = "";
    public DateOnly Start { get; init; }
    public DateOnly End { get; init; }
    /// <summary>Employees employed at some time in the period.</summary>
    public long Headcount { get; init; }
    /// <summary>
    /// True, for everyone but admins, when the privacy rule hides this period: a department with fewer
    /// than minGroupSize employees (or hidden with them so that no subtraction reveals them), or an
    /// organisation total whose hidden departments hold fewer than minGroupSize people together.
    /// Every figure but the headcount is then null.
    /// </summary>
    public bool Suppressed { get; init; }
    /// <summary>Usage bands over the 12 ISO weeks ending at the period; weeks only (null for months).</summary>
    public UsageBands? Bands { get; init; }
    /// <summary>Habitual employees ÷ headcount (weeks only; null for months or an empty headcount).</summary>
    public double? HabitRate { get; init; }
    /// <summary>How each employee moved from the previous period to this one.</summary>
    public CohortTransitions? Transitions { get; init; }
    /// <summary>Whether employees started using AI soon after they could.</summary>
    public Activation? Activation { get; init; }
    /// <summary>Licence seats and their use.</summary>
    public Seats? Seats { get; init; }
}

/// <summary>a = the number of the 12 ISO weeks ending at the period in which the employee has a usage event.</summary>
public sealed record UsageBands
{
    /// <summary>a ≥ 9: relies on it.</summary>
    public long Habitual { get; init; }
    /// <summary>5 ≤ a ≤ 8.</summary>
    public long Regular { get; init; }
    /// <summary>1 ≤ a ≤ 4: tried it.</summary>
    public long Occasional { get; init; }
    /// <summary>a = 0.</summary>
    public long NonUser { get; init; }
}

/// <summary>From the previous period to this one; the five add up to the headcount.</summary>
public sealed record CohortTransitions
{
    /// <summary>Active in both.</summary>
    public long Retained { get; init; }
    /// <summary>Active in this period and never before it.</summary>
    public long New { get; init; }
    /// <summary>Active in this period, not in the previous one, but some time before that.</summary>
    public long Reactivated { get; init; }
    /// <summary>Active in the previous period, not in this one.</summary>
    public long Lapsed { get; init; }
    /// <summary>Active in neither.</summary>
    public long Dormant { get; init; }
}

/// <summary>
/// d = the later of the employee's joined_on and the earliest planned start of a wave that includes
/// their department (employees with neither are left out). Eligible employees are those whose d lies
/// at least activationWindowDays (setting, 30) before the period's end.
/// </summary>
public sealed record Activation
{
    /// <summary>Employees in the headcount whose d is at least activationWindowDays before the period's end.</summary>
    public long Eligible { get; init; }
    /// <summary>Of those, the ones whose first usage event on or after d came at most activationWindowDays after d.</summary>
    public long Activated { get; init; }
    /// <summary>activated ÷ eligible; null when nobody is eligible.</summary>
    public double? Rate { get; init; }
    /// <summary>Median days from d to the first use, among the eligible who had used it by the period's end (mean of the two middle values for an even count); null when none.</summary>
    public double? MedianDays { get; init; }
}

public sealed record Seats
{
    /// <summary>Seat holders in the headcount.</summary>
    public long Held { get; init; }
    /// <summary>Seat holders with no usage event in the 28 days ending at the period's end (that day included).</summary>
    public long Idle { get; init; }
    /// <summary>Active employees (in the headcount, with a usage event in the period) who hold no seat.</summary>
    public long UnseatedActive { get; init; }
}

public sealed class GetAdoptionValidator : AbstractValidator<GetAdoption>
{
    public GetAdoptionValidator(KpiToday today) => this.AddRangeRules(today);
}

public sealed class GetAdoptionHandler(DbSession session, CurrentUser user, KpiToday today) : IRequestHandler<GetAdoption, OrganisationAdoption>
{
    public async Task<OrganisationAdoption> Handle(GetAdoption request, CancellationToken cancellationToken)
    {
        var (grain, from, to) = KpiRange.Resolve(request, today.Date);
        var connection = await session.ConnectionAsync(cancellationToken);
        var (computedAt, stale, minGroupSize) = await KpiRange.StateAsync(connection, session.Transaction);
        var rows = await KpiRange.SnapshotsAsync<AdoptionSnapshotRow>(connection, session.Transaction, AdoptionSnapshotRow.Select, grain, from, to, departments: false);
        var smallGroups = await SmallGroupsByPeriod.ReadAsync(connection, session.Transaction, user, grain, from, to, minGroupSize);
        return new OrganisationAdoption
        {
            Grain = grain.Name(), ComputedAt = computedAt, Stale = stale,
            // The organisation's totals include every department, hidden ones too.
            Periods = rows.Select(r => r.ToPeriod<AdoptionPeriod>(smallGroups(r.Start).IsOrganisationSuppressed)).ToList(),
        };
    }
}

/// <summary>One CSV line per period (and department) of the adoption endpoints.</summary>
public sealed record AdoptionCsv(
    string? Code, string? Name, string Period, DateOnly Start, DateOnly End, long Headcount,
    long? Habitual, long? Regular, long? Occasional, long? NonUser, double? HabitRate,
    long? Retained, long? New, long? Reactivated, long? Lapsed, long? Dormant,
    long? Eligible, long? Activated, double? ActivationRate, double? MedianDays,
    long? SeatsHeld, long? SeatsIdle, long? UnseatedActive, bool Suppressed)
{
    public static AdoptionCsv From(string? code, string? name, AdoptionPeriod p) => new(
        code, name, p.Period, p.Start, p.End, p.Headcount,
        p.Bands?.Habitual, p.Bands?.Regular, p.Bands?.Occasional, p.Bands?.NonUser, p.HabitRate,
        p.Transitions?.Retained, p.Transitions?.New, p.Transitions?.Reactivated, p.Transitions?.Lapsed, p.Transitions?.Dormant,
        p.Activation?.Eligible, p.Activation?.Activated, p.Activation?.Rate, p.Activation?.MedianDays,
        p.Seats?.Held, p.Seats?.Idle, p.Seats?.UnseatedActive, p.Suppressed);
}
