using FluentValidation;
using MediatR;

namespace RolloutHub.Api.Features.Waves;

/// <summary>How far a wave has come against its targets, and what to decide at its next gate.</summary>
public sealed record WaveProgress
{
    public required string WaveCode { get; init; }
    public required string Name { get; init; }
    public required WaveStatus Status { get; init; }
    public DateOnly PlannedStart { get; init; }
    public DateOnly PlannedEnd { get; init; }
    /// <summary>The day the progress is computed for; the weeks are the complete ISO weeks up to it.</summary>
    public DateOnly AsOf { get; init; }
    /// <summary>When the KPI snapshots the weekly figures come from were computed; null before the first KPI run.</summary>
    public DateTimeOffset? ComputedAt { get; init; }
    /// <summary>True when data changed since; weeks missing from the snapshots are then computed on the spot.</summary>
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

/// <summary>Breadth among the wave's departments (a department adopts when its depth reaches the adopting threshold).</summary>
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
    /// In the latest complete week: habitual employees (active in 9 or more of the 12 weeks
    /// ending then) ÷ headcount. Null when hidden or not computed yet.
    /// </summary>
    public double? HabitRate { get; init; }
    /// <summary>
    /// As of the latest complete week: of the employees whose start (joining, or the
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
    /// <summary>What the status rests on, as a code the dashboard words from <c>facts</c>; null when suppressed.</summary>
    public WaveMessageCode? Code { get; init; }
    /// <summary>The figures and dates the explanation is worded from (see <see cref="WaveFacts"/>); null when suppressed.</summary>
    public IReadOnlyDictionary<string, string>? Facts { get; init; }

    /// <summary>Hidden for privacy in the latest week: no figure, no date and no explanation.</summary>
    public static DepthProjection Suppressed => new() { Status = "suppressed" };

    public static DepthProjection Of(string status, WaveMessageCode code, params (string, object?)[] facts) =>
        new() { Status = status, Code = code, Facts = WaveFacts.Of(facts) };
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
    public IReadOnlyList<GateReason> Reasons { get; init; } = [];
}

/// <summary>One reason for the recommendation, as a code the dashboard words from <c>facts</c>.</summary>
public sealed record GateReason
{
    public WaveMessageCode Code { get; init; }
    public IReadOnlyDictionary<string, string> Facts { get; init; } = WaveFacts.None;

    public static GateReason Of(WaveMessageCode code, params (string, object?)[] facts) => new() { Code = code, Facts = WaveFacts.Of(facts) };
}

/// <summary>
/// A wave's progress against its targets. <c>WithRecommendation</c> false leaves the gate
/// recommendation (and the readiness checklist it reads) out, for callers that only need the depth.
/// <c>HideSmallGroups</c> applies the privacy rule whoever asks (alerts, read later by executives).
/// </summary>
public sealed record GetWaveProgress(string WaveCode, DateOnly? AsOf = null, int Weeks = GetWaveProgressHandler.DefaultWeeks,
    bool WithRecommendation = true, bool HideSmallGroups = false)
    : IRequest<WaveProgress>;

public sealed class GetWaveProgressValidator : AbstractValidator<GetWaveProgress>
{
    public GetWaveProgressValidator()
    {
        RuleFor(r => r.Weeks).InclusiveBetween(2, 52);
    }
}

public sealed class GetWaveProgressHandler(WaveProgressQuery query, WaveReadinessQuery readiness) : IRequestHandler<GetWaveProgress, WaveProgress>
{
    /// <summary>Recent weeks the trend is fitted on.</summary>
    public const int DefaultWeeks = 8;

    public async Task<WaveProgress> Handle(GetWaveProgress request, CancellationToken cancellationToken)
    {
        var facts = await query.LoadAsync(request.WaveCode, request.AsOf, request.Weeks, request.HideSmallGroups, cancellationToken);
        var progress = WaveProgressProjection.Build(facts);
        if (!request.WithRecommendation) return progress;
        var checklist = await readiness.GetAsync(facts.Wave.Code, facts.AsOf, cancellationToken);
        return progress with { Recommendation = GateRecommendations.Recommend(progress, checklist) };
    }
}
