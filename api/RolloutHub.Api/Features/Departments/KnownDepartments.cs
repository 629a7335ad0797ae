using Dapper;
using RolloutHub.Api.Data;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Departments;

public static class KnownDepartments
{
    /// <summary>A 400 on <c>departmentCode</c> when <paramref name="code"/> is not a department.</summary>
    public static async Task EnsureExistsAsync(DbSession session, string code, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM departments WHERE code = @code", new { code }, session.Transaction) == 0)
            throw RequestValidationException.For("departmentCode", $"Unknown department '{code}'.");
    }

    /// <summary>A 400 on <paramref name="field"/> naming every code that is not a department.</summary>
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
