using System.Globalization;

namespace RolloutHub.Api.Features.Kpis.Engine;

public enum Grain { Week, Month }

/// <summary>ISO 8601 weeks (Monday to Sunday, <c>YYYY-Www</c>) and calendar months (<c>YYYY-MM</c>).</summary>
public static class Periods
{
    public static string Name(this Grain grain) => grain == Grain.Week ? "week" : "month";

    public static Grain? Parse(string? grain) => grain switch
    {
        "week" => Grain.Week,
        "month" => Grain.Month,
        _ => null,
    };

    /// <summary>The start of the period that contains <paramref name="date"/>: a date belongs to exactly one period of each grain.</summary>
    public static DateOnly StartOf(this Grain grain, DateOnly date) => grain == Grain.Week
        ? date.AddDays(-(((int)date.DayOfWeek + 6) % 7))
        : new DateOnly(date.Year, date.Month, 1);

    public static DateOnly Next(this Grain grain, DateOnly start) => grain == Grain.Week ? start.AddDays(7) : start.AddMonths(1);

    public static DateOnly EndOf(this Grain grain, DateOnly start) => grain.Next(start).AddDays(-1);

    /// <summary><c>2026-W03</c> (the ISO week-numbering year, so 2026-W53 ends on 2027-01-03) or <c>2026-01</c>.</summary>
    public static string Label(this Grain grain, DateOnly start)
    {
        if (grain == Grain.Month) return start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var day = start.ToDateTime(TimeOnly.MinValue);
        return $"{ISOWeek.GetYear(day):0000}-W{ISOWeek.GetWeekOfYear(day):00}";
    }

    /// <summary>The period starts from the one containing <paramref name="first"/> to the one containing <paramref name="last"/>.</summary>
    public static List<DateOnly> Between(this Grain grain, DateOnly first, DateOnly last)
    {
        var starts = new List<DateOnly>();
        for (var start = grain.StartOf(first); start <= last; start = grain.Next(start)) starts.Add(start);
        return starts;
    }

    /// <summary><paramref name="count"/> periods before the period starting at <paramref name="start"/>.</summary>
    public static DateOnly Back(this Grain grain, DateOnly start, int count) =>
        grain == Grain.Week ? start.AddDays(-7 * count) : start.AddMonths(-count);
}
