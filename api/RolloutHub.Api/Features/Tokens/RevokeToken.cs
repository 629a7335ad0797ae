using Dapper;
using MediatR;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Audit;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Tokens;

public sealed record RevokeToken(string Id) : ICommand<Unit>;

public sealed class RevokeTokenHandler(DbSession session, AuditTrail audit) : IRequestHandler<RevokeToken, Unit>
{
    public async Task<Unit> Handle(RevokeToken request, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var revoked = await connection.ExecuteAsync(
            "UPDATE api_tokens SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL",
            new { id = request.Id, now = DateTimeOffset.UtcNow }, session.Transaction);
        if (revoked == 0) throw new NotFoundException("Active token", request.Id);
        await audit.RecordAsync(connection, session.Transaction, "revoke", "token", request.Id, null);
        return Unit.Value;
    }
}
