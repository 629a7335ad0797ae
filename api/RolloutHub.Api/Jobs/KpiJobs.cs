using Microsoft.Extensions.Options;
using Quartz;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Kpis;

namespace RolloutHub.Api.Jobs;

/// <summary>
/// Quartz hosted in the API with its job store in the application's own database, so
/// schedules, queued runs and misfires survive a restart (a nightly run missed while the
/// service was down fires once at start). On SQLite Quartz creates its tables itself from the
/// schema script it ships; on the server databases they come with the migrations.
/// </summary>
public static class KpiJobs
{
    public static IServiceCollection AddKpiJobs(this IServiceCollection services)
    {
        services.AddOptions<KpiJobOptions>().BindConfiguration("Kpis");
        services.AddSingleton(new KpiToday(TimeProvider.System));
        services.AddSingleton<KpiScheduler>();
        services.AddSingleton<KpiResponseCache>();
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(s => s.InstanceName = "RolloutHub");
            // The application's database, whichever it is: clustered on PostgreSQL and SQL Server,
            // so that each fire runs once across the instances and a run cut by a dead instance is
            // recovered by another (RequestRecovery below); see JobStore.
            quartz.UsePersistentStore(store => store.UseApplicationDatabase());
            quartz.AddJob<KpiJob>(job => job.WithIdentity(KpiJob.Key).StoreDurably().RequestRecovery().DisallowConcurrentExecution());
            quartz.AddTrigger<KpiJob>((sp, trigger) => trigger
                .WithIdentity(KpiScheduler.Nightly)
                .ForJob(KpiJob.Key)
                .UsingJobData(KpiJob.ReasonKey, "nightly")
                .WithCronSchedule(sp.GetRequiredService<IOptions<KpiJobOptions>>().Value.NightlyCron,
                    cron => cron.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
        });
        // Declared jobs and triggers do not replace stored ones at start: a nightly fire missed while
        // the service was down is kept (and fires once); KpiChangeWatcher applies a changed cron.
        services.Configure<QuartzOptions>(o => o.Scheduling.IgnoreDuplicates = true);
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<KpiChangeWatcher>();
        return services;
    }
}
