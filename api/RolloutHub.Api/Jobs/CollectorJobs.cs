using Microsoft.Extensions.Options;
using Quartz;
using RolloutHub.Api.Features.Collectors;

namespace RolloutHub.Api.Jobs;

/// <summary>Puts collector triggers into the persistent Quartz store: each collector's schedule, and runs asked for now or later.</summary>
public sealed class CollectorScheduler(ISchedulerFactory factory)
{
    public static JobKey Job(string collector) => new(CollectorRegistry.JobName(collector), "rollouthub");
    public static TriggerKey Schedule(string collector) => new($"{CollectorRegistry.JobName(collector)}-schedule", "rollouthub");

    public async Task RunAtAsync(string collector, string runId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        var trigger = TriggerBuilder.Create(TimeProvider.System)
            .WithIdentity($"{CollectorRegistry.JobName(collector)}-run-{runId}", "rollouthub")
            .ForJob(Job(collector))
            .UsingJobData(CollectorJob.RunIdKey, runId)
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
    }

    /// <summary>
    /// Keeps the stored schedule of a collector (a fire missed while the service was down then
    /// fires once at start) unless its cron changed; removes it when the collector is off.
    /// </summary>
    public async Task EnsureScheduleAsync(ICollector collector, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        var key = Schedule(collector.Name);
        if (!collector.Enabled)
        {
            await scheduler.UnscheduleJob(key, cancellationToken);
            return;
        }
        if (await scheduler.GetTrigger(key, cancellationToken) is ICronTrigger stored && stored.CronExpressionString == collector.Schedule) return;
        var trigger = TriggerBuilder.Create(TimeProvider.System)
            .WithIdentity(key)
            .ForJob(Job(collector.Name))
            .WithCronSchedule(collector.Schedule, c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
    }

    public async Task<DateTimeOffset?> NextRunAsync(string collector, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        return (await scheduler.GetTrigger(Schedule(collector), cancellationToken))?.NextFireTimeUtc;
    }
}

/// <summary>At start, applies each collector's configured schedule to the stored triggers.</summary>
public sealed class CollectorSchedules(CollectorRegistry collectors, CollectorScheduler scheduler, ILogger<CollectorSchedules> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var collector in collectors.All)
        {
            try
            {
                await scheduler.EnsureScheduleAsync(collector, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError("Could not apply the schedule of collector {Collector}: {Error}", collector.Name, e.Message);
            }
        }
    }
}

public static class CollectorJobs
{
    private static readonly string[] Names = [GitHubCopilotCollector.CollectorName, M365UsageReportCollector.CollectorName, M365AuditLogCollector.CollectorName];

    /// <summary>The collectors, their options (checked at start), their jobs and schedules.</summary>
    public static IServiceCollection AddCollectors(this IServiceCollection services)
    {
        services.AddOptions<CollectorsOptions>().BindConfiguration("Collectors").ValidateOnStart();
        services.AddSingleton<IValidateOptions<CollectorsOptions>, ValidateCollectorsOptions>();
        services.AddSingleton<CollectorHttp>();
        services.AddSingleton<MicrosoftSignIn>();
        services.AddSingleton<ICollector, GitHubCopilotCollector>();
        services.AddSingleton<ICollector, M365UsageReportCollector>();
        services.AddSingleton<ICollector, M365AuditLogCollector>();
        services.AddSingleton<CollectorRegistry>();
        services.AddSingleton<CollectorScheduler>();
        services.AddQuartz(quartz =>
        {
            foreach (var name in Names)
                quartz.AddJob<CollectorJob>(job => job.WithIdentity(CollectorScheduler.Job(name)).StoreDurably()
                    .RequestRecovery().DisallowConcurrentExecution().UsingJobData(CollectorJob.CollectorKey, name));
        });
        services.AddHostedService<CollectorSchedules>();
        return services;
    }
}
