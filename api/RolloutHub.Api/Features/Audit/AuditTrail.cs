using System.Data.Common;
using System.Text.Json;
using Dapper;
using RolloutHub.Api.Auth;

namespace RolloutHub.Api.Features.Audit;

/// <summary>
/// Appends to the audit log (who, role, when, what, which entity, the change), in
/// the transaction of the write it records, so that the two land or vanish together.
/// </summary>
public sealed class AuditTrail(CurrentUser user)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task RecordAsync(DbConnection connection, DbTransaction? transaction, string action, string entity, string? key, object? changes) =>
        connection.ExecuteAsync("""
            INSERT INTO audit_log (occurred_at, actor, role, action, entity, entity_key, changes)
            VALUES (@occurredAt, @actor, @role, @action, @entity, @key, @changes)
            """,
            new
            {
                occurredAt = DateTimeOffset.UtcNow, actor = user.Name, role = user.Role, action, entity, key,
                changes = changes is null ? null : JsonSerializer.Serialize(changes, Json),
            }, transaction);
}
