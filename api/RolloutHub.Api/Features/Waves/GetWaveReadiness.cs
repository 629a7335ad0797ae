using MediatR;

namespace RolloutHub.Api.Features.Waves;

/// <summary>The readiness checklist of a wave, computed from the data.</summary>
public sealed record WaveReadiness
{
    public required string WaveCode { get; init; }
    public required string Name { get; init; }
    public required WaveStatus Status { get; init; }
    /// <summary>The day the checklist was computed for (employees employed that day, usage up to it).</summary>
    public DateOnly AsOf { get; init; }
    /// <summary>Items met ÷ 7, between 0 and 1.</summary>
    public double Score { get; init; }
    public int MetCount { get; init; }
    public int ItemCount { get; init; }
    /// <summary>Met items that still wait for a person's confirmation.</summary>
    public int PendingConfirmations { get; init; }
    /// <summary>Every item met and every confirmation given.</summary>
    public bool Ready { get; init; }
    public IReadOnlyList<ReadinessItem> Items { get; init; } = [];
}

/// <summary>One item of the readiness checklist.</summary>
public sealed record ReadinessItem
{
    /// <summary>1 to 7, the item's own number in the checklist's definition (1 budget … 7 targets), whatever its place in the list.</summary>
    public int Number { get; init; }
    /// <summary>Stable key: budget, champions, use-cases, training, support-model, sponsor, targets.</summary>
    public required string Key { get; init; }
    /// <summary>What the data say.</summary>
    public bool Met { get; init; }
    /// <summary>Why the item is met or not, as a code the dashboard words from <c>facts</c>.</summary>
    public WaveMessageCode Code { get; init; }
    /// <summary>The figures, dates and codes the reason is worded from (see <see cref="WaveFacts"/>).</summary>
    public IReadOnlyDictionary<string, string> Facts { get; init; } = WaveFacts.None;
    /// <summary>
    /// True for items the data can only suggest (a budget line exists, a name is typed in, a link
    /// is set): a person confirms them with POST /api/v1/waves/{code}/readiness/{key}/confirmation.
    /// </summary>
    public bool ConfirmationRequired { get; init; }
    /// <summary>Confirmation required and not yet given.</summary>
    public bool NeedsConfirmation { get; init; }
    public ReadinessConfirmation? Confirmation { get; init; }
    /// <summary>What is missing, one entry per department, use case or field.</summary>
    public IReadOnlyList<ReadinessGap> Gaps { get; init; } = [];
}

/// <summary>Something that keeps an item from being met.</summary>
public sealed record ReadinessGap
{
    /// <summary>A department code, a use-case code, a budget line code or a wave field.</summary>
    public required string Subject { get; init; }
    /// <summary>What is missing, as a code the dashboard words from <c>facts</c>.</summary>
    public WaveMessageCode Code { get; init; }
    public IReadOnlyDictionary<string, string> Facts { get; init; } = WaveFacts.None;
    /// <summary>
    /// How many (e.g. employees without a training tier), when it is a count; null too, for everyone
    /// but admins, for a department the privacy rule hides on the day.
    /// </summary>
    public int? Count { get; init; }
    /// <summary>
    /// The employees concerned (up to 50; champions see those of their own departments only; readers
    /// who may not read employee records get none for a department the privacy rule hides).
    /// </summary>
    public IReadOnlyList<string> EmployeeKeys { get; init; } = [];

    public static ReadinessGap Of(string subject, WaveMessageCode code, params (string, object?)[] facts) =>
        new() { Subject = subject, Code = code, Facts = WaveFacts.Of(facts) };
}

public sealed record ReadinessConfirmation
{
    public required string ConfirmedBy { get; init; }
    public DateTimeOffset ConfirmedAt { get; init; }
    public string? Note { get; init; }
}

public sealed record GetWaveReadiness(string WaveCode, DateOnly? AsOf = null) : IRequest<WaveReadiness>;

public sealed class GetWaveReadinessHandler(WaveReadinessQuery readiness) : IRequestHandler<GetWaveReadiness, WaveReadiness>
{
    public Task<WaveReadiness> Handle(GetWaveReadiness request, CancellationToken cancellationToken) =>
        readiness.GetAsync(request.WaveCode, request.AsOf, cancellationToken);
}
