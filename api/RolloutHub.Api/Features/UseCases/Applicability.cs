using System.Data.Common;
using Dapper;

namespace RolloutHub.Api.Features.UseCases;

/// <summary>
/// Which departments a use case applies to, stored once: the rows of <c>use_case_departments</c>,
/// none meaning every department. Every query that asks "does this use case apply to this
/// department" uses <see cref="AppliesTo"/>; writes go through <see cref="ReplaceAsync"/>.
/// </summary>
public static class Applicability
{
    /// <summary>
    /// A SQL condition true when the use case whose code is <paramref name="useCaseCode"/> applies to
    /// the department whose code is <paramref name="departmentCode"/> (both SQL expressions: a column or a parameter).
    /// </summary>
    public static string AppliesTo(string useCaseCode, string departmentCode) => $"""
        (NOT EXISTS (SELECT 1 FROM use_case_departments ucd WHERE ucd.use_case_code = {useCaseCode})
         OR EXISTS (SELECT 1 FROM use_case_departments ucd WHERE ucd.use_case_code = {useCaseCode} AND ucd.department_code = {departmentCode}))
        """;

    /// <summary>The codes trimmed, sorted and without repeats; an empty list means every department.</summary>
    public static IReadOnlyList<string> Normalise(IEnumerable<string>? codes) =>
        (codes ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Select(Infrastructure.KeyText.Normalise)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The departments of each of <paramref name="useCaseCodes"/> (a use case without any is absent: every department).</summary>
    public static async Task<ILookup<string, string>> ReadAsync(DbConnection connection, DbTransaction? transaction, Data.SqlDialect dialect,
        IReadOnlyCollection<string> useCaseCodes)
    {
        var pairs = new List<(string UseCaseCode, string DepartmentCode)>();
        foreach (var slice in useCaseCodes.Chunk(Data.SqlDialect.ListSlice))
            pairs.AddRange(await connection.QueryAsync<(string, string)>($"""
                SELECT use_case_code, department_code FROM use_case_departments
                WHERE {dialect.In("use_case_code", "@codes")}
                ORDER BY use_case_code, department_code
                """, new { codes = slice }, transaction));
        return pairs.ToLookup(p => p.UseCaseCode, p => p.DepartmentCode);
    }

    /// <summary>Replaces the departments of one use case (none: every department).</summary>
    public static async Task ReplaceAsync(DbConnection connection, DbTransaction? transaction, string useCaseCode, IReadOnlyCollection<string> departmentCodes)
    {
        await connection.ExecuteAsync("DELETE FROM use_case_departments WHERE use_case_code = @useCaseCode", new { useCaseCode }, transaction);
        await connection.ExecuteAsync(
            "INSERT INTO use_case_departments (use_case_code, department_code) VALUES (@useCaseCode, @departmentCode)",
            departmentCodes.Select(departmentCode => new { useCaseCode, departmentCode }), transaction);
    }
}
