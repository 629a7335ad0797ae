using Dapper;
using RolloutHub.Api.Data;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Departments;

/// <summary>
/// "Does this department exist", asked once: a department code that names no department is a 404
/// problem ("Department 'X' does not exist."), whether it came in the path, the query or a body.
/// </summary>
public static class KnownDepartments
{
    /// <summary>A 404 when <paramref name="code"/> is not a department.</summary>
    public static async Task EnsureExistsAsync(DbSession session, string code, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM departments WHERE code = @code", new { code }, session.Transaction) == 0)
            throw new NotFoundException("Department", code);
    }

    /// <summary>A 400 on <paramref name="field"/> naming every code of a list that is not a department (a list is a field to correct, not one resource).</summary>
    public static async Task EnsureExistAsync(DbSession session, IReadOnlyCollection<string> codes, string field, CancellationToken cancellationToken)
    {
        if (codes.Count == 0) return;
        var connection = await session.ConnectionAsync(cancellationToken);
        var known = (await connection.QueryAsync<string>($"SELECT code FROM departments WHERE {session.Dialect.In("code", "@codes")}",
            new { codes = codes.ToArray() }, session.Transaction)).ToHashSet();
        var unknown = codes.Where(c => !known.Contains(c)).ToArray();
        if (unknown.Length > 0)
            throw RequestValidationException.For(field, $"Unknown department(s): {string.Join(", ", unknown)}.");
    }
}
