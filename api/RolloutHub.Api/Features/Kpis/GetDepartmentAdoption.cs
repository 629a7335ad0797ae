using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Kpis.Engine;
using RolloutHub.Api.Features.Privacy;

namespace RolloutHub.Api.Features.Kpis;

/// <summary><c>GET /api/v1/kpis/adoption/departments</c>: adoption quality of every department.</summary>
public sealed record GetDepartmentAdoption(string? Grain, string? From, string? To) : IRequest<DepartmentAdoption>, IKpiRange;

public sealed record DepartmentAdoption
{
    /// <summary><c>week</c> or <c>month</c>.</summary>
    public required string Grain { get; init; }
    /// <summary>When the snapshots were computed; null before the first run.</summary>
    public DateTimeOffset? ComputedAt { get; init; }
    /// <summary>True when data changed after the snapshots were computed.</summary>
    public bool Stale { get; init; }
    /// <summary>Every department, by code, those without employees included.</summary>
    public required IReadOnlyList<DepartmentAdoptionSeries> Departments { get; init; }
}

public sealed record DepartmentAdoptionSeries
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<DepartmentAdoptionPeriod> Periods { get; init; }
}

/// <summary>The organisation's adoption fields for one department and period.</summary>
public sealed record DepartmentAdoptionPeriod : AdoptionPeriod;

public sealed class GetDepartmentAdoptionValidator : AbstractValidator<GetDepartmentAdoption>
{
    public GetDepartmentAdoptionValidator(KpiToday today) => this.AddRangeRules(today);
}

public sealed class GetDepartmentAdoptionHandler(DbSession session, CurrentUser user, KpiToday today)
    : IRequestHandler<GetDepartmentAdoption, DepartmentAdoption>
{
    public async Task<DepartmentAdoption> Handle(GetDepartmentAdoption request, CancellationToken cancellationToken)
    {
        var (grain, from, to) = KpiRange.Resolve(request, today.Date);
        var connection = await session.ConnectionAsync(cancellationToken);
        var (computedAt, stale, minGroupSize) = await KpiRange.StateAsync(connection, session.Transaction);
        var departments = await DepartmentName.AllAsync(connection, session.Transaction);
        var rows = (await KpiRange.SnapshotsAsync<AdoptionSnapshotRow>(connection, session.Transaction, AdoptionSnapshotRow.Select, grain, from, to, departments: true)).ToLookup(r => r.DepartmentCode);
        var smallGroups = await SmallGroupsByPeriod.ReadAsync(connection, session.Transaction, user, grain, from, to, minGroupSize);
        return new DepartmentAdoption
        {
            Grain = grain.Name(), ComputedAt = computedAt, Stale = stale,
            Departments = departments.Select(d => new DepartmentAdoptionSeries
            {
                Code = d.Code, Name = d.Name,
                Periods = rows[d.Code].Select(r => r.ToPeriod<DepartmentAdoptionPeriod>(smallGroups(r.Start).IsSuppressed(d.Code))).ToList(),
            }).ToList(),
        };
    }
}
