using RolloutHub.Api.Features.Kpis.Engine;

namespace RolloutHub.Api.Features.Waves;

/// <summary>
/// A wave's progress from its loaded facts, with no database: each week as its reader may see it,
/// departments and the whole wave projected along their trend lines, breadth now and at the
/// planned end. The gate recommendation is left for <see cref="GateRecommendations"/>.
/// </summary>
public static class WaveProgressProjection
{
    /// <summary>Below this gain per week (0.1 percentage point) the trend counts as flat.</summary>
    public const double FlatSlope = 0.001;

    public static WaveProgress Build(WaveProgressFacts facts)
    {
        var wave = facts.Wave;
        var weeks = facts.Weeks;
        var series = facts.Weekly.Rows.ToLookup(w => w.DepartmentCode);
        var threshold = facts.AdoptingDepthThreshold;

        var departments = new List<DepartmentProgress>();
        var projectedAdopting = 0;
        foreach (var code in wave.DepartmentCodes)
        {
            var departmentWeeks = weeks.Select(w => series[code].FirstOrDefault(s => s.Week == w) ?? new WeeklyDepth { DepartmentCode = code, Week = w }).ToList();
            var visible = departmentWeeks.Select(w => Visible(w, facts.SmallGroups[w.Week.Start].IsSuppressed(code))).ToList();
            var latest = departmentWeeks[^1];
            var suppressed = visible[^1].Suppressed;
            // The line goes through the weeks the reader may see, so that it reveals nothing hidden.
            var projection = suppressed
                ? DepthProjection.Suppressed
                : Project(visible.Select(w => w.Depth).ToList(), weeks, wave.TargetDepth, wave.PlannedEnd, facts.MinPeriods);
            if (latest.Headcount > 0 && (projection.FittedDepthAtPlannedEnd ?? latest.Depth ?? 0) >= threshold)
                projectedAdopting++;
            var quality = facts.Quality.TryGetValue(code, out var q) ? q : default;
            departments.Add(new DepartmentProgress
            {
                Code = code, Name = facts.DepartmentNames.GetValueOrDefault(code, code), Suppressed = suppressed, Headcount = latest.Headcount,
                ActiveEmployees = visible[^1].ActiveEmployees,
                Depth = visible[^1].Depth,
                Adopting = suppressed || latest.Depth is null ? null : latest.Depth >= threshold,
                HabitRate = suppressed ? null : quality.HabitRate,
                ActivationRate = suppressed ? null : quality.ActivationRate,
                Series = visible,
                Projection = projection,
            });
        }

        var total = weeks.Select(w =>
        {
            var rows = series.SelectMany(s => s).Where(s => s.Week == w).ToList();
            var week = new WeeklyDepth { DepartmentCode = wave.Code, Week = w, Headcount = rows.Sum(r => r.Headcount), Active = rows.Sum(r => r.Active) };
            return Visible(week, facts.SmallGroups[w.Start].IsTotalSuppressed(wave.DepartmentCodes));
        }).ToList();
        var waveProjection = total[^1].Suppressed
            ? DepthProjection.Suppressed
            : Project(total.Select(t => t.Depth).ToList(), weeks, wave.TargetDepth, wave.PlannedEnd, facts.MinPeriods);
        var withEmployees = departments.Count(d => d.Headcount > 0);
        // Breadth counts stay as computed, hidden departments included.
        var adopting = wave.DepartmentCodes.Count(code => series[code].FirstOrDefault(s => s.Week == weeks[^1])?.Depth >= threshold);

        return new WaveProgress
        {
            WaveCode = wave.Code, Name = wave.Name, Status = wave.Status, PlannedStart = wave.PlannedStart, PlannedEnd = wave.PlannedEnd,
            AsOf = facts.AsOf, ComputedAt = facts.Weekly.ComputedAt, Stale = facts.Weekly.Stale, TargetDepth = wave.TargetDepth,
            TargetBreadth = wave.TargetBreadth, Weeks = weeks.Select(w => w.Label).ToList(),
            Depth = new WaveDepth
            {
                Headcount = total[^1].Headcount, ActiveEmployees = total[^1].ActiveEmployees, Ratio = total[^1].Depth,
                Suppressed = total[^1].Suppressed, Projection = waveProjection, Series = total,
            },
            Breadth = new WaveBreadth
            {
                AdoptingThreshold = threshold, AdoptingDepartments = adopting, Departments = withEmployees,
                Ratio = withEmployees == 0 ? null : (double)adopting / withEmployees,
                ProjectedAdoptingAtPlannedEnd = projectedAdopting,
                ProjectedRatioAtPlannedEnd = withEmployees == 0 ? null : (double)projectedAdopting / withEmployees,
                Target = wave.TargetBreadth,
            },
            Departments = departments,
            Recommendation = new GateRecommendation { Decision = "hold", Gate = "start" },
        };
    }

    /// <summary>One week as the reader may see it: the headcount always, the activity unless hidden.</summary>
    private static WeekDepth Visible(WeeklyDepth week, bool suppressed) => new()
    {
        Period = week.Week.Label, Start = week.Week.Start, End = week.Week.End, Headcount = week.Headcount, Suppressed = suppressed,
        ActiveEmployees = suppressed ? null : week.Active, Depth = suppressed ? null : week.Depth,
    };

    /// <summary>
    /// Fits y = a + b·x by least squares on the weeks with employees (x = the week's position,
    /// 0 for the oldest) and finds the week in which the line reaches the target.
    /// </summary>
    public static DepthProjection Project(IReadOnlyList<double?> depths, IReadOnlyList<IsoWeek> weeks, double? target, DateOnly plannedEnd, int minPeriods)
    {
        if (target is not { } t)
            return DepthProjection.Of("no-target", WaveMessageCode.ProjectionNoTarget);
        var points = depths.Select((d, i) => (X: (double)i, Y: d)).Where(p => p.Y is not null).Select(p => (p.X, Y: p.Y!.Value)).ToList();
        if (points.Count > 0 && points[^1].Y >= t)
        {
            var week = weeks[(int)points[^1].X];
            return DepthProjection.Of("reached", WaveMessageCode.ProjectionReached,
                ("depthRatio", points[^1].Y), ("week", week.Label), ("weekStartOn", week.Start), ("targetRatio", t));
        }
        if (points.Count < minPeriods)
            return DepthProjection.Of("insufficient-data", WaveMessageCode.ProjectionInsufficientData,
                ("weeksWithEmployees", points.Count), ("weeks", weeks.Count), ("minPeriods", minPeriods));

        var (slope, intercept) = LeastSquares.Fit(points);
        var xEnd = (plannedEnd.DayNumber - weeks[0].Start.DayNumber) / 7.0;
        var fittedAtEnd = Math.Clamp(intercept + slope * xEnd, 0, 1);
        var slopePoints = WaveFacts.Text(Math.Round(slope * 100, 2) + 0.0); // + 0.0 turns -0 into 0
        if (slope <= FlatSlope)
            return DepthProjection.Of("not-on-track", slope < -FlatSlope ? WaveMessageCode.ProjectionFalling : WaveMessageCode.ProjectionFlat,
                ("slopePoints", slopePoints), ("weeksWithEmployees", points.Count), ("targetRatio", t))
                with
            { SlopePerWeek = slope, FittedDepthAtPlannedEnd = fittedAtEnd };
        // The first week whose fitted depth reaches the target, but never one already past; the
        // tolerance keeps a crossing exactly on a week from being pushed to the next by rounding.
        var crossing = (t - intercept) / slope;
        var reachedIn = Math.Max((int)Math.Ceiling(crossing - 1e-9), weeks.Count);
        var projectedOn = weeks[0].Start.AddDays(7 * reachedIn + 6);
        var onTrack = projectedOn <= plannedEnd;
        return DepthProjection.Of(onTrack ? "on-track" : "late", onTrack ? WaveMessageCode.ProjectionOnTrack : WaveMessageCode.ProjectionLate,
                ("slopePoints", slopePoints), ("targetRatio", t), ("projectedOn", projectedOn), ("plannedEndOn", plannedEnd))
            with
        { SlopePerWeek = slope, ProjectedOn = projectedOn, FittedDepthAtPlannedEnd = fittedAtEnd };
    }
}
