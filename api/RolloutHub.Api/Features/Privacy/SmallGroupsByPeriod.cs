using System.Data.Common;
using Dapper;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Features.Kpis;
using RolloutHub.Api.Features.Kpis.Engine;

namespace RolloutHub.Api.Features.Privacy;

/// <summary>
/// The privacy rule for each period of a KPI answer, from the departments' headcounts the KPI job
/// stored with its snapshots. Admins see everything (<see cref="SmallGroups.None"/>).
/// </summary>
public static class SmallGroupsByPeriod
{
    private sealed record HeadcountRow
    {
        public required string DepartmentCode { get; init; }
        public required DateOnly PeriodStart { get; init; }
        public long Headcount { get; init; }
    }

    public static async Task<Func<DateOnly, SmallGroups>> ReadAsync(
        DbConnection connection, DbTransaction? transaction, CurrentUser user, Grain grain, DateOnly from, DateOnly to, int minGroupSize)
    {
        if (user.SeesSmallGroups) return _ => SmallGroups.None;
        var byPeriod = await StoredAsync(connection, transaction, grain, from, to, minGroupSize);
        var empty = SmallGroups.For(new Dictionary<string, long>(), minGroupSize);
        return start => byPeriod.GetValueOrDefault(start, empty);
    }

    /// <summary>
    /// The rule for each of some weeks: from the stored headcounts when the KPI job stored every
    /// department's week, else from the headcounts read live (a week or a department the job has not
    /// computed yet must not show its figures unguarded). <paramref name="hide"/> false: nothing hidden.
    /// </summary>
    public static async Task<IReadOnlyDictionary<DateOnly, SmallGroups>> ReadWeeksAsync(
        DbConnection connection, DbTransaction? transaction, bool hide, IReadOnlyList<(DateOnly Start, DateOnly End)> weeks, int minGroupSize)
    {
        if (!hide || weeks.Count == 0) return weeks.ToDictionary(w => w.Start, _ => SmallGroups.None);
        var stored = await StoredHeadcountsAsync(connection, transaction, Grain.Week, weeks.Min(w => w.Start), weeks.Max(w => w.Start));
        var departments = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM departments", transaction: transaction);
        var result = new Dictionary<DateOnly, SmallGroups>();
        foreach (var (start, end) in weeks)
        {
            var headcounts = stored.TryGetValue(start, out var held) && held.Count >= departments
                ? held
                : await SmallGroupsDuring.HeadcountsAsync(connection, transaction, start, end);
            result[start] = SmallGroups.For(headcounts, minGroupSize);
        }
        return result;
    }

    private static async Task<Dictionary<DateOnly, SmallGroups>> StoredAsync(
        DbConnection connection, DbTransaction? transaction, Grain grain, DateOnly from, DateOnly to, int minGroupSize) =>
        (await StoredHeadcountsAsync(connection, transaction, grain, from, to))
            .ToDictionary(p => p.Key, p => SmallGroups.For(p.Value, minGroupSize));

    private static async Task<Dictionary<DateOnly, IReadOnlyDictionary<string, long>>> StoredHeadcountsAsync(
        DbConnection connection, DbTransaction? transaction, Grain grain, DateOnly from, DateOnly to)
    {
        var rows = await connection.QueryAsync<HeadcountRow>("""
            SELECT department_code, period_start, headcount FROM kpi_snapshots
            WHERE grain = @grain AND department_code <> '' AND period_start >= @from AND period_start <= @to
            """, KpiRange.Bounds(grain, from, to), transaction);
        return rows
            .GroupBy(r => r.PeriodStart)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, long>)g.ToDictionary(r => r.DepartmentCode, r => r.Headcount, StringComparer.Ordinal));
    }
}
