namespace RolloutHub.Api.Features.Kpis.Engine;

/// <summary>
/// The tools' figures of one run and grain, for the organisation and each department. A period's
/// figures depend on that period's events and headcount only (no window), so only the written
/// periods are computed. A tool's row is stored only for the periods and scopes where it was used
/// (most periods of a long history have none): the reader lists every tool, unused ones at zero.
/// <list type="bullet">
/// <item>activeEmployees: employees in the scope's headcount with a usage event in the period of one of the tool's use cases;</item>
/// <item>depth: that ÷ the headcount, null when the headcount is 0;</item>
/// <item>uses and hours saved: over every usage event of the tool's use cases in the period, by the department of the employee's current record, employed or not (as impact);</item>
/// <item>multiToolEmployees: employees in the headcount active with use cases of two tools or more.</item>
/// </list>
/// </summary>
public static class ToolCalculator
{
    /// <summary>
    /// The tools of the use cases: each named once whatever its case (a use case typed "chatgpt
    /// enterprise" is ChatGPT Enterprise's), by its first spelling in ordinal order, ordered by name.
    /// </summary>
    public static List<string> ToolsOf(IEnumerable<string?> useCaseTools) =>
        useCaseTools.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim()).Order(StringComparer.Ordinal)
            .DistinctBy(t => t, StringComparer.OrdinalIgnoreCase).ToList();

    public static (List<ToolSnapshotRow> Tools, List<ToolPeriodSnapshotRow> Periods) Compute(
        KpiInputs input, Grain grain, DateOnly writeFrom, DateOnly last)
    {
        var toolRows = new List<ToolSnapshotRow>();
        var periodRows = new List<ToolPeriodSnapshotRow>();
        var starts = grain.Between(writeFrom, last);
        var n = starts.Count;
        if (n == 0) return (toolRows, periodRows);

        var toolCount = input.Tools.Count;
        var startDays = starts.Select(s => s.DayNumber).ToArray();
        var endDays = starts.Select(s => grain.EndOf(s).DayNumber).ToArray();
        var departmentCount = input.Departments.Count;
        var org = departmentCount; // the organisation is the last scope
        var scopes = departmentCount + 1;

        var headcount = new long[scopes, n];
        var active = new long[scopes, n, toolCount];
        var multiTool = new long[scopes, n];
        foreach (var employee in input.Employees)
        {
            var dept = employee.Department;
            for (var p = 0; p < n; p++)
            {
                if (!employee.EmployedDuring(startDays[p], endDays[p])) continue;
                headcount[dept, p]++;
                headcount[org, p]++;
                if (employee.ToolActiveDays is not { } byTool) continue;
                var tools = 0;
                for (var t = 0; t < toolCount; t++)
                {
                    if (byTool[t] is not { } days || !EmployeeFacts.AnyIn(days, startDays[p], endDays[p])) continue;
                    tools++;
                    active[dept, p, t]++;
                    active[org, p, t]++;
                }
                if (tools >= 2)
                {
                    multiTool[dept, p]++;
                    multiTool[org, p]++;
                }
            }
        }

        var uses = new long[scopes, n, toolCount];
        var microMinutes = new long[scopes, n, toolCount];
        foreach (var cell in input.Usage)
        {
            var tool = input.UseCaseTools[cell.UseCase];
            if (tool < 0) continue;
            var p = KpiCalculator.IndexOf(grain, starts[0], startDays, cell.Day);
            if (p < 0) continue;
            uses[cell.Department, p, tool] += cell.Uses;
            uses[org, p, tool] += cell.Uses;
            microMinutes[cell.Department, p, tool] += cell.MicroMinutes;
            microMinutes[org, p, tool] += cell.MicroMinutes;
        }

        var grainName = grain.Name();
        for (var p = 0; p < n; p++)
        {
            var period = grain.Label(starts[p]);
            var startText = starts[p];
            var endText = DateOnly.FromDayNumber(endDays[p]);
            for (var s = 0; s < scopes; s++)
            {
                var code = s == org ? "" : input.Departments[s];
                var hc = headcount[s, p];
                periodRows.Add(new ToolPeriodSnapshotRow
                {
                    Grain = grainName, DepartmentCode = code, PeriodStart = startText, Period = period, PeriodEnd = endText,
                    MultiToolEmployees = multiTool[s, p],
                });
                for (var t = 0; t < toolCount; t++)
                {
                    // Someone active with the tool had an event of it, so no uses means nothing to store.
                    if (uses[s, p, t] == 0) continue;
                    toolRows.Add(new ToolSnapshotRow
                    {
                        Grain = grainName, DepartmentCode = code, PeriodStart = startText, Tool = input.Tools[t],
                        Period = period, PeriodEnd = endText, ActiveEmployees = active[s, p, t],
                        Depth = hc == 0 ? null : (double)active[s, p, t] / hc,
                        Uses = uses[s, p, t], HoursSaved = microMinutes[s, p, t] / 60_000_000.0,
                    });
                }
            }
        }
        return (toolRows, periodRows);
    }
}
