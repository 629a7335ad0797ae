using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Employees;
using RolloutHub.Api.Features.Kpis.Engine;

namespace RolloutHub.Api.Features.Kpis;

/// <summary>
/// Licence seats and when one is idle (docs/DEFINITIONS.md#adoption-quality, "Seats"): the seats of
/// a period are held by the seat holders of its headcount (employed at some time during it); a seat
/// is idle when its holder has no usage event in the <see cref="IdleWindowDays"/> days ending on the
/// period's last day, that day included. A question about one day (the idle-seats list, the
/// budget's idle seats) takes the idle window ending on that day as its period, so that a holder
/// who left inside the window still shows as the unused seat the KPI of that week counts.
/// The KPI engine, the idle-seats list and the budget summary all ask here.
/// </summary>
public static class LicenceSeats
{
    public const int IdleWindowDays = 28;

    /// <summary>The first day of the idle window ending on <paramref name="end"/>.</summary>
    public static DateOnly IdleWindowStart(DateOnly end) => end.AddDays(-(IdleWindowDays - 1));

    /// <summary>The same, in day numbers (<see cref="DateOnly.DayNumber"/>), as the KPI engine counts.</summary>
    public static int IdleWindowStart(int endDay) => endDay - (IdleWindowDays - 1);

    /// <summary>The period a one-day question covers: the idle window ending on the day.</summary>
    public static (DateOnly Start, DateOnly End) PeriodEndingOn(DateOnly day) => (IdleWindowStart(day), day);

    /// <summary>Whether an employee of the period's headcount holds an idle seat at the period's end (the engine's twin of <see cref="IsIdleSql"/>).</summary>
    public static bool IsIdle(EmployeeFacts employee, int periodEndDay) =>
        employee.HasSeat && !employee.ActiveDuring(IdleWindowStart(periodEndDay), periodEndDay);

    /// <summary>SQL: employees aliased <paramref name="alias"/> holding a seat in the period [start, end] (parameters).</summary>
    public static string HeldSql(SqlDialect dialect, string alias, string startParameter, string endParameter) =>
        $"{dialect.IsTrue(alias + ".has_seat")} AND {Employment.During(alias, startParameter, endParameter)}";

    /// <summary>
    /// SQL: no usage event of employee <paramref name="alias"/> in the idle window [windowStart, end]
    /// (parameters; pass <see cref="IdleWindowStart(DateOnly)"/> of the period's end). Each check is an index seek.
    /// </summary>
    public static string IsIdleSql(string alias, string windowStartParameter, string endParameter) =>
        $"""
        NOT EXISTS (SELECT 1 FROM usage_events seat_use
                    WHERE seat_use.employee_key = {alias}.employee_key
                      AND seat_use.occurred_on >= {windowStartParameter} AND seat_use.occurred_on <= {endParameter})
        """;
}
