using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Audit;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Alerts;

/// <summary>
/// Someone has seen the alert and owns the follow-up. It stays acknowledged (not raised again)
/// while its condition holds and resolves by itself when the condition clears. Acknowledging
/// again is harmless; a resolved alert cannot be acknowledged (409).
/// </summary>
public sealed record AcknowledgeAlert(long Id, string? Note) : ICommand<Alert>
{
    public sealed record Body(string? Note);
}

public sealed class AcknowledgeAlertValidator : AbstractValidator<AcknowledgeAlert>
{
    public AcknowledgeAlertValidator() => RuleFor(c => c.Note).MaximumLength(2000);
}

public sealed class AcknowledgeAlertHandler(DbSession session, CurrentUser user, AuditTrail audit, TimeProvider time)
    : IRequestHandler<AcknowledgeAlert, Alert>
{
    public async Task<Alert> Handle(AcknowledgeAlert request, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var alert = await connection.QuerySingleOrDefaultAsync<Alert>(
                        $"SELECT {AlertConditionsWriter.Columns} FROM alerts WHERE id = @id", new { id = request.Id }, tx)
                    ?? throw new NotFoundException("Alert", request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (alert.Status == "resolved") throw new ConflictException($"Alert {alert.Id} is already resolved.");
        if (alert.Status == "acknowledged") return alert;
        var now = time.GetUtcNow();
        await connection.ExecuteAsync(
            "UPDATE alerts SET status = 'acknowledged', acknowledged_at = @now, acknowledged_by = @by WHERE id = @id",
            new { now, by = user.Name, id = alert.Id }, tx);
        await audit.RecordAsync(connection, tx, "acknowledge", "alert", alert.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { request.Note });
        return alert with { Status = "acknowledged", AcknowledgedAt = now, AcknowledgedBy = user.Name };
    }
}
