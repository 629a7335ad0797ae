using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Audit;
using RolloutHub.Api.Infrastructure;
using RolloutHub.Api.Features.Waves.Readiness;

namespace RolloutHub.Api.Features.Waves;

/// <summary>
/// A person vouches for a readiness item the data can only suggest (the checklist is computed from
/// the data where it can be): the budget is approved, the owners accepted, the material is fit.
/// Confirming again replaces the earlier confirmation.
/// </summary>
public sealed record ConfirmReadinessItem(string WaveCode, string Item, string? Note) : ICommand<WaveReadiness>
{
    public sealed record Body(string? Note);
}

public sealed class ConfirmReadinessItemValidator : AbstractValidator<ConfirmReadinessItem>
{
    public ConfirmReadinessItemValidator()
    {
        RuleFor(c => c.Item).Must(i => ReadinessChecklist.NeedingConfirmation.Contains(i))
            .WithMessage($"Only these items are confirmed by a person: {string.Join(", ", ReadinessChecklist.NeedingConfirmation)}.");
        RuleFor(c => c.Note).MaximumLength(2000);
    }
}

public sealed class ConfirmReadinessItemHandler(DbSession session, CurrentUser user, AuditTrail audit, WaveReadinessQuery readiness, TimeProvider time)
    : IRequestHandler<ConfirmReadinessItem, WaveReadiness>
{
    public async Task<WaveReadiness> Handle(ConfirmReadinessItem request, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM waves WHERE code = @waveCode", new { waveCode = request.WaveCode }, tx) == 0)
            throw new NotFoundException("Wave", request.WaveCode);
        await connection.ExecuteAsync(session.Dialect.InsertRow("wave_readiness_confirmations", OnConflict.Update, ["wave_code", "item"],
            ("wave_code", "@waveCode"), ("item", "@item"), ("confirmed_by", "@by"), ("confirmed_at", "@at"), ("note", "@note")), new { waveCode = request.WaveCode, item = request.Item, by = user.Name, at = time.GetUtcNow(), note = request.Note }, tx);
        await audit.RecordAsync(connection, tx, "confirm", "wave-readiness", $"{request.WaveCode}/{request.Item}", new { request.Note });
        return await readiness.GetAsync(request.WaveCode, null, cancellationToken);
    }
}
