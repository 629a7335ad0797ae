using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Audit;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Waves;

/// <summary>An executive's go / adjust / hold / stop decision at a wave gate.</summary>
public sealed record RecordGateReview(string WaveCode, DateOnly DecidedOn, string Decision, string Rationale) : ICommand<GateReview>
{
    public sealed record Body(DateOnly DecidedOn, string Decision, string Rationale);
}

public sealed class RecordGateReviewValidator : AbstractValidator<RecordGateReview>
{
    public RecordGateReviewValidator()
    {
        RuleFor(c => c.Decision).Must(d => GateDecisions.Parse(d) is not null).WithMessage("decision must be go, adjust, hold or stop.");
        RuleFor(c => c.Rationale).NotEmpty().MaximumLength(4000);
        RuleFor(c => c.DecidedOn).Must(d => d.Year is >= 2000 and <= 2200).WithMessage("decidedOn is not a plausible date.");
    }
}

public sealed class RecordGateReviewHandler(DbSession session, CurrentUser user, AuditTrail audit) : IRequestHandler<RecordGateReview, GateReview>
{
    public async Task<GateReview> Handle(RecordGateReview r, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM waves WHERE code = @WaveCode", r, tx) == 0)
            throw new NotFoundException("Wave", r.WaveCode);
        var id = await connection.ExecuteScalarAsync<long>($"""
            INSERT INTO gate_reviews (wave_code, decided_on, decision, rationale, decided_by)
            VALUES (@WaveCode, @DecidedOn, @Decision, @Rationale, @by) {session.Dialect.ReturningId("id")}
            """, new { r.WaveCode, r.DecidedOn, r.Decision, r.Rationale, by = user.Name }, tx);
        await audit.RecordAsync(connection, tx, "decide", "gate-review", id.ToString(), r);
        return new GateReview { Id = id, WaveCode = r.WaveCode, DecidedOn = r.DecidedOn, Decision = GateDecisions.Parse(r.Decision)!.Value, Rationale = r.Rationale, DecidedBy = user.Name };
    }
}
