using RolloutHub.Api.Features.Employees;
using Dapper;
using RolloutHub.Api.Features.Kpis.Engine;
using RolloutHub.Api.Data;

namespace RolloutHub.Api.Features.Waves;

/// <summary>An ISO 8601 week as the waves use it: its start, end and label are <see cref="Grain.Week"/>'s (docs/DEFINITIONS.md#periods).</summary>
public sealed record IsoWeek(string Label, DateOnly Start, DateOnly End)
{
    public static IsoWeek Containing(DateOnly day)
    {
        var monday = Grain.Week.StartOf(day);
        return new IsoWeek(Grain.Week.Label(monday), monday, Grain.Week.EndOf(monday));
    }

    /// <summary>
    /// The <paramref name="count"/> complete weeks ending on or before <paramref name="asOf"/>,
    /// oldest first. The week in progress is left out: a half-finished week would read as a drop.
    /// </summary>
    public static IReadOnlyList<IsoWeek> LastComplete(DateOnly asOf, int count)
    {
        var current = Containing(asOf);
        var last = current.End <= asOf ? current : Containing(current.Start.AddDays(-1));
        return Enumerable.Range(0, count).Select(i => Containing(last.Start.AddDays(-7 * (count - 1 - i)))).ToList();
    }
}

/// <summary>Headcount and active employees of one department in one week.</summary>
public sealed record WeeklyDepth
{
    public required string DepartmentCode { get; init; }
    public required IsoWeek Week { get; init; }
    public long Headcount { get; init; }
    public long Active { get; init; }
    /// <summary>Active ÷ Headcount; null when the department had nobody employed that week.</summary>
    public double? Depth => Headcount == 0 ? null : (double)Active / Headcount;
}

/// <summary>Weekly depth rows for some departments and weeks.</summary>
public sealed record WeeklyDepthSeries
{
    public IReadOnlyList<WeeklyDepth> Rows { get; init; } = [];
    /// <summary>When the KPI snapshots were computed; null before the first run.</summary>
    public DateTimeOffset? ComputedAt { get; init; }
    /// <summary>Data changed after the snapshots were computed, or some weeks were not in them.</summary>
    public bool Stale { get; init; }
}

/// <summary>
/// Weekly headcount and active employees for some departments, read from the KPI engine's week
/// snapshots (Features/Kpis). A week the snapshots do not hold yet (before the first KPI run, or a
/// department added since) is computed here, by the same definition, so the answer never waits for
/// the job; <see cref="WeeklyDepthSeries.Stale"/> says when the data moved on since the snapshots.
/// </summary>
public sealed class WeeklyDepths(DbSession session)
{
    private sealed record Row
    {
        public required string DepartmentCode { get; init; }
        public long Headcount { get; init; }
        public long Active { get; init; }
    }

    private sealed record SnapshotRow
    {
        public required string DepartmentCode { get; init; }
        public DateOnly PeriodStart { get; init; }
        public long Headcount { get; init; }
        public long ActiveEmployees { get; init; }
    }

    private static string SnapshotSql(Data.SqlDialect dialect) => $"""
        SELECT department_code, period_start, headcount, active_employees
        FROM kpi_snapshots
        WHERE grain = 'week' AND {dialect.In("department_code", "@departmentCodes")} AND period_start BETWEEN @first AND @last
        """;

    // For a period [start, end]: Headcount = employees of the department (current record)
    // with joined_on empty or ≤ end and left_on empty or > start; Active = those of them with at
    // least one usage event dated in the period.
    private static string ComputeSql(Data.SqlDialect dialect) => $"""
        SELECT d.code AS department_code,
               COUNT(e.employee_key) AS headcount,
               COUNT(a.employee_key) AS active
        FROM departments d
        LEFT JOIN employees e
               ON e.department_code = d.code
              AND {Employment.During("e", "@start", "@end")}
        LEFT JOIN (SELECT DISTINCT employee_key FROM usage_events WHERE occurred_on BETWEEN @start AND @end) a
               ON a.employee_key = e.employee_key
        WHERE {dialect.In("d.code", "@departmentCodes")}
        GROUP BY d.code
        """;

    public async Task<WeeklyDepthSeries> ReadAsync(IReadOnlyList<string> departmentCodes, IReadOnlyList<IsoWeek> weeks, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var (computedAt, stale, _) = await Kpis.KpiRange.StateAsync(connection, session.Transaction);
        if (departmentCodes.Count == 0 || weeks.Count == 0)
            return new WeeklyDepthSeries { ComputedAt = computedAt, Stale = stale };
        var codes = departmentCodes.Distinct().ToArray();
        var snapshots = (await connection.QueryAsync<SnapshotRow>(SnapshotSql(session.Dialect),
                new { departmentCodes = codes, first = weeks[0].Start, last = weeks[^1].Start },
                session.Transaction))
            .ToLookup(r => r.PeriodStart);

        var rows = new List<WeeklyDepth>();
        foreach (var week in weeks)
        {
            var held = snapshots[week.Start].ToList();
            if (held.Select(r => r.DepartmentCode).Distinct().Count() == codes.Length)
            {
                rows.AddRange(held.Select(r => new WeeklyDepth { DepartmentCode = r.DepartmentCode, Week = week, Headcount = r.Headcount, Active = r.ActiveEmployees }));
                continue;
            }
            stale = true;
            var computed = await connection.QueryAsync<Row>(ComputeSql(session.Dialect),
                new { start = week.Start, end = week.End, departmentCodes = codes }, session.Transaction);
            rows.AddRange(computed.Select(r => new WeeklyDepth { DepartmentCode = r.DepartmentCode, Week = week, Headcount = r.Headcount, Active = r.Active }));
        }
        return new WeeklyDepthSeries { Rows = rows, ComputedAt = computedAt, Stale = stale };
    }
}
