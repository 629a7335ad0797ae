using Dapper;
using MediatR;
using RolloutHub.Api.Data;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Waves;

public sealed record GateReview
{
    public long Id { get; init; }
    public required string WaveCode { get; init; }
    public DateOnly DecidedOn { get; init; }
    public required GateDecision Decision { get; init; }
    public required string Rationale { get; init; }
    public required string DecidedBy { get; init; }
}

/// <summary>A rollout wave: departments, plan, status, targets and owners.</summary>
public sealed record Wave
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public int Sequence { get; init; }
    public IReadOnlyList<string> DepartmentCodes { get; init; } = [];
    public DateOnly PlannedStart { get; init; }
    public DateOnly PlannedEnd { get; init; }
    public required WaveStatus Status { get; init; }
    /// <summary>Depth to reach by the planned end (share of employees active, 0–1).</summary>
    public double? TargetDepth { get; init; }
    /// <summary>Share of the wave's departments adopting by the planned end (0–1).</summary>
    public double? TargetBreadth { get; init; }
    public string? ExecutiveSponsor { get; init; }
    public string? TechnicalOwner { get; init; }
    public string? AdoptionOwner { get; init; }
    public string? ContentOwner { get; init; }
    public string? GovernanceOwner { get; init; }
    public GateReview? LastGateReview { get; init; }
    public IReadOnlyList<GateReview> GateReviews { get; init; } = [];
}

public sealed record ListWaves : IRequest<IReadOnlyList<Wave>>;

public sealed record GetWave(string Code) : IRequest<Wave>;

public sealed class ListWavesHandler(WaveQueries waves) : IRequestHandler<ListWaves, IReadOnlyList<Wave>>
{
    public Task<IReadOnlyList<Wave>> Handle(ListWaves request, CancellationToken cancellationToken) => waves.ListAsync(cancellationToken);
}

public sealed class GetWaveHandler(WaveQueries waves) : IRequestHandler<GetWave, Wave>
{
    public Task<Wave> Handle(GetWave request, CancellationToken cancellationToken) => waves.GetAsync(request.Code, cancellationToken);
}

/// <summary>Reads waves with their departments and gate reviews; injected wherever a wave is needed.</summary>
public sealed class WaveQueries(DbSession session)
{
    public async Task<IReadOnlyList<Wave>> ListAsync(CancellationToken cancellationToken) =>
        await LoadAsync(null, cancellationToken);

    /// <summary>The wave, or a 404 problem when there is none with this code.</summary>
    public async Task<Wave> GetAsync(string code, CancellationToken cancellationToken) =>
        (await LoadAsync(code, cancellationToken)).SingleOrDefault() ?? throw new NotFoundException("Wave", code);

    private async Task<IReadOnlyList<Wave>> LoadAsync(string? code, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var waves = await connection.QueryAsync<Wave>("""
            SELECT code, name, kind, sequence, planned_start, planned_end, status, target_depth, target_breadth,
                   executive_sponsor, technical_owner, adoption_owner, content_owner, governance_owner
            FROM waves WHERE @code IS NULL OR code = @code ORDER BY sequence, code
            """, new { code }, tx);
        var departments = (await connection.QueryAsync<(string WaveCode, string DepartmentCode)>(
                "SELECT wave_code, department_code FROM wave_departments WHERE @code IS NULL OR wave_code = @code ORDER BY department_code",
                new { code }, tx))
            .ToLookup(d => d.WaveCode, d => d.DepartmentCode);
        var reviews = (await connection.QueryAsync<GateReview>("""
                SELECT id, wave_code, decided_on, decision, rationale, decided_by FROM gate_reviews
                WHERE @code IS NULL OR wave_code = @code ORDER BY decided_on DESC, id DESC
                """, new { code }, tx))
            .ToLookup(r => r.WaveCode);
        return waves.Select(w => w with
        {
            DepartmentCodes = departments[w.Code].ToList(),
            GateReviews = reviews[w.Code].ToList(),
            LastGateReview = reviews[w.Code].FirstOrDefault(),
        }).ToList();
    }
}
