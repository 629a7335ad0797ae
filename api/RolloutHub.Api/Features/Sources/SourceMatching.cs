using System.Data.Common;
using Dapper;
using RolloutHub.Api.Data;

namespace RolloutHub.Api.Features.Sources;

/// <summary>
/// Who each user identifier of a source file is. An identifier matches, without case and
/// surrounding spaces, an identity of its system, and for system <c>email</c> also an
/// employee's e-mail address; an identity says it explicitly, so it wins over an e-mail address
/// that names someone else. Everything here runs in SQL on the staged tables: the roster and the
/// identities are never loaded into memory, and each side is compared trimmed and lowercased
/// whatever was stored.
/// </summary>
internal static class SourceMatching
{
    /// <summary>Fills <see cref="SourceTables.Matches"/>; returns the numbers of the matched users.</summary>
    public static async Task<HashSet<int>> MatchAsync(DbConnection connection, SourceTables tables, CancellationToken cancellationToken)
    {
        // The staged identifiers are indexed, so each identity (or employee) is probed once; the
        // temporary table has no statistics, so CROSS JOIN keeps that order on SQLite.
        await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO {tables.Matches} (user_no, employee_key)
            SELECT u.user_no, MIN(i.employee_key)
            FROM identities i
            CROSS JOIN {tables.Users} u
            WHERE u.system = LOWER(TRIM(i.system)) AND u.external_id = LOWER(TRIM(i.external_id))
            GROUP BY u.user_no
            """, cancellationToken: cancellationToken, commandTimeout: 0));
        await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO {tables.Matches} (user_no, employee_key)
            SELECT u.user_no, MIN(e.employee_key)
            FROM employees e
            CROSS JOIN {tables.Users} u
            WHERE e.email IS NOT NULL AND u.system = @email AND u.external_id = LOWER(TRIM(e.email))
              AND NOT EXISTS (SELECT 1 FROM {tables.Matches} m WHERE m.user_no = u.user_no)
            GROUP BY u.user_no
            """, new { email = Parsers.SourceParsers.Email }, cancellationToken: cancellationToken, commandTimeout: 0));
        return (await connection.QueryAsync<int>(new CommandDefinition(
            $"SELECT user_no FROM {tables.Matches}", cancellationToken: cancellationToken))).ToHashSet();
    }

    /// <summary>
    /// For a champion: the first identifier of the file (ordinal order) whose employee is in a
    /// department they do not champion, or null.
    /// </summary>
    public static async Task<string?> FirstOutsideAsync(DbConnection connection, SourceTables tables, SqlDialect dialect, IReadOnlyList<string> departmentCodes)
    {
        var outside = await connection.QueryAsync<string>($"""
            SELECT u.external_id
            FROM {tables.Matches} m
            JOIN employees e ON e.employee_key = m.employee_key
            JOIN {tables.Users} u ON u.user_no = m.user_no
            WHERE {dialect.NotIn("e.department_code", "@departmentCodes")}
            """, new { departmentCodes = departmentCodes.ToArray() });
        return outside.Order(StringComparer.Ordinal).FirstOrDefault();
    }
}
