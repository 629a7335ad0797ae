using Microsoft.Extensions.Options;
using Quartz;

namespace RolloutHub.Api.Jobs;

/// <summary>
/// Puts KPI triggers into the persistent Quartz store, where they survive a restart. Trigger times
/// are on the machine's clock, Quartz's own, whatever TimeProvider says "today" is for the KPIs.
/// </summary>
public sealed class KpiScheduler(ISchedulerFactory factory)
{
    public static readonly TriggerKey AfterChange = new("kpis-after-change", "rollouthub");
    public static readonly TriggerKey Nightly = new("kpis-nightly", "rollouthub");

    /// <summary>Runs the queued run <paramref name="runId"/> as soon as the job is free.</summary>
    public Task RunNowAsync(string runId, CancellationToken cancellationToken) => RunAtAsync(runId, DateTimeOffset.UtcNow, cancellationToken);

    public async Task RunAtAsync(string runId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        var trigger = TriggerBuilder.Create(TimeProvider.System)
            .WithIdentity($"kpis-run-{runId}", "rollouthub")
            .ForJob(KpiJob.Key)
            .UsingJobData(KpiJob.RunIdKey, runId)
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
    }

    /// <summary>(Re)places the one debounced trigger: each change pushes it back, up to a limit.</summary>
    public async Task RunAfterChangeAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        var trigger = TriggerBuilder.Create(TimeProvider.System)
            .WithIdentity(AfterChange)
            .ForJob(KpiJob.Key)
            .UsingJobData(KpiJob.ReasonKey, "change")
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
    }

    /// <summary>Whether the after-change trigger has yet to fire (it may wait for a run in progress).</summary>
    public async Task<bool> AfterChangeWaitingAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        return await scheduler.GetTriggerState(AfterChange, cancellationToken) is TriggerState.Normal or TriggerState.Blocked or TriggerState.Paused;
    }

    /// <summary>
    /// Keeps the stored nightly trigger (and so a fire missed while the service was down, which
    /// fires once at start), unless the configured cron differs: then it is replaced.
    /// </summary>
    public async Task EnsureNightlyAsync(string cron, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        if (await scheduler.GetTrigger(Nightly, cancellationToken) is ICronTrigger stored && stored.CronExpressionString == cron) return;
        var trigger = TriggerBuilder.Create(TimeProvider.System)
            .WithIdentity(Nightly)
            .ForJob(KpiJob.Key)
            .UsingJobData(KpiJob.ReasonKey, "nightly")
            .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
    }
}
