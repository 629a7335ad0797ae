using System.Globalization;

namespace RolloutHub.Api.Features.Kpis.Engine;

/// <summary>
/// Turns the inputs of one run into snapshot rows for one grain. Pure and in memory, in named
/// passes over named counters (<see cref="PeriodCounters"/>, one per scope and period):
/// <list type="number">
/// <item><see cref="CountEmployees"/>: each employee of each period's headcount classified once
/// (<see cref="EmployeeInPeriod"/>) and counted in their department and the organisation;</item>
/// <item><see cref="UseStoredActive"/>: the active counts of the periods whose activity was not read, from the stored snapshots;</item>
/// <item><see cref="CountUsage"/> and <see cref="CountOutcomes"/>: diversity and impact from the usage and outcome cells;</item>
/// <item><see cref="Rows"/>: the snapshot rows of the written periods, with sustainability and breadth.</item>
/// </list>
/// The definitions are those of docs/DEFINITIONS.md.
/// </summary>
public static class KpiCalculator
{
    /// <summary>Weeks before a period that the usage bands look at (the 12 weeks ending at P).</summary>
    public const int BandWeeks = 12;

    /// <summary>
    /// Computes every period from <paramref name="computeFrom"/> to <paramref name="last"/> (starts) and
    /// returns the rows of those starting on or after <paramref name="writeFrom"/>. The earlier ones
    /// exist only to feed the windows (sustainability, bands, transitions) of the written ones.
    /// Periods before <paramref name="dataFrom"/> take their active counts from
    /// <paramref name="storedActive"/> (scope '' is the organisation): the activity read starts there.
    /// </summary>
    public static (List<KpiSnapshotRow> Kpis, List<AdoptionSnapshotRow> Adoption) Compute(
        KpiInputs input, Grain grain, DateOnly computeFrom, DateOnly last, DateOnly writeFrom,
        DateOnly? dataFrom = null, IReadOnlyDictionary<(string Scope, DateOnly Start), long>? storedActive = null)
    {
        var calendar = new PeriodCalendar(grain, grain.Between(computeFrom, last));
        if (calendar.Count == 0) return ([], []);
        var counters = new CounterGrid(input.Departments.Count, calendar.Count);

        CountEmployees(input, calendar, counters);
        if (dataFrom is { } known && storedActive is not null) UseStoredActive(input, calendar, counters, known, storedActive);
        CountUsage(input, calendar, counters);
        CountOutcomes(input, calendar, counters);
        return Rows(input, calendar, counters, writeFrom);
    }

    /// <summary>The periods of one computation, with BandWeeks + 1 earlier ones whose activity bands and "previous period" look at.</summary>
    private sealed class PeriodCalendar
    {
        /// <summary>Look-back periods before the first computed one: bands and transitions never index outside.</summary>
        public const int Pad = BandWeeks + 1;

        public PeriodCalendar(Grain grain, List<DateOnly> starts)
        {
            Grain = grain;
            Starts = starts;
            StartDays = starts.Select(s => s.DayNumber).ToArray();
            EndDays = starts.Select(s => grain.EndOf(s).DayNumber).ToArray();
            if (starts.Count == 0) return;
            ActivityStarts = new int[starts.Count + Pad];
            ActivityEnds = new int[starts.Count + Pad];
            for (int i = 0, s = 0; i < ActivityStarts.Length; i++)
            {
                var start = i < Pad ? grain.Back(starts[0], Pad - i) : starts[s++];
                ActivityStarts[i] = start.DayNumber;
                ActivityEnds[i] = grain.EndOf(start).DayNumber;
            }
        }

        public Grain Grain { get; }
        public List<DateOnly> Starts { get; }
        public int Count => Starts.Count;
        public int[] StartDays { get; }
        public int[] EndDays { get; }
        /// <summary>Periods with the look-back ones first: computed period p is index p + <see cref="Pad"/>.</summary>
        public int[] ActivityStarts { get; } = [];
        public int[] ActivityEnds { get; } = [];

        public int IndexOf(int day) => KpiCalculator.IndexOf(Grain, Starts[0], StartDays, day);
    }

    /// <summary>What one scope counts in one period.</summary>
    private sealed class PeriodCounters
    {
        public long Headcount;
        public long Active;
        public long Habitual, Regular, Occasional, NonUser;
        public long Retained, NewActive, Reactivated, Lapsed, Dormant;
        public long Eligible, Activated;
        /// <summary>Days from d to first use of the eligible who have used by the period's end.</summary>
        public List<int>? DaysToFirstUse;
        public long SeatsHeld, SeatsIdle, UnseatedActive;
        public HashSet<int>? UseCases;
        public long MicroMinutes;
        public long TicketsAvoided, EmployeesHelped;

        public void Add(in EmployeeInPeriod e)
        {
            Headcount++;
            if (e.Active)
            {
                Active++;
                if (!e.HasSeat) UnseatedActive++;
            }
            if (e.HasSeat)
            {
                SeatsHeld++;
                if (e.SeatIdle) SeatsIdle++;
            }
            switch (e.Transition)
            {
                case Transition.Retained: Retained++; break;
                case Transition.New: NewActive++; break;
                case Transition.Reactivated: Reactivated++; break;
                case Transition.Lapsed: Lapsed++; break;
                default: Dormant++; break;
            }
            switch (e.Band)
            {
                case Band.Habitual: Habitual++; break;
                case Band.Regular: Regular++; break;
                case Band.Occasional: Occasional++; break;
                case Band.NonUser: NonUser++; break;
            }
            if (e.Eligible)
            {
                Eligible++;
                if (e.Activated) Activated++;
            }
            if (e.DaysToFirstUse is { } days) (DaysToFirstUse ??= []).Add(days);
        }
    }

    /// <summary>The counters of every department (by index) and of the organisation (the last scope), per period.</summary>
    private sealed class CounterGrid
    {
        private readonly PeriodCounters[,] _cells;

        public CounterGrid(int departmentCount, int periods)
        {
            Organisation = departmentCount;
            Scopes = departmentCount + 1;
            _cells = new PeriodCounters[Scopes, periods];
            for (var s = 0; s < Scopes; s++)
                for (var p = 0; p < periods; p++) _cells[s, p] = new PeriodCounters();
            EarliestEvent = new int?[Scopes];
        }

        public int Scopes { get; }
        public int Organisation { get; }
        /// <summary>Per scope, the day of its earliest usage event ever (sustainability drops the periods before it).</summary>
        public int?[] EarliestEvent { get; }

        public PeriodCounters this[int scope, int period] => _cells[scope, period];

        public long[] ActiveSeries(int scope)
        {
            var series = new long[_cells.GetLength(1)];
            for (var p = 0; p < series.Length; p++) series[p] = _cells[scope, p].Active;
            return series;
        }
    }

    private enum Transition { Retained, New, Reactivated, Lapsed, Dormant }

    private enum Band { Habitual, Regular, Occasional, NonUser }

    /// <summary>One employee of a period's headcount, classified by each definition.</summary>
    private readonly record struct EmployeeInPeriod(
        bool Active, bool HasSeat, bool SeatIdle, Transition Transition, Band? Band,
        bool Eligible, bool Activated, int? DaysToFirstUse);

    /// <summary>Headcount, activity, bands, transitions, seats and activation: one pass over employees × periods.</summary>
    private static void CountEmployees(KpiInputs input, PeriodCalendar calendar, CounterGrid counters)
    {
        var org = counters.Organisation;
        var activationWindow = input.Settings.ActivationWindowDays;
        var activeIn = new bool[calendar.ActivityStarts.Length];
        foreach (var employee in input.Employees)
        {
            var dept = employee.Department;
            if (employee.FirstEventOn is { } first)
            {
                counters.EarliestEvent[dept] = counters.EarliestEvent[dept] is { } e1 ? Math.Min(e1, first) : first;
                counters.EarliestEvent[org] = counters.EarliestEvent[org] is { } e2 ? Math.Min(e2, first) : first;
            }
            for (var i = 0; i < activeIn.Length; i++)
                activeIn[i] = employee.ActiveDays.Length > 0 && employee.ActiveDuring(calendar.ActivityStarts[i], calendar.ActivityEnds[i]);

            for (var p = 0; p < calendar.Count; p++)
            {
                int start = calendar.StartDays[p], end = calendar.EndDays[p];
                if (!employee.EmployedDuring(start, end)) continue;
                var facts = Classify(employee, calendar, activeIn, p + PeriodCalendar.Pad, end, activationWindow);
                counters[dept, p].Add(facts);
                counters[org, p].Add(facts);
            }
        }
    }

    private static EmployeeInPeriod Classify(EmployeeFacts employee, PeriodCalendar calendar, bool[] activeIn, int f, int end, int activationWindow)
    {
        var isActive = activeIn[f];
        var wasActive = activeIn[f - 1];
        // Transition from the previous period: reactivated when some activity came before it.
        var transition = (isActive, wasActive) switch
        {
            (true, true) => Transition.Retained,
            (true, false) => employee.FirstEventOn < calendar.ActivityStarts[f - 1] ? Transition.Reactivated : Transition.New,
            (false, true) => Transition.Lapsed,
            _ => Transition.Dormant,
        };

        Band? band = null;
        if (calendar.Grain == Grain.Week)
        {
            var weeks = 0;
            for (var k = 0; k < BandWeeks; k++) if (activeIn[f - k]) weeks++;
            band = weeks >= 9 ? Band.Habitual : weeks >= 5 ? Band.Regular : weeks >= 1 ? Band.Occasional : Band.NonUser;
        }

        // Activation as of the period: eligible once d is at least the window before its end.
        bool eligible = false, activated = false;
        int? daysToFirstUse = null;
        if (employee.ActivationStart is { } d && d <= end - activationWindow)
        {
            eligible = true;
            if (employee.FirstUseAfterStart is { } use)
            {
                activated = use - d <= activationWindow;
                if (use <= end) daysToFirstUse = use - d;
            }
        }

        var seatIdle = employee.HasSeat && LicenceSeats.IsIdle(employee, end);
        return new EmployeeInPeriod(isActive, employee.HasSeat, seatIdle, transition, band, eligible, activated, daysToFirstUse);
    }

    /// <summary>The active counts of the periods before <paramref name="dataFrom"/>, whose data has not changed since they were stored.</summary>
    private static void UseStoredActive(KpiInputs input, PeriodCalendar calendar, CounterGrid counters, DateOnly dataFrom,
        IReadOnlyDictionary<(string Scope, DateOnly Start), long> storedActive)
    {
        for (var p = 0; p < calendar.Count && calendar.Starts[p] < dataFrom; p++)
            for (var s = 0; s < counters.Scopes; s++)
                counters[s, p].Active = storedActive.GetValueOrDefault((s == counters.Organisation ? "" : input.Departments[s], calendar.Starts[p]));
    }

    /// <summary>Diversity and minutes saved, by the department of the employee's current record, employed or not.</summary>
    private static void CountUsage(KpiInputs input, PeriodCalendar calendar, CounterGrid counters)
    {
        foreach (var cell in input.Usage)
        {
            var p = calendar.IndexOf(cell.Day);
            if (p < 0) continue;
            Add(counters[cell.Department, p], cell);
            Add(counters[counters.Organisation, p], cell);
        }

        static void Add(PeriodCounters c, UsageCell cell)
        {
            (c.UseCases ??= []).Add(cell.UseCase);
            c.MicroMinutes += cell.MicroMinutes;
        }
    }

    private static void CountOutcomes(KpiInputs input, PeriodCalendar calendar, CounterGrid counters)
    {
        foreach (var cell in input.Outcomes)
        {
            var p = calendar.IndexOf(cell.Day);
            if (p < 0) continue;
            Add(counters[cell.Department, p], cell);
            Add(counters[counters.Organisation, p], cell);
        }

        static void Add(PeriodCounters c, OutcomeCell cell)
        {
            c.TicketsAvoided += cell.TicketsAvoided;
            c.EmployeesHelped += cell.EmployeesHelped;
        }
    }

    /// <summary>The rows of the periods from <paramref name="writeFrom"/>: the KPIs with sustainability and breadth, and adoption quality.</summary>
    private static (List<KpiSnapshotRow> Kpis, List<AdoptionSnapshotRow> Adoption) Rows(
        KpiInputs input, PeriodCalendar calendar, CounterGrid counters, DateOnly writeFrom)
    {
        var settings = input.Settings;
        var grain = calendar.Grain;
        var org = counters.Organisation;
        var kpis = new List<KpiSnapshotRow>();
        var adoption = new List<AdoptionSnapshotRow>();
        var window = grain == Grain.Week ? settings.WeekWindow : settings.MonthWindow;
        var threshold = grain == Grain.Week ? settings.WeekThreshold : settings.MonthThreshold;
        var activeSeries = Enumerable.Range(0, counters.Scopes).Select(counters.ActiveSeries).ToArray();
        var grainName = grain.Name();
        var weekly = grain == Grain.Week;
        for (var p = 0; p < calendar.Count; p++)
        {
            if (calendar.Starts[p] < writeFrom) continue;
            var period = grain.Label(calendar.Starts[p]);
            var startText = calendar.Starts[p];
            var endText = DateOnly.FromDayNumber(calendar.EndDays[p]);
            long adoptingDepartments = 0, departmentsWithHeadcount = 0;
            var rows = new KpiSnapshotRow[counters.Scopes];
            for (var s = 0; s < counters.Scopes; s++)
            {
                var c = counters[s, p];
                var hc = c.Headcount;
                double? depth = hc == 0 ? null : (double)c.Active / hc;
                var adopting = hc > 0 && depth >= settings.AdoptingDepthThreshold;
                if (s != org && hc > 0)
                {
                    departmentsWithHeadcount++;
                    if (adopting) adoptingDepartments++;
                }
                var hours = c.MicroMinutes / 60_000_000.0;
                var (trend, slope) = Sustainability(grain, calendar.Starts, activeSeries[s], p, counters.EarliestEvent[s], window, threshold, settings.MinPeriods);
                var code = s == org ? "" : input.Departments[s];
                rows[s] = new KpiSnapshotRow
                {
                    Grain = grainName, DepartmentCode = code,
                    PeriodStart = startText, Period = period, PeriodEnd = endText,
                    Headcount = hc, ActiveEmployees = c.Active, Depth = depth,
                    Adopting = s == org ? null : adopting ? 1 : 0,
                    UseCasesInUse = c.UseCases?.Count ?? 0,
                    HoursSaved = hours, TicketsAvoided = c.TicketsAvoided, EmployeesHelped = c.EmployeesHelped,
                    ValueSaved = hours * settings.HourlyCost,
                    Trend = trend, Slope = slope,
                };
                adoption.Add(new AdoptionSnapshotRow
                {
                    Grain = grainName, DepartmentCode = code,
                    PeriodStart = startText, Period = period, PeriodEnd = endText,
                    Headcount = hc,
                    Habitual = weekly ? c.Habitual : null,
                    Regular = weekly ? c.Regular : null,
                    Occasional = weekly ? c.Occasional : null,
                    NonUser = weekly ? c.NonUser : null,
                    HabitRate = weekly && hc > 0 ? (double)c.Habitual / hc : null,
                    Retained = c.Retained, NewActive = c.NewActive, Reactivated = c.Reactivated,
                    Lapsed = c.Lapsed, Dormant = c.Dormant,
                    Eligible = c.Eligible, Activated = c.Activated,
                    ActivationRate = c.Eligible == 0 ? null : (double)c.Activated / c.Eligible,
                    MedianDays = c.DaysToFirstUse is null ? null : Median(c.DaysToFirstUse),
                    SeatsHeld = c.SeatsHeld, SeatsIdle = c.SeatsIdle, UnseatedActive = c.UnseatedActive,
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
    /// Sustainability (docs/DEFINITIONS.md#sustainability): the last N periods ending at P, less those starting before the
    /// period of the scope's earliest usage event; least-squares slope of Active on 0,1,… divided by the mean.
    /// </summary>
    private static (string Trend, double? Slope) Sustainability(
        Grain grain, List<DateOnly> starts, long[] active, int p, int? earliestEvent, int window, double threshold, int minPeriods)
    {
        if (earliestEvent is not { } earliest) return ("insufficient-data", null);
        var firstKept = grain.StartOf(DateOnly.FromDayNumber(earliest));
        var from = p - window + 1;
        while (from <= p && (from < 0 || starts[from] < firstKept)) from++;
        var count = p - from + 1;
        if (count < minPeriods) return ("insufficient-data", null);

        Span<double> series = stackalloc double[count];
        for (var q = 0; q < count; q++) series[q] = active[from + q];
        var (fitted, _, meanY) = LeastSquares.FitIndexed(series);
        if (meanY == 0) return ("inactive", 0);
        var slope = fitted / meanY;
        var trend = slope >= threshold ? "growing" : slope <= -threshold ? "declining" : "stable";
        return (trend, slope);
    }

    /// <summary>The median of an even count is the mean of the two middle values.</summary>
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

    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
