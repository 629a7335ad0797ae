using System.Data.Common;
using Dapper;

namespace RolloutHub.Api.Features.Kpis;

// The snapshot rows as the read endpoints take them (the KPI job writes them through
// Engine/KpiRows.cs, with dates as the ISO text it binds).

/// <summary>
/// A row of kpi_snapshots: the organisation (<c>DepartmentCode</c> '', with the breadth
/// columns) or a department (with <c>Adopting</c>).
/// </summary>
public sealed record KpiRow
{
    public required string DepartmentCode { get; init; }
    public required string Period { get; init; }
    public DateOnly PeriodStart { get; init; }
    public DateOnly PeriodEnd { get; init; }
    public long Headcount { get; init; }
    public long ActiveEmployees { get; init; }
    public double? Depth { get; init; }
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

    public const string Select = """
        SELECT department_code, period, period_start, period_end, headcount, active_employees, depth, adopting,
               adopting_departments, departments, breadth_ratio, use_cases_in_use, hours_saved, tickets_avoided,
               employees_helped, value_saved, trend, slope
        FROM kpi_snapshots
        """;
}

/// <summary>A row of adoption_snapshots as the endpoints read it.</summary>
public sealed record AdoptionRow
{
    public required string DepartmentCode { get; init; }
    public required string Period { get; init; }
    public DateOnly PeriodStart { get; init; }
    public DateOnly PeriodEnd { get; init; }
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

    public const string Select = """
        SELECT department_code, period, period_start, period_end, headcount, habitual, regular, occasional, non_user, habit_rate,
               retained, new_active, reactivated, lapsed, dormant, eligible, activated, activation_rate, median_days,
               seats_held, seats_idle, unseated_active
        FROM adoption_snapshots
        """;

    public T ToPeriod<T>(bool suppressed) where T : AdoptionPeriod, new() => new()
    {
        Period = Period, Start = PeriodStart, End = PeriodEnd,
        Bands = suppressed || Habitual is null ? null
            : new UsageBands { Habitual = Habitual.Value, Regular = Regular ?? 0, Occasional = Occasional ?? 0, NonUser = NonUser ?? 0 },
        HabitRate = suppressed ? null : HabitRate,
        Transitions = suppressed ? null
            : new CohortTransitions { Retained = Retained, New = NewActive, Reactivated = Reactivated, Lapsed = Lapsed, Dormant = Dormant },
        Activation = suppressed ? null
            : new Activation { Eligible = Eligible, Activated = Activated, Rate = ActivationRate, MedianDays = MedianDays },
        Seats = suppressed ? null : new Seats { Held = SeatsHeld, Idle = SeatsIdle, UnseatedActive = UnseatedActive },
    };
}

/// <summary>A department's code and name, for the per-department series.</summary>
public sealed record DepartmentName
{
    public required string Code { get; init; }
    public required string Name { get; init; }

    /// <summary>Every department by code: the per-department answers list them all, those without employees or snapshots included.</summary>
    public static Task<IEnumerable<DepartmentName>> AllAsync(DbConnection connection, DbTransaction? transaction) =>
        connection.QueryAsync<DepartmentName>("SELECT code, name FROM departments ORDER BY code", transaction: transaction);
}
