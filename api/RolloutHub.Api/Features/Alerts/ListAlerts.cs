using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Data;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Alerts;

/// <summary>Alerts, newest first, filtered by status, rule or severity.</summary>
public sealed record ListAlerts(string? Status, string? Rule, string? Severity, int? Limit, string? Cursor) : IRequest<Page<Alert>>;

public sealed class ListAlertsValidator : AbstractValidator<ListAlerts>
{
    public ListAlertsValidator()
    {
        RuleFor(r => r.Status).Must(s => s is null or "open" or "acknowledged" or "resolved" or "unresolved")
            .WithMessage("status must be open, acknowledged, resolved or unresolved.");
        RuleFor(r => r.Rule).Must(r => r is null || AlertRules.All.Contains(r)).WithMessage($"rule must be one of {string.Join(", ", AlertRules.All)}.");
        RuleFor(r => r.Severity).Must(s => s is null || AlertSeverities.Names.Contains(s)).WithMessage("severity must be info, warning or critical.");
    }
}

public sealed class ListAlertsHandler(DbSession session) : IRequestHandler<ListAlerts, Page<Alert>>
{
    public async Task<Page<Alert>> Handle(ListAlerts request, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(request.Limit);
        var connection = await session.ConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Alert>($"""
            SELECT {AlertConditionsWriter.Columns} FROM alerts
            WHERE (@after IS NULL OR id < @after)
              AND (@status IS NULL OR status = @status OR (@status = 'unresolved' AND status <> 'resolved'))
              AND (@rule IS NULL OR "rule" = @rule)
              AND (@severity IS NULL OR severity = @severity)
            ORDER BY id DESC
            {session.Dialect.Limit("@take")}
            """, new
        {
            after = Paging.AfterId(request.Cursor), status = request.Status, rule = request.Rule, severity = request.Severity, take = limit + 1,
        }, session.Transaction)).ToList();
        return Paging.From(rows, limit, a => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
