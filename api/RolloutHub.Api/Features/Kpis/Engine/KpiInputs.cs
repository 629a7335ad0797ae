using RolloutHub.Api.Features.Settings;

namespace RolloutHub.Api.Features.Kpis.Engine;

/// <summary>One employee as the KPI job sees them; dates are <see cref="DateOnly.DayNumber"/>s.</summary>
public sealed class EmployeeFacts
{
    public int Department { get; init; }
    public int? JoinedOn { get; init; }
    public int? LeftOn { get; init; }
    public bool HasSeat { get; init; }
    /// <summary>The employee's earliest usage event, over all time.</summary>
    public int? FirstEventOn { get; init; }
    /// <summary>d: the later of joined_on and the earliest planned start of a wave including the department.</summary>
    public int? ActivationStart { get; init; }
    /// <summary>The first usage event on or after d, over all time.</summary>
    public int? FirstUseAfterStart { get; init; }
    /// <summary>Days with at least one usage event, ascending, within the days the run read.</summary>
    public int[] ActiveDays { get; set; } = [];
    /// <summary>Per tool (by index in <see cref="KpiInputs.Tools"/>): days with a usage event of one of its use cases, ascending; null when none.</summary>
    public int[]?[]? ToolActiveDays { get; set; }

    /// <summary>Headcount: employed at some time in [start, end].</summary>
    public bool EmployedDuring(int start, int end) =>
        (JoinedOn is null || JoinedOn <= end) && (LeftOn is null || LeftOn > start);

    public bool ActiveDuring(int start, int end) => AnyIn(ActiveDays, start, end);

    /// <summary>Whether <paramref name="days"/> (ascending) holds a day in [start, end].</summary>
    public static bool AnyIn(int[] days, int start, int end)
    {
        int lo = 0, hi = days.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (days[mid] < start) lo = mid + 1; else hi = mid;
        }
        return lo < days.Length && days[lo] <= end;
    }
}

/// <summary>Minutes saved (in millionths of a minute, so that sums are exact whatever their order) and uses per department, day and use case.</summary>
public readonly record struct UsageCell(int Department, int Day, int UseCase, long MicroMinutes, long Uses);

public readonly record struct OutcomeCell(int Department, int Day, long TicketsAvoided, long EmployeesHelped);

/// <summary>Everything a KPI computation reads, taken in one read transaction.</summary>
public sealed class KpiInputs
{
    public required SettingsValues Settings { get; init; }
    public required IReadOnlyList<string> Departments { get; init; }
    public required EmployeeFacts[] Employees { get; init; }
    public required List<UsageCell> Usage { get; init; }
    /// <summary>The tools that have a use case, in ordinal order.</summary>
    public IReadOnlyList<string> Tools { get; init; } = [];
    /// <summary>Per use case (the index of <see cref="UsageCell.UseCase"/>): its tool's index in <see cref="Tools"/>, or −1.</summary>
    public int[] UseCaseTools { get; init; } = [];
    public required List<OutcomeCell> Outcomes { get; init; }
}
