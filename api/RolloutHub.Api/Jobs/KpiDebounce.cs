namespace RolloutHub.Api.Jobs;

/// <summary>
/// When the next KPI run after a change starts. A change waits for a quiet period
/// (DebounceSeconds without another change), but never more than MaxDelaySeconds after the
/// first change that no run covers yet. Once a run has started, it covers everything changed
/// before it: the changes after it open a new window with its own maximum delay, so that a
/// steady stream of writes gives one run per MaxDelaySeconds, not one run per write.
/// Pure: the watcher feeds it what it read and what the clock says.
/// </summary>
public sealed class KpiDebounce(TimeProvider clock, TimeSpan debounce, TimeSpan maxDelay)
{
    private string? _lastSeen;
    private DateTimeOffset? _pendingSince;
    private DateTimeOffset? _runAt;

    /// <summary>The start of the current window: the first change no run covers yet.</summary>
    public DateTimeOffset? PendingSince => _pendingSince;

    /// <summary>The run placed last is due: the caller then says whether its trigger has fired yet.</summary>
    public bool RunDue => _runAt is { } due && due <= clock.GetUtcNow();

    /// <summary>
    /// One poll: <paramref name="stale"/> and <paramref name="changedAt"/> as read from
    /// data_version, and whether the trigger placed last is still waiting to fire. Returns when
    /// the after-change run should start (the trigger to place or move), or null to leave it.
    /// </summary>
    public DateTimeOffset? Observe(bool stale, string? changedAt, bool triggerWaiting)
    {
        var now = clock.GetUtcNow();
        if (_runAt is { } due && due <= now && !triggerWaiting)
        {
            // The run has started: what changed before it is covered.
            _pendingSince = null;
            _runAt = null;
        }
        if (!stale)
        {
            _pendingSince = null;
            _runAt = null;
            _lastSeen = changedAt;
            return null;
        }
        if (changedAt == _lastSeen) return null;
        _lastSeen = changedAt;
        // A trigger that is due but not yet fired starts after this change: it covers it.
        if (_runAt is { } waiting && waiting <= now) return null;

        _pendingSince ??= now;
        var quiet = now + debounce;
        var latest = _pendingSince.Value + maxDelay;
        _runAt = quiet < latest ? quiet : latest;
        return _runAt;
    }

    /// <summary>After a failed poll: the next one treats what it reads as new.</summary>
    public void Forget() => _lastSeen = null;
}
