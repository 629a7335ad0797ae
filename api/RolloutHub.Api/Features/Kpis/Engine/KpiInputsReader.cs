using System.Data.Common;
using Dapper;
using RolloutHub.Api.Features.Settings;

namespace RolloutHub.Api.Features.Kpis.Engine;

/// <summary>
/// Reads what a KPI run needs with a few set-based queries: per employee facts (index seeks on
/// usage_events (employee_key, occurred_on) for first uses), distinct active days per employee
/// (the same index, in its order), minutes per department × day × use case, outcomes per
/// department × day. A from/to range bounds the dated facts; none reads them all.
/// </summary>
public static class KpiInputsReader
{
    private sealed record EmployeeRow
    {
        public required string EmployeeKey { get; init; }
        public required string DepartmentCode { get; init; }
        public DateOnly? JoinedOn { get; init; }
        public DateOnly? LeftOn { get; init; }
        public long HasSeat { get; init; }
        public DateOnly? ActivationStart { get; init; }
        public DateOnly? FirstEventOn { get; init; }
        public DateOnly? FirstUseAfterStart { get; init; }
    }

    // SPEC §3b: d = the later of joined_on and the earliest planned start of a wave including
    // the department; employees with neither have no d.
    private const string EmployeesSql = """
        WITH wave_start AS (
            SELECT wd.department_code, MIN(w.planned_start) AS planned_start
            FROM wave_departments wd JOIN waves w ON w.code = wd.wave_code
            GROUP BY wd.department_code
        ), facts AS (
            SELECT e.employee_key, e.department_code, e.joined_on, e.left_on, COALESCE(e.has_seat, 0) AS has_seat,
                   CASE WHEN e.joined_on IS NULL THEN ws.planned_start
                        WHEN ws.planned_start IS NULL OR e.joined_on >= ws.planned_start THEN e.joined_on
                        ELSE ws.planned_start END AS activation_start
            FROM employees e LEFT JOIN wave_start ws ON ws.department_code = e.department_code
        )
        SELECT f.employee_key, f.department_code, f.joined_on, f.left_on, f.has_seat, f.activation_start,
               (SELECT MIN(u.occurred_on) FROM usage_events u WHERE u.employee_key = f.employee_key) AS first_event_on,
               (SELECT MIN(u.occurred_on) FROM usage_events u
                WHERE u.employee_key = f.employee_key AND u.occurred_on >= f.activation_start) AS first_use_after_start
        FROM facts f
        ORDER BY f.employee_key
        """;

    public static async Task<KpiInputs> ReadAsync(DbConnection connection, DbTransaction transaction, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var settings = await connection.QuerySingleAsync<SettingsValues>(SettingsValues.SelectSql, transaction: transaction);
        var departments = (await connection.QueryAsync<string>("SELECT code FROM departments ORDER BY code", transaction: transaction)).ToList();
        var departmentIndex = departments.Select((code, i) => (code, i)).ToDictionary(x => x.code, x => x.i, StringComparer.Ordinal);

        var employeeRows = (await connection.QueryAsync<EmployeeRow>(EmployeesSql, transaction: transaction)).ToList();
        var employees = new EmployeeFacts[employeeRows.Count];
        var employeeIndex = new Dictionary<string, int>(employeeRows.Count, StringComparer.Ordinal);
        for (var i = 0; i < employeeRows.Count; i++)
        {
            var r = employeeRows[i];
            employeeIndex[r.EmployeeKey] = i;
            employees[i] = new EmployeeFacts
            {
                Department = departmentIndex[r.DepartmentCode],
                JoinedOn = r.JoinedOn?.DayNumber, LeftOn = r.LeftOn?.DayNumber, HasSeat = r.HasSeat == 1,
                FirstEventOn = r.FirstEventOn?.DayNumber, ActivationStart = r.ActivationStart?.DayNumber,
                FirstUseAfterStart = r.FirstUseAfterStart?.DayNumber,
            };
        }

        var bounded = from is not null && to is not null;
        var range = bounded ? "WHERE occurred_on >= @from AND occurred_on <= @to" : "";
        var parameters = new { from = from.HasValue ? KpiCalculator.Text(from.Value) : null, to = to.HasValue ? KpiCalculator.Text(to.Value) : null };

        await ReadActiveDaysAsync(connection, transaction, range, parameters, employees, employeeIndex, cancellationToken);
        var usage = await ReadUsageAsync(connection, transaction, range.Replace("occurred_on", "u.occurred_on"), parameters, departmentIndex, cancellationToken);

        var outcomes = new List<OutcomeCell>();
        await using (var reader = await connection.ExecuteReaderAsync($"""
            SELECT department_code, occurred_on, SUM(tickets_avoided), SUM(employees_helped)
            FROM outcome_reports {range}
            GROUP BY department_code, occurred_on
            """, parameters, transaction))
        {
            while (await reader.ReadAsync(cancellationToken))
                outcomes.Add(new OutcomeCell(departmentIndex[reader.GetString(0)], DayNumber(reader.GetString(1)), reader.GetInt64(2), reader.GetInt64(3)));
        }

        return new KpiInputs { Settings = settings, Departments = departments, Employees = employees, Usage = usage, Outcomes = outcomes };
    }

    // The (employee_key, occurred_on) index answers this in its own order, without sorting.
    private static async Task ReadActiveDaysAsync(DbConnection connection, DbTransaction transaction, string range, object parameters,
        EmployeeFacts[] employees, Dictionary<string, int> employeeIndex, CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync($"""
            SELECT employee_key, occurred_on FROM usage_events {range}
            GROUP BY employee_key, occurred_on
            ORDER BY employee_key, occurred_on
            """, parameters, transaction);
        var days = new List<int>();
        string? current = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            if (!string.Equals(key, current, StringComparison.Ordinal))
            {
                if (current is not null) employees[employeeIndex[current]].ActiveDays = days.ToArray();
                days.Clear();
                current = key;
            }
            days.Add(DayNumber(reader.GetString(1)));
        }
        if (current is not null) employees[employeeIndex[current]].ActiveDays = days.ToArray();
    }

    // Minutes are summed as integers (millionths of a minute) so that a total does not depend on
    // the order SQLite meets the rows in: a full and an incremental run give identical figures.
    private static async Task<List<UsageCell>> ReadUsageAsync(DbConnection connection, DbTransaction transaction, string range, object parameters,
        Dictionary<string, int> departmentIndex, CancellationToken cancellationToken)
    {
        var useCaseIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var cells = new List<UsageCell>();
        await using var reader = await connection.ExecuteReaderAsync($"""
            SELECT e.department_code, u.occurred_on, u.use_case_code,
                   SUM(CAST(ROUND(COALESCE(u.minutes_saved, u.uses * c.minutes_saved_per_use) * 1000000) AS INTEGER))
            FROM usage_events u
            JOIN employees e ON e.employee_key = u.employee_key
            JOIN use_cases c ON c.code = u.use_case_code
            {range}
            GROUP BY e.department_code, u.occurred_on, u.use_case_code
            """, parameters, transaction);
        while (await reader.ReadAsync(cancellationToken))
        {
            var useCase = reader.GetString(2);
            if (!useCaseIndex.TryGetValue(useCase, out var id)) useCaseIndex[useCase] = id = useCaseIndex.Count;
            cells.Add(new UsageCell(departmentIndex[reader.GetString(0)], DayNumber(reader.GetString(1)), id, reader.GetInt64(3)));
        }
        return cells;
    }

    /// <summary>'YYYY-MM-DD' to a day number, without the cost of a general date parser.</summary>
    public static int DayNumber(string text)
    {
        if (text.Length < 10 || text[4] != '-' || text[7] != '-')
            return DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture).DayNumber;
        var year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
        var month = (text[5] - '0') * 10 + (text[6] - '0');
        var day = (text[8] - '0') * 10 + (text[9] - '0');
        return new DateOnly(year, month, day).DayNumber;
    }
}
