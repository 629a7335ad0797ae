using System.Data.Common;
using Dapper;

namespace RolloutHub.Api.Features.Kpis.Engine;

/// <summary>Inserts snapshot rows inside the run's write transaction.</summary>
public static class SnapshotWriter
{
    private const string KpiInsert = """
        INSERT INTO kpi_snapshots (grain, department_code, period_start, period, period_end, headcount, active_employees, depth,
            adopting, adopting_departments, departments, breadth_ratio, use_cases_in_use, hours_saved, tickets_avoided,
            employees_helped, value_saved, trend, slope)
        VALUES (@Grain, @DepartmentCode, @PeriodStart, @Period, @PeriodEnd, @Headcount, @ActiveEmployees, @Depth,
            @Adopting, @AdoptingDepartments, @Departments, @BreadthRatio, @UseCasesInUse, @HoursSaved, @TicketsAvoided,
            @EmployeesHelped, @ValueSaved, @Trend, @Slope)
        """;

    private const string AdoptionInsert = """
        INSERT INTO adoption_snapshots (grain, department_code, period_start, period, period_end, headcount, habitual, regular,
            occasional, non_user, habit_rate, retained, new_active, reactivated, lapsed, dormant, eligible, activated,
            activation_rate, median_days, seats_held, seats_idle, unseated_active)
        VALUES (@Grain, @DepartmentCode, @PeriodStart, @Period, @PeriodEnd, @Headcount, @Habitual, @Regular,
            @Occasional, @NonUser, @HabitRate, @Retained, @NewActive, @Reactivated, @Lapsed, @Dormant, @Eligible, @Activated,
            @ActivationRate, @MedianDays, @SeatsHeld, @SeatsIdle, @UnseatedActive)
        """;

    private const string ToolInsert = """
        INSERT INTO tool_snapshots (grain, department_code, period_start, tool, period, period_end, active_employees, depth, uses, hours_saved)
        VALUES (@Grain, @DepartmentCode, @PeriodStart, @Tool, @Period, @PeriodEnd, @ActiveEmployees, @Depth, @Uses, @HoursSaved)
        """;

    private const string ToolPeriodInsert = """
        INSERT INTO tool_period_snapshots (grain, department_code, period_start, period, period_end, multi_tool_employees)
        VALUES (@Grain, @DepartmentCode, @PeriodStart, @Period, @PeriodEnd, @MultiToolEmployees)
        """;

    public static async Task InsertAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<KpiSnapshotRow> kpis, IReadOnlyList<AdoptionSnapshotRow> adoption,
        IReadOnlyList<ToolSnapshotRow> tools, IReadOnlyList<ToolPeriodSnapshotRow> toolPeriods, CancellationToken cancellationToken)
    {
        // Thousands of rows (departments × periods, times the tools for the tool rows): Dapper's per-row execution of one
        // prepared statement is fast enough inside a single transaction.
        if (kpis.Count > 0) await connection.ExecuteAsync(new CommandDefinition(KpiInsert, kpis, transaction, cancellationToken: cancellationToken));
        if (adoption.Count > 0) await connection.ExecuteAsync(new CommandDefinition(AdoptionInsert, adoption, transaction, cancellationToken: cancellationToken));
        if (tools.Count > 0) await connection.ExecuteAsync(new CommandDefinition(ToolInsert, tools, transaction, cancellationToken: cancellationToken));
        if (toolPeriods.Count > 0) await connection.ExecuteAsync(new CommandDefinition(ToolPeriodInsert, toolPeriods, transaction, cancellationToken: cancellationToken));
    }
}
