using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Features.Kpis.Engine;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Kpis;
using RolloutHub.Api.Features.Privacy;
using RolloutHub.Api.Features.Settings;
using static System.FormattableString;

using static RolloutHub.Api.Infrastructure.Wording;

namespace RolloutHub.Api.Features.Waves;

/// <summary>How far a wave has come against its targets, and what to decide at its next gate.</summary>
public sealed record WaveProgress
{
    public required string WaveCode { get; init; }
    public required string Name { get; init; }
    public required string Status { get; init; }
    public DateOnly PlannedStart { get; init; }
    public DateOnly PlannedEnd { get; init; }
    /// <summary>The day the progress is computed for; the weeks are the complete ISO weeks up to it.</summary>
    public DateOnly AsOf { get; init; }
    /// <summary>When the KPI snapshots the weekly figures come from were computed; null before the first KPI run.</summary>
    public DateTimeOffset? ComputedAt { get; init; }
    /// <summary>True when data changed since (SPEC §4); weeks missing from the snapshots are then computed on the spot.</summary>
    public bool Stale { get; init; }
    public double? TargetDepth { get; init; }
    public double? TargetBreadth { get; init; }
    /// <summary>The weeks of the series, oldest first (<c>YYYY-Www</c>).</summary>
    public IReadOnlyList<string> Weeks { get; init; } = [];
    /// <summary>The whole wave: all its departments together.</summary>
    public required WaveDepth Depth { get; init; }
    public required WaveBreadth Breadth { get; init; }
    public IReadOnlyList<DepartmentProgress> Departments { get; init; } = [];
    public required GateRecommendation Recommendation { get; init; }
}

/// <summary>The wave's depth in its latest complete week, its weekly series and where the trend leads.</summary>
public sealed record WaveDepth
{
    public long Headcount { get; init; }
    /// <summary>Null when suppressed.</summary>
    public long? ActiveEmployees { get; init; }
    /// <summary>Active ÷ headcount in the latest week; null without employees or when suppressed.</summary>
    public double? Ratio { get; init; }
    /// <summary>
    /// True, for everyone but admins, when the wave's total of the latest week is hidden: its hidden
    /// departments (or those hidden outside it) hold fewer than minGroupSize people together, so the
    /// total minus the visible departments would reveal them. Active employees and ratio are then
    /// null and the projection's status is <c>suppressed</c>.
    /// </summary>
    public bool Suppressed { get; init; }
    public IReadOnlyList<WeekDepth> Series { get; init; } = [];
    public required DepthProjection Projection { get; init; }
}

/// <summary>Breadth among the wave's departments (SPEC §3: a department adopts when its depth reaches the adopting threshold).</summary>
public sealed record WaveBreadth
{
    public double AdoptingThreshold { get; init; }
    /// <summary>Departments adopting in the latest complete week.</summary>
    public int AdoptingDepartments { get; init; }
    /// <summary>Departments of the wave with employees.</summary>
    public int Departments { get; init; }
    public double? Ratio { get; init; }
    /// <summary>Departments whose depth trend line is at or above the threshold at the planned end.</summary>
    public int ProjectedAdoptingAtPlannedEnd { get; init; }
    public double? ProjectedRatioAtPlannedEnd { get; init; }
    public double? Target { get; init; }
}

/// <summary>One department of the wave.</summary>
public sealed record DepartmentProgress
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    /// <summary>
    /// True, for everyone but admins, when the department is hidden in the latest complete week (fewer
    /// than minGroupSize employees, or hidden with such a department so that no total reveals it):
    /// every figure but the headcounts is then null, and the projection's status is <c>suppressed</c>.
    /// </summary>
    public bool Suppressed { get; init; }
    public long Headcount { get; init; }
    public long? ActiveEmployees { get; init; }
    public double? Depth { get; init; }
    public bool? Adopting { get; init; }
    /// <summary>
    /// SPEC §3b in the latest complete week: habitual employees (active in 9 or more of the 12 weeks
    /// ending then) ÷ headcount. Null when hidden or not computed yet.
    /// </summary>
    public double? HabitRate { get; init; }
    /// <summary>
    /// SPEC §3b as of the latest complete week: of the employees whose start (joining, or the
    /// department's first wave) is at least 30 days old, the share who first used AI within 30 days
    /// of it. Null when nobody is eligible, when hidden, or when not computed yet.
    /// </summary>
    public double? ActivationRate { get; init; }
    public IReadOnlyList<WeekDepth> Series { get; init; } = [];
    public required DepthProjection Projection { get; init; }
}

public sealed record WeekDepth
{
    /// <summary><c>YYYY-Www</c>.</summary>
    public required string Period { get; init; }
    public DateOnly Start { get; init; }
    public DateOnly End { get; init; }
    public long Headcount { get; init; }
    /// <summary>Null when the week is suppressed.</summary>
    public long? ActiveEmployees { get; init; }
    /// <summary>Null without employees or when the week is suppressed.</summary>
    public double? Depth { get; init; }
    /// <summary>True, for everyone but admins, when the privacy rule hides this week's figures (the headcount stays).</summary>
    public bool Suppressed { get; init; }
}

/// <summary>
/// Where the least-squares line through the weekly depths leads. <c>status</c>: <c>reached</c>
/// (the latest depth is at or above target), <c>on-track</c> (projected on or before the planned
/// end), <c>late</c> (projected after it), <c>not-on-track</c> (flat or falling: the line never
/// reaches the target), <c>insufficient-data</c>, <c>no-target</c>, <c>suppressed</c> (the latest
/// week is hidden for privacy: no figure, no date and no explanation). The line is fitted on the
/// weeks the reader may see.
/// </summary>
public sealed record DepthProjection
{
    public required string Status { get; init; }
    /// <summary>Change of depth per week along the fitted line (0.01 = one percentage point a week).</summary>
    public double? SlopePerWeek { get; init; }
    /// <summary>The Sunday of the week in which the fitted line reaches the target.</summary>
    public DateOnly? ProjectedOn { get; init; }
    /// <summary>The fitted depth at the planned end (clamped to 0–1).</summary>
    public double? FittedDepthAtPlannedEnd { get; init; }
    /// <summary>The status in one sentence, in the request's language; null when suppressed.</summary>
    public string? Explanation { get; init; }
}

/// <summary>
/// A suggestion for the next gate review: <c>go</c>, <c>adjust</c> or <c>hold</c>, with its
/// reasons. <c>gate</c> is <c>start</c> before the planned start (the decision to launch),
/// <c>continue</c> during the wave and <c>close</c> after its planned end. Executives decide.
/// </summary>
public sealed record GateRecommendation
{
    public required string Decision { get; init; }
    public required string Gate { get; init; }
    public IReadOnlyList<string> Reasons { get; init; } = [];
}

/// <summary>
/// A wave's progress against its targets. <c>WithRecommendation</c> false leaves the gate
/// recommendation (and the readiness checklist it reads) out, for callers that only need the depth.
/// <c>HideSmallGroups</c> applies the privacy rule whoever asks (alerts, read later by executives).
/// </summary>
public sealed record GetWaveProgress(string WaveCode, DateOnly? AsOf = null, int Weeks = GetWaveProgressHandler.DefaultWeeks,
    bool WithRecommendation = true, bool HideSmallGroups = false)
    : IRequest<WaveProgress>;

public sealed class GetWaveProgressHandler(DbSession session, IMediator mediator, CurrentUser user, KpiToday today)
    : IRequestHandler<GetWaveProgress, WaveProgress>
{
    /// <summary>Recent weeks the trend is fitted on.</summary>
    public const int DefaultWeeks = 8;

    /// <summary>Below this gain per week (0.1 percentage point) the trend counts as flat.</summary>
    public const double FlatSlope = 0.001;

    private sealed record QualityRow
    {
        public required string DepartmentCode { get; init; }
        public double? HabitRate { get; init; }
        public double? ActivationRate { get; init; }
    }

    private sealed record DepartmentRow
    {
        public required string Code { get; init; }
        public required string Name { get; init; }
    }

    public async Task<WaveProgress> Handle(GetWaveProgress request, CancellationToken cancellationToken)
    {
        var wave = await mediator.Send(new GetWave(request.WaveCode), cancellationToken);
        var asOf = request.AsOf ?? today.Date;
        var settings = await mediator.Send(new GetSettings(), cancellationToken);
        var weeks = IsoWeek.LastComplete(asOf, request.Weeks);
        var connection = await session.ConnectionAsync(cancellationToken);
        var names = (await connection.QueryAsync<DepartmentRow>($"SELECT code, name FROM departments WHERE {session.Dialect.In("code", "@codes")}",
            new { codes = wave.DepartmentCodes.ToArray() }, session.Transaction)).ToDictionary(d => d.Code, d => d.Name);
        var weekly = await mediator.Send(new GetWeeklyDepth(wave.DepartmentCodes, weeks), cancellationToken);
        var series = weekly.Rows.ToLookup(w => w.DepartmentCode);
        var quality = (await connection.QueryAsync<QualityRow>($"""
            SELECT department_code, habit_rate, activation_rate FROM adoption_snapshots
            WHERE grain = 'week' AND period_start = @start AND {session.Dialect.In("department_code", "@codes")}
            """, new { start = weeks[^1].Start, codes = wave.DepartmentCodes.ToArray() }, session.Transaction))
            .ToDictionary(q => q.DepartmentCode);

        var smallGroups = await SmallGroupsByPeriod.ReadWeeksAsync(connection, session.Transaction, request.HideSmallGroups || !user.SeesSmallGroups,
            weeks.Select(w => (w.Start, w.End)).ToList(), settings.MinGroupSize);

        var departments = new List<DepartmentProgress>();
        var projectedAdopting = 0;
        foreach (var code in wave.DepartmentCodes)
        {
            var departmentWeeks = weeks.Select(w => series[code].FirstOrDefault(s => s.Week == w) ?? new WeeklyDepth { DepartmentCode = code, Week = w }).ToList();
            var visible = departmentWeeks.Select(w => Visible(w, smallGroups[w.Week.Start].IsSuppressed(code))).ToList();
            var latest = departmentWeeks[^1];
            var suppressed = visible[^1].Suppressed;
            // The line goes through the weeks the reader may see, so that it reveals nothing hidden.
            var projection = suppressed
                ? new DepthProjection { Status = "suppressed" }
                : Project(visible.Select(w => w.Depth).ToList(), weeks, wave.TargetDepth, wave.PlannedEnd, settings.MinPeriods);
            if (latest.Headcount > 0 && (projection.FittedDepthAtPlannedEnd ?? latest.Depth ?? 0) >= settings.AdoptingDepthThreshold)
                projectedAdopting++;
            departments.Add(new DepartmentProgress
            {
                Code = code, Name = names.GetValueOrDefault(code, code), Suppressed = suppressed, Headcount = latest.Headcount,
                ActiveEmployees = visible[^1].ActiveEmployees,
                Depth = visible[^1].Depth,
                Adopting = suppressed || latest.Depth is null ? null : latest.Depth >= settings.AdoptingDepthThreshold,
                HabitRate = suppressed ? null : quality.GetValueOrDefault(code)?.HabitRate,
                ActivationRate = suppressed ? null : quality.GetValueOrDefault(code)?.ActivationRate,
                Series = visible,
                Projection = projection,
            });
        }

        var total = weeks.Select(w =>
        {
            var rows = series.SelectMany(s => s).Where(s => s.Week == w).ToList();
            var week = new WeeklyDepth { DepartmentCode = wave.Code, Week = w, Headcount = rows.Sum(r => r.Headcount), Active = rows.Sum(r => r.Active) };
            return Visible(week, smallGroups[w.Start].IsTotalSuppressed(wave.DepartmentCodes));
        }).ToList();
        var waveProjection = total[^1].Suppressed
            ? new DepthProjection { Status = "suppressed" }
            : Project(total.Select(t => t.Depth).ToList(), weeks, wave.TargetDepth, wave.PlannedEnd, settings.MinPeriods);
        var withEmployees = departments.Count(d => d.Headcount > 0);
        // Breadth counts stay as computed, hidden departments included.
        var adopting = wave.DepartmentCodes.Count(code =>
            series[code].FirstOrDefault(s => s.Week == weeks[^1])?.Depth >= settings.AdoptingDepthThreshold);

        var progress = new WaveProgress
        {
            WaveCode = wave.Code, Name = wave.Name, Status = wave.Status, PlannedStart = wave.PlannedStart, PlannedEnd = wave.PlannedEnd,
            AsOf = asOf, ComputedAt = weekly.ComputedAt, Stale = weekly.Stale, TargetDepth = wave.TargetDepth, TargetBreadth = wave.TargetBreadth, Weeks = weeks.Select(w => w.Label).ToList(),
            Depth = new WaveDepth
            {
                Headcount = total[^1].Headcount, ActiveEmployees = total[^1].ActiveEmployees, Ratio = total[^1].Depth,
                Suppressed = total[^1].Suppressed, Projection = waveProjection, Series = total,
            },
            Breadth = new WaveBreadth
            {
                AdoptingThreshold = settings.AdoptingDepthThreshold, AdoptingDepartments = adopting, Departments = withEmployees,
                Ratio = withEmployees == 0 ? null : (double)adopting / withEmployees,
                ProjectedAdoptingAtPlannedEnd = projectedAdopting,
                ProjectedRatioAtPlannedEnd = withEmployees == 0 ? null : (double)projectedAdopting / withEmployees,
                Target = wave.TargetBreadth,
            },
            Departments = departments,
            Recommendation = new GateRecommendation { Decision = "hold", Gate = "start" },
        };
        if (!request.WithRecommendation) return progress;
        var readiness = await mediator.Send(new GetWaveReadiness(wave.Code, asOf), cancellationToken);
        return progress with { Recommendation = Recommend(progress, readiness) };
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
            return new DepthProjection { Status = "no-target", Explanation = Say($"The wave has no target depth.", $"La vague n’a pas de profondeur visée.") };
        var points = depths.Select((d, i) => (X: (double)i, Y: d)).Where(p => p.Y is not null).Select(p => (p.X, Y: p.Y!.Value)).ToList();
        if (points.Count > 0 && points[^1].Y >= t)
            return new DepthProjection
            {
                Status = "reached", ProjectedOn = null,
                Explanation = Say(
                    $"Depth {Pct(points[^1].Y)} in {weeks[(int)points[^1].X].Label} is at or above the target {Pct(t)}.",
                    $"Profondeur de {Pct(points[^1].Y)} la semaine du {weeks[(int)points[^1].X].Start:dd/MM/yyyy} : la cible de {Pct(t)} est atteinte."),
            };
        if (points.Count < minPeriods)
            return new DepthProjection
            {
                Status = "insufficient-data",
                Explanation = Say(
                    $"Only {points.Count} of the last {weeks.Count} weeks had employees; at least {minPeriods} are needed for a trend.",
                    $"Seules {points.Count} des {weeks.Count} dernières semaines comptaient des collaborateurs ; il en faut au moins {minPeriods} pour une tendance."),
            };

        var (slope, intercept) = LeastSquares.Fit(points);
        var xEnd = (plannedEnd.DayNumber - weeks[0].Start.DayNumber) / 7.0;
        var fittedAtEnd = Math.Clamp(intercept + slope * xEnd, 0, 1);
        if (slope <= FlatSlope)
            return new DepthProjection
            {
                Status = "not-on-track", SlopePerWeek = slope, FittedDepthAtPlannedEnd = fittedAtEnd,
                Explanation = Say(
                    $"Depth is {(slope < -FlatSlope ? "falling" : "flat")} ({slope * 100:+0.##;-0.##;0} points a week over {points.Count} weeks): at this pace it never reaches {Pct(t)}.",
                    $"La profondeur {(slope < -FlatSlope ? "baisse" : "stagne")} ({slope * 100:+0.##;-0.##;0} point par semaine sur {points.Count} semaines) : à ce rythme, elle n’atteindra jamais {Pct(t)}."),
            };
        // The first week whose fitted depth reaches the target, but never one already past; the
        // tolerance keeps a crossing exactly on a week from being pushed to the next by rounding.
        var crossing = (t - intercept) / slope;
        var week = Math.Max((int)Math.Ceiling(crossing - 1e-9), weeks.Count);
        var projectedOn = weeks[0].Start.AddDays(7 * week + 6);
        var onTrack = projectedOn <= plannedEnd;
        return new DepthProjection
        {
            Status = onTrack ? "on-track" : "late", SlopePerWeek = slope, ProjectedOn = projectedOn, FittedDepthAtPlannedEnd = fittedAtEnd,
            Explanation = Say(
                $"Depth grows {slope * 100:0.##} points a week: {Pct(t)} is reached around {projectedOn:yyyy-MM-dd}, {(onTrack ? "on or before" : "after")} the planned end {plannedEnd:yyyy-MM-dd}.",
                $"La profondeur progresse de {slope * 100:0.##} point par semaine : {Pct(t)} serait atteint vers le {projectedOn:dd/MM/yyyy}, {(onTrack ? "au plus tard à" : "après")} la fin prévue ({plannedEnd:dd/MM/yyyy})."),
        };
    }

    /// <summary>
    /// Before the planned start, the gate is the launch: readiness decides (all met: go; one or
    /// two unmet: adjust; more: hold). During or after the wave, the trends decide: hold when the
    /// wave's depth is flat or falling short of target, or flat or falling in half its departments;
    /// adjust when some department is late or not on track, breadth will miss its target, the
    /// planned end passed short of target, or champions, use cases or training are not in place;
    /// go otherwise. It reads the progress as its reader sees it: a department or a wave total hidden
    /// for privacy is neither named nor counted, so that the reasons reveal nothing hidden.
    /// </summary>
    private static GateRecommendation Recommend(WaveProgress progress, WaveReadiness readiness)
    {
        var reasons = new List<string>();
        var unmet = readiness.Items.Where(i => !i.Met).ToList();
        if (progress.AsOf < progress.PlannedStart)
        {
            reasons.AddRange(unmet.Select(ReadinessReason));
            var pending = readiness.Items.Where(i => i.Met && i.NeedsConfirmation).Select(i => i.Key).ToList();
            if (unmet.Count == 0) reasons.Insert(0, Say($"All seven readiness items are met.", $"Les sept éléments de préparation sont réunis."));
            if (pending.Count > 0) reasons.Add(Say($"To confirm at the gate: {string.Join(", ", pending)}.", $"À confirmer au jalon : {string.Join(", ", pending)}."));
            var decision = unmet.Count == 0 ? "go" : unmet.Count <= 2 ? "adjust" : "hold";
            return new GateRecommendation { Decision = decision, Gate = "start", Reasons = reasons };
        }

        var gate = progress.AsOf > progress.PlannedEnd ? "close" : "continue";
        var considered = progress.Departments.Where(d => d.Headcount > 0 && !d.Suppressed).ToList();
        static string Describe(DepartmentProgress d) => $"{d.Code} ({Pct(d.Depth)})";
        var notOnTrack = considered.Where(d => d.Projection.Status == "not-on-track").ToList();
        var late = considered.Where(d => d.Projection.Status == "late").ToList();
        var hold = false;
        var adjust = false;

        var waveProjection = progress.Depth.Projection;
        if (waveProjection.Status == "not-on-track")
        {
            hold = true;
            reasons.Add(Say(
                $"The wave's depth ({Pct(progress.Depth.Ratio)}) is flat or falling, short of its target {Pct(progress.TargetDepth)}.",
                $"La profondeur de la vague ({Pct(progress.Depth.Ratio)}) stagne ou baisse, en deçà de sa cible de {Pct(progress.TargetDepth)}."));
        }
        if (considered.Count > 0 && notOnTrack.Count * 2 >= considered.Count)
        {
            hold = true;
            reasons.Add(Say(
                $"Depth is flat or falling in {notOnTrack.Count} of {considered.Count} departments.",
                $"La profondeur stagne ou baisse dans {notOnTrack.Count} départements sur {considered.Count}."));
        }
        if (notOnTrack.Count > 0)
        {
            adjust = true;
            reasons.Add(Say(
                $"Not on track to reach {Pct(progress.TargetDepth)}: {string.Join(", ", notOnTrack.Select(Describe))}.",
                $"Hors trajectoire pour atteindre {Pct(progress.TargetDepth)} : {string.Join(", ", notOnTrack.Select(Describe))}."));
        }
        if (late.Count > 0)
        {
            adjust = true;
            reasons.Add(Say(
                $"Projected to reach the target after the planned end: {string.Join(", ", late.Select(d => Invariant($"{Describe(d)} around {d.Projection.ProjectedOn:yyyy-MM-dd}")))}.",
                $"Cible atteinte après la fin prévue, selon la projection : {string.Join(", ", late.Select(d => Invariant($"{Describe(d)} vers le {d.Projection.ProjectedOn:dd/MM/yyyy}")))}."));
        }
        if (progress.Breadth.Target is { } breadthTarget && progress.Breadth.ProjectedRatioAtPlannedEnd < breadthTarget)
        {
            adjust = true;
            reasons.Add(Say(
                $"Breadth is projected at {Pct(progress.Breadth.ProjectedRatioAtPlannedEnd)} of the departments at the planned end, below the target {Pct(breadthTarget)}.",
                $"L’étendue projetée à la fin prévue est de {Pct(progress.Breadth.ProjectedRatioAtPlannedEnd)} des départements, sous la cible de {Pct(breadthTarget)}."));
        }
        if (gate == "close" && waveProjection.Status is not ("reached" or "suppressed"))
        {
            adjust = true;
            reasons.Add(Say(
                $"The planned end ({progress.PlannedEnd:yyyy-MM-dd}) has passed and the wave's depth ({Pct(progress.Depth.Ratio)}) is below its target.",
                $"La fin prévue ({progress.PlannedEnd:dd/MM/yyyy}) est passée et la profondeur de la vague ({Pct(progress.Depth.Ratio)}) reste sous sa cible."));
        }
        foreach (var item in unmet.Where(i => i.Key is "champions" or "use-cases" or "training"))
        {
            adjust = true;
            reasons.Add(ReadinessReason(item));
        }
        if (!hold && !adjust)
            reasons.Add(waveProjection.Status == "reached"
                ? Say($"The wave reached its target depth {Pct(progress.TargetDepth)}; every department with employees is at or on track to its target.",
                    $"La vague a atteint sa profondeur visée de {Pct(progress.TargetDepth)} ; chaque département avec des collaborateurs est à sa cible ou sur sa trajectoire.")
                : Say($"Every department with employees has reached or is on track to reach {Pct(progress.TargetDepth)} by {progress.PlannedEnd:yyyy-MM-dd}.",
                    $"Chaque département avec des collaborateurs a atteint {Pct(progress.TargetDepth)} ou est en voie de l’atteindre d’ici le {progress.PlannedEnd:dd/MM/yyyy}."));
        return new GateRecommendation { Decision = hold ? "hold" : adjust ? "adjust" : "go", Gate = gate, Reasons = reasons };
    }

    private static string Pct(double? ratio) => Percent(ratio);

    private static string ReadinessReason(ReadinessItem item) =>
        Say($"Readiness {item.Number} ({item.Key}): {item.Why}", $"Préparation {item.Number} ({item.Key}) : {item.Why}");
}

public sealed class GetWaveProgressValidator : AbstractValidator<GetWaveProgress>
{
    public GetWaveProgressValidator()
    {
        RuleFor(r => r.Weeks).InclusiveBetween(2, 52);
    }
}
