using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Quartz;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Kpis;

namespace RolloutHub.Api.Jobs;

/// <summary>
/// Quartz hosted in the API with its job store in the application's own database, so
/// schedules, queued runs and misfires survive a restart (a nightly run missed while the
/// service was down fires once at start). Quartz creates its qrtz_ tables itself from the
/// schema script it ships (ProvisionSchema), the same one for every release of the package.
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
            quartz.UsePersistentStore(store =>
            {
                // Read when the store first connects, so that a test host's connection string is seen.
                store.UseSqlite(source => source.DataSourceFactory = sp =>
                    SqliteFactory.Instance.CreateDataSource(sp.GetRequiredService<DatabaseOptions>().ConnectionString));
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });
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
