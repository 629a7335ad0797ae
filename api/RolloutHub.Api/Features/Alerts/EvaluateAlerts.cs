using MediatR;
using RolloutHub.Api.Features.Kpis;
using RolloutHub.Api.Features.Settings;
using RolloutHub.Api.Features.Waves;

namespace RolloutHub.Api.Features.Alerts;

/// <summary>
/// A condition a rule found: the alert it keeps open (or raises). <c>Title</c> and <c>Detail</c>
/// are English, for the webhook's receivers; <c>Facts</c> are what both are made of, by name
/// (<see cref="AlertFacts"/>), for the dashboard to word them in its reader's language.
/// </summary>
public sealed record AlertCondition(string Rule, string SubjectKey, AlertSeverity Severity, string? Owner, string Title, string Detail,
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
/// (<see cref="AlertConditionsWriter"/>): the reading, which may be long, never holds the write lock.
/// Run by the Quartz job after each KPI run and on its own schedule, or by an admin.
/// </summary>
public sealed record EvaluateAlerts(DateOnly? AsOf = null) : IRequest<AlertEvaluation>;

public sealed class EvaluateAlertsHandler(AlertEvaluator evaluator) : IRequestHandler<EvaluateAlerts, AlertEvaluation>
{
    public Task<AlertEvaluation> Handle(EvaluateAlerts request, CancellationToken cancellationToken) => evaluator.EvaluateAsync(request.AsOf, cancellationToken);
}

/// <summary>Runs the rules (<see cref="IAlertRule"/>, in their registration order) and applies what they found.</summary>
public sealed class AlertEvaluator(
    IEnumerable<IAlertRule> rules, WaveQueries waves, SettingsQuery settings, KpiToday today, AlertConditionsWriter writer, AlertOutboxSignal outbox)
{
    public async Task<AlertEvaluation> EvaluateAsync(DateOnly? day, CancellationToken cancellationToken)
    {
        var asOf = day ?? today.Date;
        var context = new AlertContext(asOf, await waves.ListAsync(cancellationToken), await settings.ReadAsync(cancellationToken));
        var outcomes = new List<RuleOutcome>();
        foreach (var rule in rules) outcomes.Add(await rule.EvaluateAsync(context, cancellationToken));
        var evaluation = await writer.ApplyAsync(asOf, outcomes, cancellationToken);
        if (evaluation.NotificationsQueued > 0) outbox.Notify();
        return evaluation;
    }
}
