using RolloutHub.Api.Features.Employees;
using System.Data.Common;
using Dapper;
using RolloutHub.Api.Auth;

namespace RolloutHub.Api.Features.Privacy;

/// <summary>
/// The privacy rule for answers computed on the spot over a span of days (a day, a usage window, a
/// week the KPI job has not stored yet): every department's headcount over the span, read live.
/// </summary>
public static class SmallGroupsDuring
{
    private sealed record HeadcountRow
    {
        public required string Code { get; init; }
        public long Headcount { get; init; }
    }

    /// <summary>Employees of each department (current record) employed at some time in [start, end]: joined on or before the end, not left on or before the start.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> HeadcountsAsync(DbConnection connection, DbTransaction? transaction, DateOnly start, DateOnly end)
    {
        var rows = await connection.QueryAsync<HeadcountRow>($"""
            SELECT d.code, COUNT(e.employee_key) AS headcount
            FROM departments d
            LEFT JOIN employees e
                   ON e.department_code = d.code
                  AND {Employment.During("e", "@start", "@end")}
            GROUP BY d.code
            """, new { start, end }, transaction);
        return rows.ToDictionary(r => r.Code, r => r.Headcount, StringComparer.Ordinal);
    }

    /// <summary>What the reader may see over [start, end]; admins see everything.</summary>
    public static Task<SmallGroups> ReadAsync(DbConnection connection, DbTransaction? transaction, CurrentUser user,
        DateOnly start, DateOnly end, int minGroupSize) =>
        ReadAsync(connection, transaction, hide: !user.SeesSmallGroups, start, end, minGroupSize);

    /// <summary>
    /// As above, for work whose readers are not known when it runs (alerts, read later by
    /// executives and sent to a webhook): <paramref name="hide"/> true applies the rule whoever runs it.
    /// </summary>
    public static async Task<SmallGroups> ReadAsync(DbConnection connection, DbTransaction? transaction, bool hide,
        DateOnly start, DateOnly end, int minGroupSize) =>
        hide ? SmallGroups.For(await HeadcountsAsync(connection, transaction, start, end), minGroupSize) : SmallGroups.None;
}
