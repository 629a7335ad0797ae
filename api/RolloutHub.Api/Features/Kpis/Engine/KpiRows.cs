namespace RolloutHub.Api.Features.Kpis.Engine;

/// <summary>
/// One row of kpi_snapshots: a period of the organisation (<c>DepartmentCode</c> '',
/// with the breadth columns) or of a department (with <c>Adopting</c>). Written by the KPI job,
/// read by the endpoints. Periods are dates (DATE columns; ISO text on SQLite, like every date there).
/// </summary>
public sealed record KpiSnapshotRow
{
    public const string Select = """
        SELECT grain, department_code, period_start, period, period_end, headcount, active_employees, depth, adopting,
               adopting_departments, departments, breadth_ratio, use_cases_in_use, hours_saved, tickets_avoided,
               employees_helped, value_saved, trend, slope
        FROM kpi_snapshots
        """;

    public required string Grain { get; init; }
    public required string DepartmentCode { get; init; }
    public required DateOnly PeriodStart { get; init; }
    public required string Period { get; init; }
    public required DateOnly PeriodEnd { get; init; }
    public long Headcount { get; init; }
    public long ActiveEmployees { get; init; }
    public double? Depth { get; init; }
    /// <summary>1 or 0 (an integer column on every dialect), null for the organisation row.</summary>
    public long? Adopting { get; init; }
    public long? AdoptingDepartments { get; init; }
    public long? Departments { get; init; }
    public double? BreadthRatio { get; init; }
    public long UseCasesInUse { get; init; }
    public double HoursSaved { get; init; }
    public long TicketsAvoided { get; init; }
    public long EmployeesHelped { get; init; }
    public double ValueSaved { get; init; }
    public required string Trend { get; init; }
    public double? Slope { get; init; }

    public DateOnly Start => PeriodStart;
    public DateOnly End => PeriodEnd;
}

/// <summary>One row of adoption_snapshots, written and read like <see cref="KpiSnapshotRow"/>.</summary>
public sealed record AdoptionSnapshotRow
{
    public const string Select = """
        SELECT grain, department_code, period_start, period, period_end, headcount, habitual, regular, occasional, non_user, habit_rate,
               retained, new_active, reactivated, lapsed, dormant, eligible, activated, activation_rate, median_days,
               seats_held, seats_idle, unseated_active
        FROM adoption_snapshots
        """;

    public required string Grain { get; init; }
    public required string DepartmentCode { get; init; }
    public required DateOnly PeriodStart { get; init; }
    public required string Period { get; init; }
    public required DateOnly PeriodEnd { get; init; }
    public long Headcount { get; init; }
    public long? Habitual { get; init; }
    public long? Regular { get; init; }
    public long? Occasional { get; init; }
    public long? NonUser { get; init; }
    public double? HabitRate { get; init; }
    public long Retained { get; init; }
    public long NewActive { get; init; }
    public long Reactivated { get; init; }
    public long Lapsed { get; init; }
    public long Dormant { get; init; }
    public long Eligible { get; init; }
    public long Activated { get; init; }
    public double? ActivationRate { get; init; }
    public double? MedianDays { get; init; }
    public long SeatsHeld { get; init; }
    public long SeatsIdle { get; init; }
    public long UnseatedActive { get; init; }

    public DateOnly Start => PeriodStart;
    public DateOnly End => PeriodEnd;
}

/// <summary>
/// One row of tool_snapshots: a tool's figures in a period, for the organisation
/// (<c>DepartmentCode</c> '') or one department, where the tool was used. Written by the KPI job with the other snapshots.
/// </summary>
public sealed record ToolSnapshotRow
{
    public const string Select = """
        SELECT grain, department_code, period_start, tool, period, period_end, active_employees, depth, uses, hours_saved
        FROM tool_snapshots
        """;

    public required string Grain { get; init; }
    public required string DepartmentCode { get; init; }
    public required DateOnly PeriodStart { get; init; }
    public required string Tool { get; init; }
    public required string Period { get; init; }
    public required DateOnly PeriodEnd { get; init; }
    public long ActiveEmployees { get; init; }
    public double? Depth { get; init; }
    public long Uses { get; init; }
    public double HoursSaved { get; init; }
}

/// <summary>One row of tool_period_snapshots: what a period says across tools (employees using two or more).</summary>
public sealed record ToolPeriodSnapshotRow
{
    public required string Grain { get; init; }
    public required string DepartmentCode { get; init; }
    public required DateOnly PeriodStart { get; init; }
    public required string Period { get; init; }
    public required DateOnly PeriodEnd { get; init; }
    public long MultiToolEmployees { get; init; }
}
