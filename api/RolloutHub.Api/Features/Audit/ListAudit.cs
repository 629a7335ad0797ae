using Dapper;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Audit;

/// <summary>One write, as the audit log keeps it (who, role, when, what, which entity, the change).</summary>
public sealed record AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public required string Actor { get; init; }
    public required string Role { get; init; }
    public required string Action { get; init; }
    public required string Entity { get; init; }
    public string? EntityKey { get; init; }
    /// <summary>The change as JSON: the values written, or for imports the kind, counts and the file's SHA-256.</summary>
    public string? Changes { get; init; }
}

public sealed record ListAudit(string? Entity, string? Actor, string? Action, DateOnly? From, DateOnly? To, int? Limit, string? Cursor)
    : IRequest<Page<AuditEntry>>;

public sealed class ListAuditHandler(DbSession session) : IRequestHandler<ListAudit, Page<AuditEntry>>
{
    public async Task<Page<AuditEntry>> Handle(ListAudit request, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(request.Limit);
        var after = Paging.AfterId(request.Cursor);
        var connection = await session.ConnectionAsync(cancellationToken);
        // Newest first; `to` is inclusive, so compare with the start of the next day.
        var rows = (await connection.QueryAsync<AuditEntry>($"""
            SELECT id, occurred_at, actor, role, action, entity, entity_key, changes FROM audit_log
            WHERE (@after IS NULL OR id < @after)
              AND (@entity IS NULL OR entity = @entity)
              AND (@actor IS NULL OR actor = @actor)
              AND (@action IS NULL OR action = @action)
              AND (@from IS NULL OR occurred_at >= @from)
              AND (@to IS NULL OR occurred_at < @to)
            ORDER BY id DESC
            {session.Dialect.Limit("@take")}
            """, new
        {
            after, entity = request.Entity, actor = request.Actor, action = request.Action,
            from = request.From?.ToString("yyyy-MM-dd"), to = request.To?.AddDays(1).ToString("yyyy-MM-dd"), take = limit + 1,
        }, session.Transaction)).ToList();
        return Paging.From(rows, limit, e => e.Id.ToString());
    }
}

public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", async (string? entity, string? actor, string? action, DateOnly? from, DateOnly? to, int? limit, string? cursor,
                    HttpRequest request, IMediator mediator) =>
                CsvOutput.Negotiate(request, await mediator.Send(new ListAudit(entity, actor, action, from, to, limit, cursor)), "audit"))
            .WithTags("Audit")
            .RequireAuthorization(Policies.AdminOnly)
            .Produces<Page<AuditEntry>>()
            .WithSummary("The audit log, newest first: every write with who, role, when, action, entity, key and change")
            .WithDescription("Append-only: nothing in the API updates or deletes it. Filter by entity (e.g. import kinds such as `usage-events`, `token`, `wave`), actor, action and dates.");
        return api;
    }
}
