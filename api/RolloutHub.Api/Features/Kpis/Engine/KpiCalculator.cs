using System.Globalization;

namespace RolloutHub.Api.Features.Kpis.Engine;

/// <summary>
/// Turns the inputs of one run into snapshot rows for one grain. Pure and in memory: the set
/// work (distinct active days, minutes per department and day) was done by SQL; what is left
/// is a pass over employees × periods with binary searches in each employee's active days.
/// </summary>
public static class KpiCalculator
{
    /// <summary>Weeks before a period that SPEC §3b bands look at (the 12 weeks ending at P).</summary>
    public const int BandWeeks = 12;

    /// <summary>
    /// Computes every period from <paramref name="computeFrom"/> to <paramref name="last"/> (starts) and
    /// returns the rows of those starting on or after <paramref name="writeFrom"/>. The earlier ones
    /// exist only to feed the windows (sustainability, bands, transitions) of the written ones.
    /// Periods before <paramref name="dataFrom"/> take their active counts from
    /// <paramref name="storedActive"/> (scope '' is the organisation): the events read start there.
    /// </summary>
    public static (List<KpiSnapshotRow> Kpis, List<AdoptionSnapshotRow> Adoption) Compute(
        KpiInputs input, Grain grain, DateOnly computeFrom, DateOnly last, DateOnly writeFrom,
        DateOnly? dataFrom = null, IReadOnlyDictionary<(string Scope, DateOnly Start), long>? storedActive = null)
    {
        var settings = input.Settings;
        var starts = grain.Between(computeFrom, last);
        var n = starts.Count;
        var kpis = new List<KpiSnapshotRow>();
        var adoption = new List<AdoptionSnapshotRow>();
        if (n == 0) return (kpis, adoption);

        var startDays = starts.Select(s => s.DayNumber).ToArray();
        var endDays = starts.Select(s => grain.EndOf(s).DayNumber).ToArray();
        var departmentCount = input.Departments.Count;
        var scopes = departmentCount + 1; // the organisation is the last scope
        var org = departmentCount;

        // Activity flags per period, with BandWeeks + 1 extra periods before the first one so
        // that bands and "previous period" never index outside the array.
        const int pad = BandWeeks + 1;
        var flagStarts = new int[n + pad];
        var flagEnds = new int[n + pad];
        for (int i = 0, s = 0; i < n + pad; i++)
        {
            var start = i < pad ? grain.Back(starts[0], pad - i) : starts[s++];
            flagStarts[i] = start.DayNumber;
            flagEnds[i] = grain.EndOf(start).DayNumber;
        }

        var headcount = new long[scopes, n];
        var active = new long[scopes, n];
        var bands = new long[scopes, n, 4]; // habitual, regular, occasional, non-user
        var transitions = new long[scopes, n, 5]; // retained, new, reactivated, lapsed, dormant
        var eligible = new long[scopes, n];
        var activated = new long[scopes, n];
        var firstUseDays = new List<int>[scopes, n];
        var held = new long[scopes, n];
        var idle = new long[scopes, n];
        var unseatedActive = new long[scopes, n];
        var earliestEvent = new int?[scopes];
        var activationWindow = settings.ActivationWindowDays;

        var flags = new bool[n + pad];
        foreach (var employee in input.Employees)
        {
            var dept = employee.Department;
            if (employee.FirstEventOn is { } first)
            {
                earliestEvent[dept] = earliestEvent[dept] is { } e1 ? Math.Min(e1, first) : first;
                earliestEvent[org] = earliestEvent[org] is { } e2 ? Math.Min(e2, first) : first;
            }
            for (var i = 0; i < flags.Length; i++) flags[i] = employee.ActiveDays.Length > 0 && employee.ActiveDuring(flagStarts[i], flagEnds[i]);

            for (var p = 0; p < n; p++)
            {
                int start = startDays[p], end = endDays[p];
                if (!employee.EmployedDuring(start, end)) continue;
                var f = p + pad;
                var isActive = flags[f];
                var wasActive = flags[f - 1];
                Count(headcount, dept, org, p);
                if (isActive)
                {
                    Count(active, dept, org, p);
                    if (!employee.HasSeat) Count(unseatedActive, dept, org, p);
                }
                if (employee.HasSeat)
                {
                    Count(held, dept, org, p);
                    // SPEC §3b: idle = no usage event in the 28 days ending at P's end (that day included).
                    if (!employee.ActiveDuring(end - 27, end)) Count(idle, dept, org, p);
                }

                // SPEC §3b cohort transition from the previous period to P.
                var transition = (isActive, wasActive) switch
                {
                    (true, true) => 0,
                    (true, false) => employee.FirstEventOn < flagStarts[f - 1] ? 2 : 1,
                    (false, true) => 3,
                    _ => 4,
                };
                transitions[dept, p, transition]++;
                transitions[org, p, transition]++;

                if (grain == Grain.Week)
                {
                    var weeks = 0;
                    for (var k = 0; k < BandWeeks; k++) if (flags[f - k]) weeks++;
                    var band = weeks >= 9 ? 0 : weeks >= 5 ? 1 : weeks >= 1 ? 2 : 3;
                    bands[dept, p, band]++;
                    bands[org, p, band]++;
                }

                // SPEC §3b activation as of P.
                if (employee.ActivationStart is { } d && d <= end - activationWindow)
                {
                    Count(eligible, dept, org, p);
                    if (employee.FirstUseAfterStart is { } use)
                    {
                        if (use - d <= activationWindow) Count(activated, dept, org, p);
                        if (use <= end)
                        {
                            (firstUseDays[dept, p] ??= []).Add(use - d);
                            (firstUseDays[org, p] ??= []).Add(use - d);
                        }
                    }
                }
            }
        }

        if (dataFrom is { } known && storedActive is not null)
            for (var p = 0; p < n && starts[p] < known; p++)
                for (var s = 0; s < scopes; s++)
                    active[s, p] = storedActive.GetValueOrDefault((s == org ? "" : input.Departments[s], starts[p]));

        // Diversity and impact come from the usage and outcome cells, by the department of the
        // employee's current record, employed or not (SPEC §3).
        var useCases = new HashSet<int>[scopes, n];
        var microMinutes = new long[scopes, n];
        foreach (var cell in input.Usage)
        {
            var p = IndexOf(grain, starts[0], startDays, cell.Day);
            if (p < 0) continue;
            (useCases[cell.Department, p] ??= []).Add(cell.UseCase);
            (useCases[org, p] ??= []).Add(cell.UseCase);
            microMinutes[cell.Department, p] += cell.MicroMinutes;
            microMinutes[org, p] += cell.MicroMinutes;
        }
        var tickets = new long[scopes, n];
        var helped = new long[scopes, n];
        foreach (var cell in input.Outcomes)
        {
            var p = IndexOf(grain, starts[0], startDays, cell.Day);
            if (p < 0) continue;
            tickets[cell.Department, p] += cell.TicketsAvoided;
            tickets[org, p] += cell.TicketsAvoided;
            helped[cell.Department, p] += cell.EmployeesHelped;
            helped[org, p] += cell.EmployeesHelped;
        }

        var window = grain == Grain.Week ? settings.WeekWindow : settings.MonthWindow;
        var threshold = grain == Grain.Week ? settings.WeekThreshold : settings.MonthThreshold;
        var grainName = grain.Name();
        for (var p = 0; p < n; p++)
        {
            if (starts[p] < writeFrom) continue;
            var period = grain.Label(starts[p]);
            var startText = starts[p];
            var endText = DateOnly.FromDayNumber(endDays[p]);
            long adoptingDepartments = 0, departmentsWithHeadcount = 0;
            var rows = new KpiSnapshotRow[scopes];
            for (var s = 0; s < scopes; s++)
            {
                var hc = headcount[s, p];
                double? depth = hc == 0 ? null : (double)active[s, p] / hc;
                var adopting = hc > 0 && depth >= settings.AdoptingDepthThreshold;
                if (s != org && hc > 0)
                {
                    departmentsWithHeadcount++;
                    if (adopting) adoptingDepartments++;
                }
                var hours = microMinutes[s, p] / 60_000_000.0;
                var (trend, slope) = Sustainability(grain, starts, active, s, p, earliestEvent[s], window, threshold, settings.MinPeriods);
                rows[s] = new KpiSnapshotRow
                {
                    Grain = grainName, DepartmentCode = s == org ? "" : input.Departments[s],
                    PeriodStart = startText, Period = period, PeriodEnd = endText,
                    Headcount = hc, ActiveEmployees = active[s, p], Depth = depth,
                    Adopting = s == org ? null : adopting ? 1 : 0,
                    UseCasesInUse = useCases[s, p]?.Count ?? 0,
                    HoursSaved = hours, TicketsAvoided = tickets[s, p], EmployeesHelped = helped[s, p],
                    ValueSaved = hours * settings.HourlyCost,
                    Trend = trend, Slope = slope,
                };

                var medianList = firstUseDays[s, p];
                adoption.Add(new AdoptionSnapshotRow
                {
                    Grain = grainName, DepartmentCode = rows[s].DepartmentCode,
                    PeriodStart = startText, Period = period, PeriodEnd = endText,
                    Headcount = hc,
                    Habitual = grain == Grain.Week ? bands[s, p, 0] : null,
                    Regular = grain == Grain.Week ? bands[s, p, 1] : null,
                    Occasional = grain == Grain.Week ? bands[s, p, 2] : null,
                    NonUser = grain == Grain.Week ? bands[s, p, 3] : null,
                    HabitRate = grain == Grain.Week && hc > 0 ? (double)bands[s, p, 0] / hc : null,
                    Retained = transitions[s, p, 0], NewActive = transitions[s, p, 1], Reactivated = transitions[s, p, 2],
                    Lapsed = transitions[s, p, 3], Dormant = transitions[s, p, 4],
                    Eligible = eligible[s, p], Activated = activated[s, p],
                    ActivationRate = eligible[s, p] == 0 ? null : (double)activated[s, p] / eligible[s, p],
                    MedianDays = medianList is null ? null : Median(medianList),
                    SeatsHeld = held[s, p], SeatsIdle = idle[s, p], UnseatedActive = unseatedActive[s, p],
                });
            }
            rows[org] = rows[org] with
            {
                AdoptingDepartments = adoptingDepartments,
                Departments = departmentsWithHeadcount,
                BreadthRatio = departmentsWithHeadcount == 0 ? null : (double)adoptingDepartments / departmentsWithHeadcount,
            };
            kpis.AddRange(rows);
        }
        return (kpis, adoption);
    }

    /// <summary>
    /// SPEC §3 Sustainability: the last N periods ending at P, less those starting before the
    /// period of the scope's earliest usage event; least-squares slope of Active on 0,1,… divided by the mean.
    /// </summary>
    private static (string Trend, double? Slope) Sustainability(
        Grain grain, List<DateOnly> starts, long[,] active, int scope, int p, int? earliestEvent, int window, double threshold, int minPeriods)
    {
        if (earliestEvent is not { } earliest) return ("insufficient-data", null);
        var firstKept = grain.StartOf(DateOnly.FromDayNumber(earliest));
        var from = p - window + 1;
        while (from <= p && (from < 0 || starts[from] < firstKept)) from++;
        var count = p - from + 1;
        if (count < minPeriods) return ("insufficient-data", null);

        double meanX = (count - 1) / 2.0, sumY = 0;
        for (var q = from; q <= p; q++) sumY += active[scope, q];
        var meanY = sumY / count;
        if (meanY == 0) return ("inactive", 0);
        double sxy = 0, sxx = 0;
        for (var q = from; q <= p; q++)
        {
            var dx = q - from - meanX;
            sxy += dx * (active[scope, q] - meanY);
            sxx += dx * dx;
        }
        var slope = sxy / sxx / meanY;
        var trend = slope >= threshold ? "growing" : slope <= -threshold ? "declining" : "stable";
        return (trend, slope);
    }

    /// <summary>SPEC §3b: the median of an even count is the mean of the two middle values.</summary>
    private static double Median(List<int> values)
    {
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
    }

    internal static int IndexOf(Grain grain, DateOnly first, int[] startDays, int day)
    {
        if (day < startDays[0]) return -1;
        int p;
        if (grain == Grain.Week) p = (day - startDays[0]) / 7;
        else
        {
            var date = DateOnly.FromDayNumber(day);
            p = (date.Year - first.Year) * 12 + date.Month - first.Month;
        }
        return p < startDays.Length ? p : -1;
    }

    private static void Count(long[,] counts, int department, int org, int p)
    {
        counts[department, p]++;
        counts[org, p]++;
    }

    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
