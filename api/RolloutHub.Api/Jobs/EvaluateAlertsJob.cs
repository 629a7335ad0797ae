using Dapper;
using MediatR;
using Quartz;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Alerts;
using RolloutHub.Api.Features.Kpis;

namespace RolloutHub.Api.Jobs;

/// <summary>
/// Evaluates the alert rules (<see cref="EvaluateAlerts"/>). Thin: it records its run in
/// job_runs (job <c>alerts</c>, listed by GET /api/v1/job-runs) and sends the request. Fired after
/// each KPI run (<see cref="AlertsAfterKpiRun"/>) and on <c>Alerts:EvaluateCron</c>.
/// </summary>
[DisallowConcurrentExecution]
public sealed class EvaluateAlertsJob(IServiceScopeFactory scopes, Db db, ILogger<EvaluateAlertsJob> logger) : IJob
{
    public const string Name = "alerts";
    public static readonly JobKey Key = new(Name, "rollouthub");
    public static readonly TriggerKey Schedule = new("alerts-schedule", "rollouthub");
    public const string ReasonKey = "reason";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var reason = context.MergedJobDataMap.TryGetValue(ReasonKey, out var r) ? r?.ToString() ?? "schedule" : "schedule";
        string runId;
        await using (var connection = await db.OpenAsync(cancellationToken))
        using (await db.EnterWriteAsync(cancellationToken))
        {
            runId = await JobRunStore.QueueAsync(connection, Name, reason, full: false, requestedBy: "schedule", DateTimeOffset.UtcNow);
            await connection.ExecuteAsync("UPDATE job_runs SET status = 'running', started_at = @now WHERE run_id = @runId",
                new { runId, now = DateTimeOffset.UtcNow });
        }
        try
        {
            AlertEvaluation evaluation;
            await using (var scope = scopes.CreateSystemScope(Name))
                evaluation = await scope.ServiceProvider.GetRequiredService<AlertEvaluator>().EvaluateAsync(null, cancellationToken);
            await using var connection = await db.OpenAsync(cancellationToken);
            using (await db.EnterWriteAsync(cancellationToken))
                await connection.ExecuteAsync("""
                    UPDATE job_runs SET status = 'succeeded', finished_at = @now, mode = 'evaluate', periods_touched = @changed
                    WHERE run_id = @runId
                    """, new { runId, now = DateTimeOffset.UtcNow, changed = evaluation.Raised + evaluation.Resolved });
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "Alert evaluation {RunId} failed", runId);
            await using var connection = await db.OpenAsync(CancellationToken.None);
            using (await db.EnterWriteAsync(CancellationToken.None))
                await JobRunStore.FailAsync(connection, runId, $"{e.GetType().Name}: {e.Message}", DateTimeOffset.UtcNow);
        }
    }
}

/// <summary>
/// After every run of the KPI job, whether it succeeded or
/// not (a failed run is itself an alert), the alert evaluation is fired.
/// </summary>
public sealed class AlertsAfterKpiRun : IJobListener
{
    public string Name => nameof(AlertsAfterKpiRun);

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        var data = new JobDataMap();
        data.Add(EvaluateAlertsJob.ReasonKey, "after-kpis");
        await context.Scheduler.TriggerJob(EvaluateAlertsJob.Key, data, cancellationToken);
    }
}

public static class AlertJobs
{
    /// <summary>The alert job, its own schedule (switched off by <c>Alerts:EvaluateCron</c> = <c>-</c>) and its link to the KPI job.</summary>
    public static IQuartzBuilder AddAlertJobs(this IQuartzBuilder quartz)
    {
        quartz.AddJob<EvaluateAlertsJob>(job => job.WithIdentity(EvaluateAlertsJob.Key).StoreDurably().DisallowConcurrentExecution());
        quartz.AddConfiguredTrigger<EvaluateAlertsJob>("Alerts:EvaluateCron",
            (sp, key) => sp.GetRequiredService<IConfiguration>()[key],
            (_, cron, trigger) => trigger
                .WithIdentity(EvaluateAlertsJob.Schedule)
                .ForJob(EvaluateAlertsJob.Key)
                .UsingJobData(EvaluateAlertsJob.ReasonKey, "schedule")
                .WithCronSchedule(string.IsNullOrWhiteSpace(cron) ? new AlertOptions().EvaluateCron : cron,
                    c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)));
        quartz.AddJobListener<AlertsAfterKpiRun>([Matchers.Key(KpiJob.Key)]);
        return quartz;
    }
}
