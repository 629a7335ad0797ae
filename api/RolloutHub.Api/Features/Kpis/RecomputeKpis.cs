using System.Data.Common;
using Dapper;
using MediatR;
using Microsoft.Data.Sqlite;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Kpis.Engine;
using RolloutHub.Api.Features.Settings;

namespace RolloutHub.Api.Features.Kpis;

/// <summary>The KPI job's one use case: bring the snapshots up to date, recording the run.</summary>
public sealed record RecomputeKpis(string RunId) : IRequest<RecomputeOutcome>;

public sealed record RecomputeOutcome(string Mode, int PeriodsTouched);

/// <summary>
/// Reads everything in one read transaction (a consistent view of the data),
/// computes in memory, then writes the snapshots of both grains, consumes the dirty dates and
/// marks the run succeeded in ONE write transaction: readers see the old snapshot or the new one.
/// <para>
/// Incremental: the periods from the earliest dirty date (or the first period without a snapshot)
/// to the current one are rewritten. Later periods are included because their sustainability
/// windows, 12-week bands, cohort transitions (new vs reactivated) and activation depend on
/// earlier data; periods before it are left alone. Full: every period, when asked, when
/// data_version.full_recompute is set (roster, use cases, settings, waves changed) or when
/// nothing was computed yet.
/// </para>
/// </summary>
public sealed class RecomputeKpisHandler(Db db, KpiToday kpiToday, ILogger<RecomputeKpisHandler> logger)
    : IRequestHandler<RecomputeKpis, RecomputeOutcome>
{
    private sealed record RunRow
    {
        public long FullRecompute { get; init; }
    }

    private sealed record VersionRow
    {
        public required string ChangedAt { get; init; }
        public long FullRecompute { get; init; }
    }

    /// <summary>
    /// Periods from ComputeFrom are computed, those from WriteFrom written. Activity is read from
    /// DataFrom: the active counts of the periods between ComputeFrom and DataFrom, which only the
    /// sustainability windows need, come from the stored snapshots (their data has not changed).
    /// Raw events are read from WriteFrom only (an incremental run): the activity between DataFrom
    /// and WriteFrom, which bands, transitions and idle seats look back to, comes from the activity rollup.
    /// </summary>
    private sealed record GrainPlan(Grain Grain, DateOnly First, DateOnly Last, DateOnly WriteFrom, DateOnly ComputeFrom, DateOnly DataFrom, bool Full)
    {
        public Dictionary<(string Scope, DateOnly Start), long> StoredActive { get; } = [];
    }

    private sealed record StoredActiveRow
    {
        public required string DepartmentCode { get; init; }
        public DateOnly PeriodStart { get; init; }
        public long ActiveEmployees { get; init; }
    }

    public async Task<RecomputeOutcome> Handle(RecomputeKpis request, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE job_runs SET status = 'running', started_at = @now, error = NULL WHERE run_id = @runId",
            new { runId = request.RunId, now = JobRunStore.Stamp(DateTimeOffset.UtcNow) });

        // Run times are the machine's; "today" (which periods exist) is KpiToday's.
        var readAt = DateTimeOffset.UtcNow;
        var today = kpiToday.Date;
        VersionRow version;
        List<GrainPlan> plans;
        KpiInputs? inputs = null;
        bool noData;
        await using (var read = BeginRead(connection))
        {
            version = await connection.QuerySingleAsync<VersionRow>(
                "SELECT changed_at, full_recompute FROM data_version WHERE id = 1", transaction: read);
            var run = await connection.QuerySingleOrDefaultAsync<RunRow>(
                "SELECT full_recompute FROM job_runs WHERE run_id = @runId", new { runId = request.RunId }, read);
            var full = version.FullRecompute == 1 || run?.FullRecompute == 1;
            var firstDate = await connection.ExecuteScalarAsync<DateOnly?>("""
                SELECT MIN(d) FROM (
                    SELECT MIN(occurred_on) AS d FROM usage_events
                    UNION ALL SELECT MIN(occurred_on) FROM outcome_reports
                    UNION ALL SELECT MIN(joined_on) FROM employees) dates
                """, transaction: read);
            var dirty = await connection.ExecuteScalarAsync<DateOnly?>("SELECT MIN(occurred_on) FROM kpi_dirty_dates", transaction: read);
            noData = firstDate is null;
            var settings = await connection.QuerySingleAsync<SettingsValues>(SettingsValues.SelectSql, transaction: read);
            plans = [];
            if (firstDate is { } first)
            {
                foreach (var grain in new[] { Grain.Week, Grain.Month })
                {
                    var lastStored = await connection.ExecuteScalarAsync<DateOnly?>(
                        "SELECT MAX(period_start) FROM kpi_snapshots WHERE grain = @grain AND department_code = ''",
                        new { grain = grain.Name() }, read);
                    // Both are written by every run over the same periods; tools missing where the KPIs
                    // are stored (a database from before the tools) are filled by a full run.
                    var lastToolStored = await connection.ExecuteScalarAsync<DateOnly?>(
                        "SELECT MAX(period_start) FROM tool_period_snapshots WHERE grain = @grain AND department_code = ''",
                        new { grain = grain.Name() }, read);
                    if (Plan(grain, first, today, full || lastToolStored != lastStored, dirty, lastStored, settings) is { } plan) plans.Add(plan);
                }
            }
            for (var i = 0; i < plans.Count; i++)
            {
                var plan = plans[i];
                if (plan.DataFrom <= plan.ComputeFrom) continue;
                var stored = await connection.QueryAsync<StoredActiveRow>("""
                    SELECT department_code, period_start, active_employees FROM kpi_snapshots
                    WHERE grain = @grain AND period_start >= @from AND period_start < @to
                    """, new { grain = plan.Grain.Name(), from = plan.ComputeFrom, to = plan.DataFrom }, read);
                foreach (var row in stored) plan.StoredActive[(row.DepartmentCode, row.PeriodStart)] = row.ActiveEmployees;
                var departmentCount = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM departments", transaction: read);
                var expected = (departmentCount + 1) * plan.Grain.Between(plan.ComputeFrom, plan.Grain.Back(plan.DataFrom, 1)).Count;
                // Anything missing (which a full run would have written): read the events instead.
                if (plan.StoredActive.Count != expected) plans[i] = plan with { DataFrom = plan.ComputeFrom };
            }
            if (plans.Count > 0)
            {
                // Activity is needed from the earliest period any grain looks back to: bands (12 weeks),
                // transitions (the previous period). Only the written periods need their raw events
                // (use cases, minutes, tools); the activity of the earlier days comes from the rollup.
                var scanFrom = plans.Min(p => p.DataFrom);
                var eventsFrom = plans.Min(p => p.WriteFrom);
                var scanTo = plans.Max(p => p.Grain.EndOf(p.Last));
                var everything = plans.All(p => p.DataFrom == p.Grain.StartOf(p.First));
                inputs = await KpiInputsReader.ReadAsync(connection, read, db.Dialect, everything ? null : scanFrom, everything ? null : eventsFrom,
                    everything ? null : scanTo, logger, cancellationToken);
            }
            await read.CommitAsync(cancellationToken);
        }

        var computeWatch = System.Diagnostics.Stopwatch.StartNew();
        var kpiRows = new List<KpiSnapshotRow>();
        var adoptionRows = new List<AdoptionSnapshotRow>();
        var toolRows = new List<ToolSnapshotRow>();
        var toolPeriodRows = new List<ToolPeriodSnapshotRow>();
        foreach (var plan in plans)
        {
            var (kpis, adoption) = KpiCalculator.Compute(inputs!, plan.Grain, plan.ComputeFrom, plan.Last, plan.WriteFrom, plan.DataFrom, plan.StoredActive);
            kpiRows.AddRange(kpis);
            adoptionRows.AddRange(adoption);
            var (tools, toolPeriods) = ToolCalculator.Compute(inputs!, plan.Grain, plan.WriteFrom, plan.Last);
            toolRows.AddRange(tools);
            toolPeriodRows.AddRange(toolPeriods);
        }
        var periodsTouched = kpiRows.Count(r => r.DepartmentCode == "");
        logger.LogInformation("KPI run {RunId}: computed in {Ms} ms", request.RunId, computeWatch.ElapsedMilliseconds);
        var mode = plans.Count == 0 ? "none" : plans.Any(p => p.Full) ? "full" : "incremental";

        using var writeTurn = await db.EnterWriteAsync(cancellationToken);
        await using var write = await connection.BeginTransactionAsync(cancellationToken);
        var current = await connection.QuerySingleAsync<VersionRow>(
            "SELECT changed_at, full_recompute FROM data_version WHERE id = 1", transaction: write);
        if (noData)
        {
            await connection.ExecuteAsync("""
                DELETE FROM kpi_snapshots; DELETE FROM adoption_snapshots;
                DELETE FROM tool_snapshots; DELETE FROM tool_period_snapshots;
                """, transaction: write);
        }
        foreach (var plan in plans)
        {
            var bounds = new { grain = plan.Grain.Name(), first = plan.Grain.StartOf(plan.First), from = plan.WriteFrom };
            await connection.ExecuteAsync("""
                DELETE FROM kpi_snapshots WHERE grain = @grain AND (period_start >= @from OR period_start < @first);
                DELETE FROM adoption_snapshots WHERE grain = @grain AND (period_start >= @from OR period_start < @first);
                DELETE FROM tool_snapshots WHERE grain = @grain AND (period_start >= @from OR period_start < @first);
                DELETE FROM tool_period_snapshots WHERE grain = @grain AND (period_start >= @from OR period_start < @first);
                """, bounds, write);
        }
        await SnapshotWriter.InsertAsync(connection, write, kpiRows, adoptionRows, toolRows, toolPeriodRows, cancellationToken);

        // Only what this run read is consumed: a change committed since then keeps its dirty
        // dates (and full flag) for the next run, which the change itself scheduled.
        var unchanged = current.ChangedAt == version.ChangedAt;
        if (unchanged)
            await connection.ExecuteAsync("DELETE FROM kpi_dirty_dates; UPDATE data_version SET full_recompute = 0 WHERE id = 1;", transaction: write);
        await connection.ExecuteAsync(
            "UPDATE kpi_state SET computed_at = @computedAt, based_on_changed_at = @basedOn WHERE id = 1",
            new { computedAt = JobRunStore.Stamp(readAt), basedOn = version.ChangedAt }, write);
        await connection.ExecuteAsync("""
            UPDATE job_runs SET status = 'succeeded', finished_at = @now, mode = @mode, periods_touched = @periodsTouched, error = NULL
            WHERE run_id = @runId
            """, new { runId = request.RunId, now = JobRunStore.Stamp(DateTimeOffset.UtcNow), mode, periodsTouched }, write);
        await write.CommitAsync(cancellationToken);
        logger.LogInformation("KPI run {RunId}: {Mode}, {Periods} period(s) rewritten", request.RunId, mode, periodsTouched);
        return new RecomputeOutcome(mode, periodsTouched);
    }

    /// <summary>
    /// Which periods a grain rewrites, or null when nothing changed for it. Periods exist from the
    /// one containing the earliest event, outcome or joined_on to the one containing today.
    /// </summary>
    private static GrainPlan? Plan(Grain grain, DateOnly firstDate, DateOnly today, bool full, DateOnly? dirty, DateOnly? lastStored, SettingsValues settings)
    {
        var first = grain.StartOf(firstDate);
        var last = grain.StartOf(today);
        if (first > last) return null;
        DateOnly? writeFrom = null;
        if (full || lastStored is null) writeFrom = first;
        else
        {
            if (dirty is { } d) writeFrom = grain.StartOf(d);
            var stored = lastStored.Value;
            if (stored < last && (writeFrom is null || grain.Next(stored) < writeFrom)) writeFrom = grain.Next(stored);
        }
        if (writeFrom is null || writeFrom > last) return null;
        if (writeFrom < first) writeFrom = first;
        // Windows reach back: sustainability N − 1 periods, bands 11 weeks, transitions 1 period.
        var window = grain == Grain.Week ? settings.WeekWindow : settings.MonthWindow;
        var lookback = Math.Max(window - 1, grain == Grain.Week ? KpiCalculator.BandWeeks - 1 : 1);
        var computeFrom = grain.Back(writeFrom.Value, lookback);
        if (computeFrom < first) computeFrom = first;
        var isFull = full || lastStored is null;
        var dataFrom = isFull ? computeFrom : grain.Back(writeFrom.Value, grain == Grain.Week ? KpiCalculator.BandWeeks - 1 : 1);
        if (dataFrom < computeFrom) dataFrom = computeFrom;
        return new GrainPlan(grain, firstDate, last, writeFrom.Value, computeFrom, dataFrom, isFull);
    }

    // A deferred transaction on SQLite takes no write lock: imports go on while the job reads.
    private static DbTransaction BeginRead(DbConnection connection) =>
        connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: true) : connection.BeginTransaction();
}
