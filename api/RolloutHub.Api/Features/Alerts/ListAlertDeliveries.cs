using Dapper;
using MediatR;
using RolloutHub.Api.Data;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Alerts;

/// <summary>A webhook notification of the outbox and how its delivery went.</summary>
public sealed record AlertDelivery
{
    public long Id { get; init; }
    public long AlertId { get; init; }
    /// <summary><c>raised</c> or <c>resolved</c>.</summary>
    public required string Event { get; init; }
    /// <summary><c>pending</c>, <c>delivered</c> or <c>failed</c> (given up after Alerts:MaxAttempts).</summary>
    public required string Status { get; init; }
    public long Attempts { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>When the next attempt is due (pending only).</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
    public DateTimeOffset? FailedAt { get; init; }
    public string? LastError { get; init; }
}

public sealed record ListAlertDeliveries(int? Limit, string? Cursor) : IRequest<Page<AlertDelivery>>;

public sealed class ListAlertDeliveriesHandler(DbSession session) : IRequestHandler<ListAlertDeliveries, Page<AlertDelivery>>
{
    public async Task<Page<AlertDelivery>> Handle(ListAlertDeliveries request, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(request.Limit);
        var connection = await session.ConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<AlertDelivery>($"""
            SELECT id, alert_id, event,
                   CASE WHEN delivered_at IS NOT NULL THEN 'delivered' WHEN failed_at IS NOT NULL THEN 'failed' ELSE 'pending' END AS status,
                   attempts, created_at,
                   CASE WHEN delivered_at IS NULL AND failed_at IS NULL THEN next_attempt_at END AS next_attempt_at,
                   delivered_at, failed_at, last_error
            FROM alert_notifications
            WHERE @after IS NULL OR id < @after
            ORDER BY id DESC
            {session.Dialect.Limit("@take")}
            """, new { after = Paging.AfterId(request.Cursor), take = limit + 1 }, session.Transaction)).ToList();
        return Paging.From(rows, limit, d => d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
