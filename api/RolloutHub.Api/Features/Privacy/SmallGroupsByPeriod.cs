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
        public required string PeriodStart { get; init; }
        public long Headcount { get; init; }
    }

    public static async Task<Func<DateOnly, SmallGroups>> ReadAsync(
        DbConnection connection, DbTransaction? transaction, CurrentUser user, Grain grain, DateOnly from, DateOnly to, int minGroupSize)
    {
        if (user.SeesSmallGroups) return _ => SmallGroups.None;
        var rows = await connection.QueryAsync<HeadcountRow>("""
            SELECT department_code, period_start, headcount FROM kpi_snapshots
            WHERE grain = @grain AND department_code <> '' AND period_start >= @from AND period_start <= @to
            """, KpiRange.Bounds(grain, from, to), transaction);
        var byPeriod = rows
            .GroupBy(r => SnapshotDates.Parse(r.PeriodStart))
            .ToDictionary(g => g.Key, g => SmallGroups.For(g.ToDictionary(r => r.DepartmentCode, r => r.Headcount, StringComparer.Ordinal), minGroupSize));
        var empty = SmallGroups.For(new Dictionary<string, long>(), minGroupSize);
        return start => byPeriod.GetValueOrDefault(start, empty);
    }
}
