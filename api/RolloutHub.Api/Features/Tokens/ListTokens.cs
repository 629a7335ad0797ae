using Dapper;
using MediatR;
using RolloutHub.Api.Data;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Tokens;

public sealed record ListTokens(int? Limit, string? Cursor) : IRequest<Page<TokenSummary>>;

public sealed record TokenSummary(
    string Id, string Name, string Role, IReadOnlyList<string> DepartmentCodes,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);

public sealed class ListTokensHandler(DbSession session) : IRequestHandler<ListTokens, Page<TokenSummary>>
{
    private sealed record Row
    {
        public required string Id { get; init; }
        public required string Name { get; init; }
        public required string Role { get; init; }
        public required string DepartmentCodes { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? ExpiresAt { get; init; }
        public DateTimeOffset? RevokedAt { get; init; }
    }

    public async Task<Page<TokenSummary>> Handle(ListTokens request, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(request.Limit);
        var connection = await session.ConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>($"""
            SELECT id, name, role, department_codes AS departmentCodes, created_at AS createdAt,
                   expires_at AS expiresAt, revoked_at AS revokedAt
            FROM api_tokens
            WHERE @after IS NULL OR id > @after
            ORDER BY id
            {session.Dialect.Limit("@take")}
            """, new { after = Paging.After(request.Cursor), take = limit + 1 });
        var tokens = rows.Select(r => new TokenSummary(r.Id, r.Name, r.Role,
            r.DepartmentCodes.Split('|', StringSplitOptions.RemoveEmptyEntries), r.CreatedAt, r.ExpiresAt, r.RevokedAt)).ToList();
        return Paging.From(tokens, limit, t => t.Id);
    }
}
