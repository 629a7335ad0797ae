using System.Data.Common;
using Dapper;
using RolloutHub.Api.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using RolloutHub.Api.Features.Settings;

namespace RolloutHub.Api.Features.Kpis.Engine;

/// <summary>
/// Reads what a KPI run needs: settings and departments; per employee facts (first event and
/// first use on or after d, by index seeks on usage_events (employee_key, occurred_on)); one
/// pass over the usage events of the run's date range (all of them for a full run), folded into
/// active days per employee and minutes per department × day × use case; outcomes per
/// department × day. Everything in the caller's read transaction, so it is one consistent view.
/// </summary>
public static class KpiInputsReader
{
    private sealed record EmployeeRow
    {
        public required string EmployeeKey { get; init; }
        public required string DepartmentCode { get; init; }
        // Dates as day numbers (DateOnly.DayNumber), computed by the database: no date text to parse per row.
        public long? JoinedOn { get; init; }
        public long? LeftOn { get; init; }
        public bool? HasSeat { get; init; }
        public long? ActivationStart { get; init; }
        /// <summary>The employee's first active week as its Monday's day number × 128 + the week's day mask (see <see cref="Packed"/>).</summary>
        public long? FirstWeek { get; init; }
        /// <summary>The same for the first week with an active day on or after the activation start.</summary>
        public long? UseWeek { get; init; }

        public int? FirstEventOn => FirstWeek is { } packed ? (int)(packed >> 7) + LowestDay(packed & 127) : null;

        public int? FirstUseAfterStart(int? activationStart)
        {
            if (UseWeek is not { } packed || activationStart is not { } d) return null;
            var week = packed >> 7;
            var mask = packed & 127;
            // In the week of d only its days from d on count.
            if (d > week) mask = mask >> (int)(d - week) << (int)(d - week);
            return (int)week + LowestDay(mask);
        }

        private static int LowestDay(long mask) => System.Numerics.BitOperations.TrailingZeroCount(mask);
    }

    // d (activation start) = the later of joined_on and the earliest planned start of a wave including
    // the department; employees with neither have no d. An employee's first usage event and first one
    // on or after d are one seek each in the activity rollup (the first week with such a day, and its days).
    private static string EmployeesSql(SqlDialect dialect) => $"""
        WITH wave_start AS (
            SELECT wd.department_code, MIN(w.planned_start) AS planned_start
            FROM wave_departments wd JOIN waves w ON w.code = wd.wave_code
            GROUP BY wd.department_code
        ), facts AS (
            SELECT e.employee_key, e.department_code, e.joined_on, e.left_on, e.has_seat,
                   CASE WHEN e.joined_on IS NULL THEN ws.planned_start
                        WHEN ws.planned_start IS NULL OR e.joined_on >= ws.planned_start THEN e.joined_on
                        ELSE ws.planned_start END AS activation_start
            FROM employees e LEFT JOIN wave_start ws ON ws.department_code = e.department_code
        )
        SELECT f.employee_key, f.department_code, {dialect.DayNumber("f.joined_on")} AS joined_on, {dialect.DayNumber("f.left_on")} AS left_on,
               f.has_seat, {dialect.DayNumber("f.activation_start")} AS activation_start,
               (SELECT {Packed(dialect, "r")} FROM activity_rollup r
                WHERE r.employee_key = f.employee_key
                ORDER BY r.week_start {dialect.Limit("1")}) AS first_week,
               (SELECT {Packed(dialect, "r")} FROM activity_rollup r
                WHERE r.employee_key = f.employee_key AND r.week_start >= {ActivityRollup.WeekStart(dialect, "f.activation_start")}
                  AND (r.week_start > {ActivityRollup.WeekStart(dialect, "f.activation_start")}
                       OR r.day_mask >= {ActivityRollup.DayBit(dialect, "f.activation_start")})
                ORDER BY r.week_start {dialect.Limit("1")}) AS use_week
        FROM facts f
        ORDER BY f.employee_key
        """;

    /// <summary>
    /// A rollup row as one number, its Monday's day number × 128 + its day mask (7 bits), so that
    /// one index seek (ORDER BY week_start, first row) answers both the week and its days.
    /// </summary>
    private static string Packed(SqlDialect dialect, string alias) => $"{dialect.DayNumber($"{alias}.week_start")} * 128 + {alias}.day_mask";

    /// <summary>
    /// The run's inputs for the days <paramref name="from"/> to <paramref name="to"/> (both null: everything).
    /// Raw events are read from <paramref name="eventsFrom"/> (the first period the run rewrites);
    /// the activity of the days before it comes from the activity rollup.
    /// </summary>
    public static async Task<KpiInputs> ReadAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect,
        DateOnly? from, DateOnly? eventsFrom, DateOnly? to, ILogger logger, CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var settings = await connection.QuerySingleAsync<SettingsValues>(SettingsValues.SelectSql, transaction: transaction);
        var departments = (await connection.QueryAsync<string>("SELECT code FROM departments ORDER BY code", transaction: transaction)).ToList();
        var departmentIndex = departments.Select((code, i) => (code, i)).ToDictionary(x => x.code, x => x.i, StringComparer.Ordinal);

        var employeeRows = (await connection.QueryAsync<EmployeeRow>(EmployeesSql(dialect), transaction: transaction)).ToList();
        var employees = new EmployeeFacts[employeeRows.Count];
        var employeeIndex = new Dictionary<string, int>(employeeRows.Count, StringComparer.Ordinal);
        for (var i = 0; i < employeeRows.Count; i++)
        {
            var r = employeeRows[i];
            employeeIndex[r.EmployeeKey] = i;
            employees[i] = new EmployeeFacts
            {
                Department = departmentIndex[r.DepartmentCode],
                JoinedOn = (int?)r.JoinedOn, LeftOn = (int?)r.LeftOn, HasSeat = r.HasSeat == true,
                FirstEventOn = r.FirstEventOn, ActivationStart = (int?)r.ActivationStart,
                FirstUseAfterStart = r.FirstUseAfterStart((int?)r.ActivationStart),
            };
        }

        logger.LogInformation("KPI inputs: {Employees} employees read in {Ms} ms", employees.Length, watch.ElapsedMilliseconds);
        var bounded = from is not null && to is not null;
        var range = bounded ? "WHERE occurred_on >= @from AND occurred_on <= @to" : "";
        var parameters = new { from = bounded ? from : null, to = bounded ? to : null };

        var rawFrom = bounded && eventsFrom is { } e && e > from!.Value ? e : from;
        var (usage, tools, useCaseTools) = await ReadEventsAsync(connection, transaction, dialect, parameters.from, rawFrom, parameters.to,
            employees, new Utf8KeyLookup(employeeIndex), departments.Count, cancellationToken);
        logger.LogInformation("KPI inputs: events read at {Ms} ms ({Cells} usage cells, raw events from {From})", watch.ElapsedMilliseconds, usage.Count, rawFrom);

        var outcomes = new List<OutcomeCell>();
        await using (var reader = await connection.ExecuteReaderAsync($"""
            SELECT department_code, {dialect.DayNumber("occurred_on")}, SUM(tickets_avoided), SUM(employees_helped)
            FROM outcome_reports {range}
            GROUP BY department_code, occurred_on
            """, parameters, transaction))
        {
            while (await reader.ReadAsync(cancellationToken))
                outcomes.Add(new OutcomeCell(departmentIndex[reader.GetString(0)], Convert.ToInt32(reader.GetValue(1)),
                    Convert.ToInt64(reader.GetValue(2)), Convert.ToInt64(reader.GetValue(3))));
        }

        return new KpiInputs
        {
            Settings = settings, Departments = departments, Employees = employees, Usage = usage, Outcomes = outcomes,
            Tools = tools, UseCaseTools = useCaseTools,
        };
    }

    /// <summary>
    /// One pass over the usage events (in storage order: no sort, no join), folded in memory into
    /// each employee's active days (a bit per day), for the use cases that belong to a tool each
    /// employee's active days with that tool, and the minutes and uses per department × day × use case.
    /// Moving the rows is the cost; a GROUP BY with joins in SQL paid a 5-million-row sort on top.
    /// Minutes are summed as integers (millionths of a minute), so totals do not depend on the
    /// order rows come in: a full and an incremental run give identical figures.
    /// </summary>
    private sealed record Bounds
    {
        public DateOnly? First { get; init; }
        public DateOnly? Last { get; init; }
    }

    private static async Task<(List<UsageCell> Cells, List<string> Tools, int[] UseCaseTools)> ReadEventsAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect,
        DateOnly? activityFrom, DateOnly? from, DateOnly? to,
        EmployeeFacts[] employees, Utf8KeyLookup employeeKeys, int departmentCount, CancellationToken cancellationToken)
    {
        var range = from is not null && to is not null ? "WHERE occurred_on >= @from AND occurred_on <= @to" : "";
        var useCases = (await connection.QueryAsync<(string Code, double MinutesSavedPerUse, string? Tool)>(
            "SELECT code, minutes_saved_per_use, tool FROM use_cases ORDER BY code", transaction: transaction)).ToList();
        var useCaseIndex = useCases.Select((u, i) => (u.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        var microPerUse = useCases.Select(u => Micro(u.MinutesSavedPerUse)).ToArray();
        var tools = ToolCalculator.ToolsOf(useCases.Select(u => u.Tool));
        var toolIndex = tools.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.OrdinalIgnoreCase);
        var useCaseTools = useCases.Select(u => string.IsNullOrWhiteSpace(u.Tool) ? -1 : toolIndex[u.Tool.Trim()]).ToArray();
        // A bounded run's days are known; an unbounded one spans the events there are.
        var bounds = activityFrom is not null && to is not null
            ? new Bounds { First = activityFrom, Last = to }
            : await connection.QuerySingleAsync<Bounds>(
                $"SELECT MIN(occurred_on) AS first, MAX(occurred_on) AS last FROM usage_events {range}", new { from, to }, transaction);
        if (bounds.First is not { } first || bounds.Last is not { } last) return ([], tools, useCaseTools);
        var firstDay = first.DayNumber;
        var dayCount = last.DayNumber - firstDay + 1;
        var words = (dayCount + 63) / 64;
        var useCaseCount = Math.Max(1, useCases.Count);

        // Minutes per (department, day, use case) in a flat array when it is reasonably small
        // (20 departments × 365 days × 30 use cases is 219,000 cells), else a dictionary.
        var flatSize = (long)departmentCount * dayCount * useCaseCount;
        // Every event has at least one use, so a cell with uses is a cell that was used.
        var flat = flatSize <= 8_000_000 ? new long[flatSize] : null;
        var flatUses = flat is null ? null : new long[flatSize];
        var sparse = flat is null ? new Dictionary<long, (long Micro, long Uses)>() : null;
        var bits = new ulong[employees.Length][];
        // Per employee, per tool: only for the employees who used a tool, and the tools they used.
        var toolBits = new ulong[]?[employees.Length][];

        // The transaction is the connection's: the scan reads the run's snapshot like every other query.
        var sql = $"""
            SELECT employee_key, {dialect.DayNumber("occurred_on")}, use_case_code, uses, minutes_saved
            FROM usage_events {range}
            """;
        var row = new EventRow();
        var rowsRead = 0L;
        foreach (var _ in ScanEvents(connection, transaction, sql, from, to, employeeKeys, new Utf8KeyLookup(useCaseIndex), row))
        {
            if ((++rowsRead & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            var department = employees[row.Employee].Department;
            var day = row.Day - firstDay;
            var micro = double.IsNaN(row.MinutesSaved) ? row.Uses * microPerUse[row.UseCase] : Micro(row.MinutesSaved);
            (bits[row.Employee] ??= new ulong[words])[day >> 6] |= 1UL << (day & 63);
            if (useCaseTools[row.UseCase] is var tool and >= 0)
                ((toolBits[row.Employee] ??= new ulong[tools.Count][])[tool] ??= new ulong[words])[day >> 6] |= 1UL << (day & 63);
            var cell = ((long)department * dayCount + day) * useCaseCount + row.UseCase;
            if (flat is not null)
            {
                flat[cell] += micro;
                flatUses![cell] += row.Uses;
            }
            else
            {
                var (sum, uses) = sparse!.GetValueOrDefault(cell);
                sparse![cell] = (sum + micro, uses + row.Uses);
            }
        }

        // The days before the raw events: each employee's active days from the rollup's weeks.
        if (from is { } eventsFrom && eventsFrom > first)
        {
            var rollupRows = 0L;
            foreach (var (employee, weekStart, mask) in ScanRollup(connection, transaction, dialect, Grain.Week.StartOf(first), eventsFrom, employeeKeys))
            {
                if ((++rollupRows & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
                for (var weekday = 0; weekday < 7; weekday++)
                {
                    if ((mask & (1 << weekday)) == 0) continue;
                    var date = weekStart + weekday;
                    if (date < firstDay || date >= eventsFrom.DayNumber) continue;
                    var day = date - firstDay;
                    (bits[employee] ??= new ulong[words])[day >> 6] |= 1UL << (day & 63);
                }
            }
        }

        for (var i = 0; i < employees.Length; i++)
        {
            if (bits[i] is not { } set) continue;
            employees[i].ActiveDays = Days(set, firstDay);
            if (toolBits[i] is { } byTool)
                employees[i].ToolActiveDays = byTool.Select(toolSet => toolSet is null ? null : Days(toolSet, firstDay)).ToArray();
        }

        var cells = new List<UsageCell>();
        IEnumerable<(long Cell, long Micro, long Uses)> totals = flat is not null
            ? Enumerable.Range(0, flat.Length).Where(c => flatUses![c] > 0).Select(c => ((long)c, flat[c], flatUses![c]))
            : sparse!.Select(kv => (kv.Key, kv.Value.Micro, kv.Value.Uses));
        foreach (var (cell, micro, uses) in totals)
        {
            var useCase = (int)(cell % useCaseCount);
            var rest = cell / useCaseCount;
            cells.Add(new UsageCell((int)(rest / dayCount), firstDay + (int)(rest % dayCount), useCase, micro, uses));
        }
        return (cells, tools, useCaseTools);
    }

    /// <summary>
    /// The activity rollup's rows of the weeks starting in [<paramref name="weekFrom"/>, <paramref name="before"/>)
    /// as (employee index, day number of the week's Monday, day mask). Stepped through SQLitePCL on
    /// SQLite, as the event scan is; ADO.NET elsewhere.
    /// </summary>
    private static IEnumerable<(int Employee, int WeekStart, int Mask)> ScanRollup(DbConnection connection, DbTransaction transaction, SqlDialect dialect,
        DateOnly weekFrom, DateOnly before, Utf8KeyLookup employees)
    {
        var sql = $"""
            SELECT employee_key, {dialect.DayNumber("week_start")}, day_mask FROM activity_rollup
            WHERE week_start >= @from AND week_start < @to
            """;
        if (connection is SqliteConnection sqlite)
        {
            if (raw.sqlite3_prepare_v2(sqlite.Handle, sql, out sqlite3_stmt statement) != raw.SQLITE_OK)
                throw new InvalidOperationException(raw.sqlite3_errmsg(sqlite.Handle).utf8_to_string());
            try
            {
                raw.sqlite3_bind_text(statement, raw.sqlite3_bind_parameter_index(statement, "@from"), KpiCalculator.Text(weekFrom));
                raw.sqlite3_bind_text(statement, raw.sqlite3_bind_parameter_index(statement, "@to"), KpiCalculator.Text(before));
                int result;
                while ((result = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                {
                    if (!employees.TryFind(raw.sqlite3_column_blob(statement, 0), out var employee)) continue;
                    yield return (employee, raw.sqlite3_column_int(statement, 1), raw.sqlite3_column_int(statement, 2));
                }
                if (result != raw.SQLITE_DONE)
                    throw new InvalidOperationException(raw.sqlite3_errmsg(sqlite.Handle).utf8_to_string());
            }
            finally
            {
                raw.sqlite3_finalize(statement);
            }
            yield break;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in new[] { ("@from", weekFrom), ("@to", before) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = System.Data.DbType.Date;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            if (!employees.ByText.TryGetValue(rows.GetString(0), out var employee)) continue;
            yield return (employee, Convert.ToInt32(rows.GetValue(1)), Convert.ToInt32(rows.GetValue(2)));
        }
    }

    /// <summary>The days of a bitmap (bit i = day firstDay + i), ascending.</summary>
    private static int[] Days(ulong[] set, int firstDay)
    {
        var count = 0;
        foreach (var word in set) count += System.Numerics.BitOperations.PopCount(word);
        var days = new int[count];
        var next = 0;
        for (var w = 0; w < set.Length; w++)
            for (var word = set[w]; word != 0; word &= word - 1)
                days[next++] = firstDay + w * 64 + System.Numerics.BitOperations.TrailingZeroCount(word);
        return days;
    }

    /// <summary>
    /// The rows of the event scan as (employee index, day number, use case index, uses, minutes
    /// saved or NaN). On SQLite the statement is stepped through SQLitePCL directly: the keys are
    /// looked up from the UTF-8 bytes without a string per row, which halves the cost of moving
    /// five million rows into .NET. Other databases go through ADO.NET.
    /// </summary>
    private static IEnumerable<bool> ScanEvents(DbConnection connection, DbTransaction transaction, string sql, DateOnly? from, DateOnly? to,
        Utf8KeyLookup employees, Utf8KeyLookup useCases, EventRow row)
    {
        if (connection is SqliteConnection sqlite)
            return ScanSqlite(sqlite, sql, from is { } f ? KpiCalculator.Text(f) : null, to is { } t ? KpiCalculator.Text(t) : null, employees, useCases, row);
        return ScanAdo(connection, transaction, sql, from, to, employees.ByText, useCases.ByText, row);
    }

    private static IEnumerable<bool> ScanSqlite(SqliteConnection connection, string sql, string? from, string? to,
        Utf8KeyLookup employees, Utf8KeyLookup useCases, EventRow row)
    {
        if (raw.sqlite3_prepare_v2(connection.Handle, sql, out sqlite3_stmt statement) != raw.SQLITE_OK)
            throw new InvalidOperationException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string());
        try
        {
            if (from is not null) raw.sqlite3_bind_text(statement, raw.sqlite3_bind_parameter_index(statement, "@from"), from);
            if (to is not null) raw.sqlite3_bind_text(statement, raw.sqlite3_bind_parameter_index(statement, "@to"), to);
            int result;
            while ((result = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                row.Employee = employees.Find(raw.sqlite3_column_blob(statement, 0));
                row.Day = raw.sqlite3_column_int(statement, 1);
                row.UseCase = useCases.Find(raw.sqlite3_column_blob(statement, 2));
                row.Uses = raw.sqlite3_column_int64(statement, 3);
                row.MinutesSaved = raw.sqlite3_column_type(statement, 4) == raw.SQLITE_NULL ? double.NaN : raw.sqlite3_column_double(statement, 4);
                yield return true;
            }
            if (result != raw.SQLITE_DONE)
                throw new InvalidOperationException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string());
        }
        finally
        {
            raw.sqlite3_finalize(statement);
        }
    }

    private static IEnumerable<bool> ScanAdo(DbConnection connection, DbTransaction transaction, string sql, DateOnly? from, DateOnly? to,
        IReadOnlyDictionary<string, int> employeeIndex, IReadOnlyDictionary<string, int> useCaseIndex, EventRow row)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in new[] { ("@from", from), ("@to", to) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = System.Data.DbType.Date;
            parameter.Value = value is { } date ? date : DBNull.Value;
            command.Parameters.Add(parameter);
        }
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            row.Employee = employeeIndex[rows.GetString(0)];
            row.Day = Convert.ToInt32(rows.GetValue(1));
            row.UseCase = useCaseIndex[rows.GetString(2)];
            row.Uses = Convert.ToInt64(rows.GetValue(3));
            row.MinutesSaved = rows.IsDBNull(4) ? double.NaN : rows.GetDouble(4);
            yield return true;
        }
    }

    private sealed class EventRow
    {
        public int Employee;
        public int Day;
        public int UseCase;
        public long Uses;
        public double MinutesSaved;
    }

    private static long Micro(double minutes) => (long)Math.Round(minutes * 1_000_000);
}
