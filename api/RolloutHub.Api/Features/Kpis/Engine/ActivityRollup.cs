using System.Data.Common;
using Dapper;
using RolloutHub.Api.Data;

namespace RolloutHub.Api.Features.Kpis.Engine;

/// <summary>
/// The activity rollup: one row per employee and ISO week with a usage event, the days of that
/// week they were active (a bit per day, Monday first) and the number of events. The KPI job reads
/// it for the weeks before the periods it rewrites, so an incremental run does not re-read the raw
/// events of past periods. It is kept here, in one place, by every write of usage events, in that
/// write's transaction: the rows of every (employee, week) the write touches, before or after it,
/// are recomputed from usage_events.
/// <para>
/// A write stages its events in <c>import_staging</c> (event_id, occurred_on, employee_key), then:
/// <code>
/// var rollup = await ActivityRollup.BeforeMergeAsync(connection, transaction, dialect, firstLoad);
/// ... merge import_staging into usage_events ...
/// await rollup.AfterMergeAsync(cancellationToken);
/// </code>
/// Before the merge is when the weeks an updated event moves away from are still visible.
/// </para>
/// </summary>
public sealed class ActivityRollup
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly SqlDialect _dialect;
    private readonly bool _everything;

    private ActivityRollup(DbConnection connection, DbTransaction transaction, SqlDialect dialect, bool everything)
    {
        _connection = connection;
        _transaction = transaction;
        _dialect = dialect;
        _everything = everything;
    }

    private string Touched => _dialect.Provider == DatabaseProvider.SqlServer ? "#rollup_touched" : "rollup_touched";

    /// <summary>
    /// Notes the (employee, week) keys of the staged events and of the stored events they replace.
    /// <paramref name="everything"/>: the rollup is rebuilt from all of usage_events after the merge
    /// (a first load into an empty table, where every key is touched anyway).
    /// </summary>
    public static async Task<ActivityRollup> BeforeMergeAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect,
        bool everything, CancellationToken cancellationToken = default)
    {
        var rollup = new ActivityRollup(connection, transaction, dialect, everything);
        if (everything) return rollup;
        var touched = rollup.Touched;
        var text = dialect.TypeName(Imports.StagingType.Text);
        var date = dialect.TypeName(Imports.StagingType.Date);
        var create = dialect.Provider == DatabaseProvider.SqlServer
            ? $"DROP TABLE IF EXISTS {touched};\nCREATE TABLE {touched} (employee_key {text} NOT NULL, week_start {date} NOT NULL, PRIMARY KEY (employee_key, week_start));"
            : $"DROP TABLE IF EXISTS {touched};\nCREATE TEMPORARY TABLE {touched} (employee_key {text} NOT NULL, week_start {date} NOT NULL, PRIMARY KEY (employee_key, week_start));";
        await connection.ExecuteAsync(new CommandDefinition(create, transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(dialect.ForStaging($"""
            INSERT INTO {touched} (employee_key, week_start)
            SELECT employee_key, {WeekStart(dialect, "occurred_on")} FROM import_staging WHERE employee_key IS NOT NULL AND occurred_on IS NOT NULL
            UNION
            SELECT t.employee_key, {WeekStart(dialect, "t.occurred_on")} FROM import_staging s JOIN usage_events t ON t.event_id = s.event_id
            """), transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken));
        return rollup;
    }

    /// <summary>Recomputes the touched rows from usage_events as they are now (after the merge).</summary>
    public async Task AfterMergeAsync(CancellationToken cancellationToken = default)
    {
        if (_everything)
        {
            // Events per employee and day first: that GROUP BY follows an index of usage_events
            // and needs no sort, and its days are distinct, so the week's mask and active days are
            // plain sums and counts. Only those (fewer) rows are sorted into weeks, under a
            // cache bounded like an index build (SqlitePageCache).
            await using var sorting = await SqlitePageCache.SmallForSortsAsync(_connection, _transaction);
            await _connection.ExecuteAsync(new CommandDefinition($"""
                DELETE FROM activity_rollup;
                INSERT INTO activity_rollup (week_start, employee_key, day_mask, active_days, events)
                SELECT {WeekStart(_dialect, "occurred_on")}, employee_key, SUM({DayBit(_dialect, "occurred_on")}), COUNT(*), SUM(events)
                FROM (
                    SELECT occurred_on, employee_key, COUNT(*) AS events
                    FROM usage_events
                    GROUP BY employee_key, occurred_on
                ) days
                GROUP BY {WeekStart(_dialect, "occurred_on")}, employee_key;
                """, transaction: _transaction, commandTimeout: 0, cancellationToken: cancellationToken));
            return;
        }
        var touched = Touched;
        await _connection.ExecuteAsync(new CommandDefinition($"""
            DELETE FROM activity_rollup
            WHERE EXISTS (SELECT 1 FROM {touched} k WHERE k.employee_key = activity_rollup.employee_key AND k.week_start = activity_rollup.week_start);
            INSERT INTO activity_rollup (week_start, employee_key, day_mask, active_days, events)
            SELECT k.week_start, k.employee_key, {Mask(_dialect, "u.occurred_on")}, COUNT(DISTINCT u.occurred_on), COUNT(*)
            FROM {touched} k
            JOIN usage_events u ON u.employee_key = k.employee_key
                AND u.occurred_on >= k.week_start AND u.occurred_on <= {AddDays(_dialect, "k.week_start", 6)}
            GROUP BY k.week_start, k.employee_key;
            DROP TABLE {touched};
            """, transaction: _transaction, commandTimeout: 0, cancellationToken: cancellationToken));
    }

    /// <summary>Rebuilds the whole rollup from usage_events (a database filled without the imports, e.g. the demonstration).</summary>
    public static Task RebuildAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, CancellationToken cancellationToken = default) =>
        new ActivityRollup(connection, transaction, dialect, everything: true).AfterMergeAsync(cancellationToken);

    /// <summary>The Monday of the ISO week of <paramref name="date"/>, in the column type of the dialect's dates.</summary>
    internal static string WeekStart(SqlDialect dialect, string date) => dialect.Provider switch
    {
        DatabaseProvider.Postgres => $"CAST(date_trunc('week', {date}) AS DATE)",
        DatabaseProvider.SqlServer => $"DATEADD(day, -({dialect.DayNumber(date)} % 7), {date})",
        // 'weekday 0' moves to the Sunday that ends the week (or stays on it), then back six days.
        _ => $"date({date}, 'weekday 0', '-6 days')",
    };

    private static string AddDays(SqlDialect dialect, string date, int days) => dialect.Provider switch
    {
        DatabaseProvider.Postgres => $"({date} + {days})",
        DatabaseProvider.SqlServer => $"DATEADD(day, {days}, {date})",
        _ => $"date({date}, '+{days} days')",
    };

    /// <summary>The bit of <paramref name="date"/>'s day in its week's mask (bit 0 Monday).</summary>
    internal static string DayBit(SqlDialect dialect, string date) => dialect.Provider == DatabaseProvider.SqlServer
        ? $"POWER(2, {dialect.DayNumber(date)} % 7)"
        : $"(1 << ({dialect.DayNumber(date)} % 7))";

    /// <summary>
    /// The union of the days' bits (bit 0 Monday). Distinct days give distinct bits, so the sum of
    /// the distinct bits is their union on every dialect (none of them has the same bitwise-OR aggregate).
    /// Day number 0 (0001-01-01) was a Monday.
    /// </summary>
    private static string Mask(SqlDialect dialect, string date) => $"SUM(DISTINCT {DayBit(dialect, date)})";
}
