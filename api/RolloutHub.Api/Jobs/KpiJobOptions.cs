namespace RolloutHub.Api.Jobs;

/// <summary>The <c>Kpis</c> configuration section.</summary>
public sealed class KpiJobOptions
{
    /// <summary><c>Kpis:DebounceSeconds</c>: a run starts this long after the last change (a burst of imports gives one run).</summary>
    public double DebounceSeconds { get; set; } = 5;

    /// <summary><c>Kpis:MaxDelaySeconds</c>: under a steady stream of changes, a run still starts this long after the first one.</summary>
    public double MaxDelaySeconds { get; set; } = 120;

    /// <summary><c>Kpis:NightlyCron</c>: the full recompute (Quartz cron, seconds first, UTC).</summary>
    public string NightlyCron { get; set; } = "0 0 2 * * ?";

    /// <summary><c>Kpis:MaxRetries</c>: how many times a failed run is retried.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary><c>Kpis:RetryDelaySeconds</c>: the wait before the first retry, doubled for each further one.</summary>
    public double RetryDelaySeconds { get; set; } = 30;

    /// <summary><c>Kpis:PollSeconds</c>: how often the change watcher reads data_version.</summary>
    public double PollSeconds { get; set; } = 1;
}
