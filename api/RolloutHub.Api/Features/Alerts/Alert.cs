namespace RolloutHub.Api.Features.Alerts;

/// <summary>
/// Something that needs a person's attention, raised by a rule about one subject. While it is
/// open or acknowledged there is no second alert for the same rule and subject; it resolves itself
/// when an evaluation no longer finds the condition.
/// </summary>
public sealed record Alert
{
    public long Id { get; init; }
    /// <summary>
    /// <c>department-declining</c>, <c>champion-inactive</c>, <c>use-case-review-overdue</c>,
    /// <c>budget-overrun</c>, <c>wave-behind-target</c> or <c>job-failed</c>.
    /// </summary>
    public required string Rule { get; init; }
    /// <summary><c>info</c>, <c>warning</c> or <c>critical</c>.</summary>
    public required AlertSeverity Severity { get; init; }
    /// <summary>Who should act: a wave's adoption owner or sponsor, a use case's owner, <c>admin</c>; null when nobody is named.</summary>
    public string? Owner { get; init; }
    /// <summary>What it is about: a department code, a champion id, a use-case code, <c>LINE/YYYY-MM</c>, a wave code, a job name.</summary>
    public required string SubjectKey { get; init; }
    /// <summary>The title in English; <c>facts</c> holds what it is made of.</summary>
    public required string Title { get; init; }
    public required string Detail { get; init; }
    /// <summary>
    /// What the title is made of, by rule: <c>department</c>, <c>code</c> (declining department);
    /// <c>champion</c>, <c>code</c>, <c>days</c> (inactive champion); <c>code</c>, <c>useCase</c> (overdue review);
    /// <c>line</c>, <c>code</c>, <c>month</c> (budget overrun); <c>code</c>, <c>wave</c>, <c>state</c> = <c>ended</c> or
    /// <c>projected</c> (wave behind target); <c>job</c> (failed job). Null on alerts raised before facts were kept.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Facts { get; init; }
    /// <summary><c>open</c>, <c>acknowledged</c> or <c>resolved</c>.</summary>
    public required string Status { get; init; }
    public DateTimeOffset RaisedAt { get; init; }
    /// <summary>The last evaluation that still found the condition (or resolved it).</summary>
    public DateTimeOffset LastEvaluatedAt { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public string? AcknowledgedBy { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
}

/// <summary>The rules, by name.</summary>
public static class AlertRules
{
    public const string DepartmentDeclining = "department-declining";
    public const string ChampionInactive = "champion-inactive";
    public const string UseCaseReviewOverdue = "use-case-review-overdue";
    public const string BudgetOverrun = "budget-overrun";
    public const string WaveBehindTarget = "wave-behind-target";
    public const string JobFailed = "job-failed";

    public static readonly IReadOnlyList<string> All =
        [DepartmentDeclining, ChampionInactive, UseCaseReviewOverdue, BudgetOverrun, WaveBehindTarget, JobFailed];
}

/// <summary>The <c>Alerts</c> configuration section.</summary>
public sealed class AlertOptions
{
    /// <summary><c>Alerts:WebhookUrl</c>: where raised and resolved alerts are POSTed as JSON; none by default.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary><c>Alerts:EvaluateCron</c>: a Quartz cron for evaluations besides the one after each KPI run; <c>-</c> switches it off.</summary>
    public string EvaluateCron { get; set; } = "0 15 * * * ?";

    /// <summary><c>Alerts:RetryBaseDelay</c>: wait before the first retry of a failed delivery, doubled at each further one.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary><c>Alerts:RetryMaxDelay</c>: the longest wait between two attempts.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary><c>Alerts:MaxAttempts</c>: attempts before a delivery is given up (marked failed).</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary><c>Alerts:PollInterval</c>: how often the delivery loop looks for due notifications when not woken up.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary><c>Alerts:Timeout</c>: how long the receiver has to answer one delivery.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Wakes the webhook delivery loop when an evaluation has queued notifications.</summary>
public sealed class AlertOutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try { _signal.Release(); }
        catch (SemaphoreFullException) { } // already signalled
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
