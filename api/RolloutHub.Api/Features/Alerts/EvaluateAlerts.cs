using Dapper;
using MediatR;
using RolloutHub.Api.Features.Kpis.Engine;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Budget;
using RolloutHub.Api.Features.Kpis;
using RolloutHub.Api.Features.Privacy;
using RolloutHub.Api.Features.Settings;
using RolloutHub.Api.Features.UseCases;
using RolloutHub.Api.Features.Waves;
using RolloutHub.Api.Infrastructure;
using static System.FormattableString;

namespace RolloutHub.Api.Features.Alerts;

/// <summary>
/// A condition a rule found: the alert it keeps open (or raises). <c>Facts</c> are what the
/// title is made of, by name, for the dashboard to word it in its reader's language.
/// </summary>
public sealed record AlertCondition(string Rule, string SubjectKey, string Severity, string? Owner, string Title, string Detail,
    IReadOnlyDictionary<string, string> Facts);

/// <summary>
/// What one rule found. A rule that could not be evaluated (the KPI snapshots of the week do not
/// exist yet) leaves its alerts as they are instead of resolving them.
/// </summary>
public sealed record RuleOutcome(string Rule, bool Evaluated, IReadOnlyList<AlertCondition> Conditions);

/// <summary>The result of an evaluation.</summary>
public sealed record AlertEvaluation
{
    /// <summary>The day the rules were evaluated for.</summary>
    public DateOnly AsOf { get; init; }
    public DateTimeOffset EvaluatedAt { get; init; }
    /// <summary>New alerts.</summary>
    public int Raised { get; init; }
    /// <summary>Open or acknowledged alerts whose condition still holds.</summary>
    public int StillOpen { get; init; }
    /// <summary>Alerts whose condition cleared.</summary>
    public int Resolved { get; init; }
    /// <summary>Webhook notifications queued (none without Alerts:WebhookUrl).</summary>
    public int NotificationsQueued { get; init; }
    public IReadOnlyList<RuleSummary> Rules { get; init; } = [];
}

public sealed record RuleSummary
{
    public required string Rule { get; init; }
    /// <summary>False when the rule lacked its data (its alerts were left as they were).</summary>
    public bool Evaluated { get; init; }
    /// <summary>Subjects for which the condition holds.</summary>
    public int Conditions { get; init; }
}

/// <summary>
/// Evaluates every alert rule for a day, then applies the result in one short transaction
/// (<see cref="ApplyAlertConditions"/>): the reading, which may be long, never holds the write lock.
/// Sent by the Quartz job after each KPI run and on its own schedule, or by an admin.
/// </summary>
public sealed record EvaluateAlerts(DateOnly? AsOf = null) : IRequest<AlertEvaluation>;

public sealed class EvaluateAlertsHandler(DbSession session, IMediator mediator, KpiToday today, AlertOutboxSignal outbox)
    : IRequestHandler<EvaluateAlerts, AlertEvaluation>
{
    /// <summary>Days without logged activity after which a champion is flagged.</summary>
    public const int ChampionQuietDays = 30;
    /// <summary>Spend above plan by more than this share in a month is an overrun.</summary>
    public const decimal OverrunTolerance = 0.10m;
    /// <summary>Months looked at for overruns: the current one and the two before it (plus those with an alert still unresolved).</summary>
    public const int OverrunMonths = 3;

    public async Task<AlertEvaluation> Handle(EvaluateAlerts request, CancellationToken cancellationToken)
    {
        var asOf = request.AsOf ?? today.Date;
        var waves = await mediator.Send(new ListWaves(), cancellationToken);
        var outcomes = new List<RuleOutcome>
        {
            await DecliningDepartmentsAsync(asOf, waves, cancellationToken),
            await InactiveChampionsAsync(asOf, waves, cancellationToken),
            await OverdueReviewsAsync(asOf, cancellationToken),
            await BudgetOverrunsAsync(asOf, waves, cancellationToken),
            await WavesBehindTargetAsync(asOf, waves, cancellationToken),
            await FailedJobsAsync(cancellationToken),
        };
        var evaluation = await mediator.Send(new ApplyAlertConditions(asOf, outcomes), cancellationToken);
        if (evaluation.NotificationsQueued > 0) outbox.Notify();
        return evaluation;
    }

    /// <summary>The owner of adoption in a department: its current wave's adoption owner, else that wave's sponsor.</summary>
    private static string? AdoptionOwner(string departmentCode, IReadOnlyList<Wave> waves)
    {
        var containing = waves.Where(w => w.DepartmentCodes.Contains(departmentCode)).ToList();
        var wave = containing.FirstOrDefault(w => w.Status is "active" or "review") ?? containing.OrderByDescending(w => w.Sequence).FirstOrDefault();
        return wave?.AdoptionOwner ?? wave?.ExecutiveSponsor;
    }

    private sealed record DecliningRow
    {
        public required string DepartmentCode { get; init; }
        public required string Name { get; init; }
        public required string Period { get; init; }
        public long Headcount { get; init; }
        public long ActiveEmployees { get; init; }
        public double? Slope { get; init; }
    }

    // Sustainability, as the KPI job stored it for the last complete week. Departments the privacy
    // rule hides that week are left out whoever runs the evaluation: executives read alerts, and
    // the webhook sends them on.
    private async Task<RuleOutcome> DecliningDepartmentsAsync(DateOnly asOf, IReadOnlyList<Wave> waves, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var week = IsoWeek.LastComplete(asOf, 1)[0];
        var computed = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM kpi_snapshots WHERE grain = 'week' AND department_code <> '' AND period_start = @start",
            new { start = week.Start }, session.Transaction);
        if (computed == 0) return new RuleOutcome(AlertRules.DepartmentDeclining, false, []);
        var settings = await mediator.Send(new GetSettings(), cancellationToken);
        var smallGroups = (await SmallGroupsByPeriod.ReadWeeksAsync(connection, session.Transaction, hide: true, [(week.Start, week.End)], settings.MinGroupSize))[week.Start];
        var rows = await connection.QueryAsync<DecliningRow>("""
            SELECT k.department_code, d.name, k.period, k.headcount, k.active_employees, k.slope
            FROM kpi_snapshots k JOIN departments d ON d.code = k.department_code
            WHERE k.grain = 'week' AND k.period_start = @start AND k.trend = 'declining'
            ORDER BY k.department_code
            """, new { start = week.Start }, session.Transaction);
        return new RuleOutcome(AlertRules.DepartmentDeclining, true, rows.Where(r => !smallGroups.IsSuppressed(r.DepartmentCode)).Select(r => new AlertCondition(
            AlertRules.DepartmentDeclining, r.DepartmentCode, "warning", AdoptionOwner(r.DepartmentCode, waves),
            $"Usage is declining in {r.Name} ({r.DepartmentCode})",
            Invariant($"In {r.Period}, {r.ActiveEmployees} of {r.Headcount} employees were active; over the sustainability window active employees fall {-(r.Slope ?? 0) * 100:0.#}% of their mean a week."),
            new Dictionary<string, string> { ["department"] = r.Name, ["code"] = r.DepartmentCode })).ToList());
    }

    private sealed record ChampionRow
    {
        public long Id { get; init; }
        public required string DisplayName { get; init; }
        public required string DepartmentCode { get; init; }
        public required string Status { get; init; }
    }

    // A champion's activity is what gets logged for their department: a usage event of one of its
    // employees (current record) or an outcome report naming it. Champions are not linked to an
    // employee or a token, so the department's log is the trace of their work. Equipped and
    // active champions only, and not in their first 30 days. A department the privacy rule hides
    // over those days is left out: "nothing logged" would tell executives that none of its few
    // employees used AI.
    private async Task<RuleOutcome> InactiveChampionsAsync(DateOnly asOf, IReadOnlyList<Wave> waves, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var from = asOf.AddDays(-(ChampionQuietDays - 1));
        var rows = await connection.QueryAsync<ChampionRow>("""
            SELECT c.id, c.display_name, c.department_code, c.status
            FROM champions c
            WHERE c.status IN ('equipped', 'active')
              AND (c.since IS NULL OR c.since < @from)
              AND NOT EXISTS (SELECT 1 FROM usage_events u JOIN employees e ON e.employee_key = u.employee_key
                              WHERE e.department_code = c.department_code AND u.occurred_on BETWEEN @from AND @asOf)
              AND NOT EXISTS (SELECT 1 FROM outcome_reports o
                              WHERE o.department_code = c.department_code AND o.occurred_on BETWEEN @from AND @asOf)
            ORDER BY c.id
            """, new { from, asOf }, session.Transaction);
        var settings = await mediator.Send(new GetSettings(), cancellationToken);
        var smallGroups = await SmallGroupsDuring.ReadAsync(connection, session.Transaction, hide: true, from, asOf, settings.MinGroupSize);
        return new RuleOutcome(AlertRules.ChampionInactive, true, rows.Where(c => !smallGroups.IsSuppressed(c.DepartmentCode)).Select(c => new AlertCondition(
            AlertRules.ChampionInactive, c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "warning",
            AdoptionOwner(c.DepartmentCode, waves),
            $"No activity logged for {ChampionQuietDays} days by {c.DisplayName} ({c.DepartmentCode})",
            $"No usage event and no outcome report for {c.DepartmentCode} between {from:yyyy-MM-dd} and {asOf:yyyy-MM-dd}; the champion's status is {c.Status}.",
            new Dictionary<string, string> { ["champion"] = c.DisplayName, ["code"] = c.DepartmentCode, ["days"] = Invariant($"{ChampionQuietDays}") })).ToList());
    }

    private async Task<RuleOutcome> OverdueReviewsAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var report = await mediator.Send(new GetUseCaseIndicators(null, null, asOf, null, asOf, WithActivity: false), cancellationToken);
        return new RuleOutcome(AlertRules.UseCaseReviewOverdue, true, report.UseCases.Where(u => u.ReviewOverdue).Select(u => new AlertCondition(
            AlertRules.UseCaseReviewOverdue, u.Code, "warning", u.Owner,
            $"The review of use case {u.Code} is overdue",
            u.ReviewDueOn is { } due
                ? Invariant($"{u.Title} ({u.Status.Wire()}) is reviewed every {u.ReviewEveryDays} days; last reviewed on {u.LastReviewedOn:yyyy-MM-dd}, due on {due:yyyy-MM-dd}, {u.DaysOverdue} days ago.")
                : Invariant($"{u.Title} ({u.Status.Wire()}) is to be reviewed every {u.ReviewEveryDays} days and has never been reviewed."),
            new Dictionary<string, string> { ["code"] = u.Code, ["useCase"] = u.Title })).ToList());
    }

    private sealed record LineRow
    {
        public required string Code { get; init; }
        public required string Name { get; init; }
        public string? WaveCode { get; init; }
    }

    private async Task<RuleOutcome> BudgetOverrunsAsync(DateOnly asOf, IReadOnlyList<Wave> waves, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var from = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-(OverrunMonths - 1));
        // A month with an overrun still unresolved stays under watch, so that its alert resolves
        // only when the spend is corrected, not because the month left the window.
        var watched = await connection.QueryAsync<string>(
            "SELECT subject_key FROM alerts WHERE \"rule\" = @rule AND status <> 'resolved'", new { rule = AlertRules.BudgetOverrun }, session.Transaction);
        foreach (var key in watched)
            if (key.Split('/') is [_, var month] && DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", out var start) && start < from)
                from = start;
        var lines = (await connection.QueryAsync<LineRow>("SELECT code, name, wave_code FROM budget_lines", transaction: session.Transaction))
            .ToDictionary(l => l.Code);
        var months = await mediator.Send(new GetMonthlyPlan(from, asOf), cancellationToken);
        var conditions = months
            .Where(m => m.Planned > 0 ? m.Actual > m.Planned * (1 + OverrunTolerance) : m.Actual > 0)
            .Select(m =>
            {
                var line = lines[m.LineCode];
                var sponsor = waves.FirstOrDefault(w => w.Code == line.WaveCode)?.ExecutiveSponsor;
                var over = m.Planned > 0 ? (double)((m.Actual - m.Planned) / m.Planned) : (double?)null;
                return new AlertCondition(AlertRules.BudgetOverrun, $"{m.LineCode}/{m.Month}", over is null or > 0.5 ? "critical" : "warning", sponsor,
                    $"{line.Name} ({m.LineCode}) is over plan in {m.Month}",
                    over is { } ratio
                        ? Invariant($"Spent {m.Actual:0.00} against {m.Planned:0.00} planned for {m.Month}: {ratio * 100:0.#}% over (tolerance {OverrunTolerance * 100:0}%).")
                        : Invariant($"Spent {m.Actual:0.00} in {m.Month}, outside the line's planned period."),
                    new Dictionary<string, string> { ["line"] = line.Name, ["code"] = m.LineCode, ["month"] = m.Month });
            }).ToList();
        return new RuleOutcome(AlertRules.BudgetOverrun, true, conditions);
    }

    private async Task<RuleOutcome> WavesBehindTargetAsync(DateOnly asOf, IReadOnlyList<Wave> waves, CancellationToken cancellationToken)
    {
        var conditions = new List<AlertCondition>();
        foreach (var wave in waves.Where(w => w.Status is "active" or "review" && w.TargetDepth is not null && w.PlannedStart <= asOf))
        {
            // Depth and its projection only: no readiness checklist or gate recommendation. Seen as
            // executives see it: a wave whose total is hidden this week raises nothing.
            var progress = await mediator.Send(new GetWaveProgress(wave.Code, asOf, WithRecommendation: false, HideSmallGroups: true), cancellationToken);
            var projection = progress.Depth.Projection;
            if (projection.Status == "suppressed") continue;
            var ended = asOf > wave.PlannedEnd;
            var behind = projection.Status is "late" or "not-on-track" || (ended && projection.Status is not "reached");
            if (!behind) continue;
            conditions.Add(new AlertCondition(AlertRules.WaveBehindTarget, wave.Code, ended ? "critical" : "warning", wave.ExecutiveSponsor,
                ended ? $"Wave {wave.Code} ended short of its target depth" : $"Wave {wave.Code} is projected to miss its target depth",
                Invariant($"Depth {Wording.Percent(progress.Depth.Ratio)} against a target of {Wording.Percent(wave.TargetDepth)} by {wave.PlannedEnd:yyyy-MM-dd}; projection: {projection.Status}{(projection.ProjectedOn is { } on ? $", target around {on:yyyy-MM-dd}" : "")}."),
                new Dictionary<string, string> { ["code"] = wave.Code, ["wave"] = wave.Name, ["state"] = ended ? "ended" : "projected" }));
        }
        return new RuleOutcome(AlertRules.WaveBehindTarget, true, conditions);
    }

    private sealed record RunRow
    {
        public required string Job { get; init; }
        public required string Status { get; init; }
        public string? FinishedAt { get; init; }
        public string? Error { get; init; }
        public required string RunId { get; init; }
    }

    // The last finished run of each job (job_runs, written by the jobs themselves).
    private async Task<RuleOutcome> FailedJobsAsync(CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<RunRow>("""
            SELECT r.job, r.status, r.finished_at, r.error, r.run_id
            FROM job_runs r
            WHERE r.status IN ('succeeded', 'failed')
              AND r.finished_at = (SELECT MAX(l.finished_at) FROM job_runs l WHERE l.job = r.job AND l.status IN ('succeeded', 'failed'))
            ORDER BY r.job
            """, transaction: session.Transaction);
        return new RuleOutcome(AlertRules.JobFailed, true, rows.Where(r => r.Status == "failed").GroupBy(r => r.Job).Select(g => g.First()).Select(r =>
            new AlertCondition(AlertRules.JobFailed, r.Job, "critical", "admin", $"The last {r.Job} run failed",
                $"Run {r.RunId} failed at {r.FinishedAt}: {r.Error ?? "no error recorded"}. See GET /api/v1/job-runs?job={r.Job}.",
                new Dictionary<string, string> { ["job"] = r.Job })).ToList());
    }
}
