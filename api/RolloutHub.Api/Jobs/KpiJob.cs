using MediatR;
using Microsoft.Extensions.Options;
using Quartz;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Kpis;

namespace RolloutHub.Api.Jobs;

/// <summary>
/// The Quartz job behind the KPI snapshots. Thin: it finds or records its run, sends
/// <see cref="RecomputeKpis"/>, and on failure keeps the error and schedules a bounded retry.
/// One at a time (DisallowConcurrentExecution): a trigger that fires during a run waits for it.
/// </summary>
[DisallowConcurrentExecution]
public sealed class KpiJob(IServiceScopeFactory scopes, Db db, KpiScheduler scheduler, IOptions<KpiJobOptions> options,
    ILogger<KpiJob> logger) : IJob
{
    public const string Name = "kpis";
    public static readonly JobKey Key = new(Name, "rollouthub");

    public const string RunIdKey = "runId";
    public const string ReasonKey = "reason";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var runId = data.TryGetValue(RunIdKey, out var id) ? id?.ToString() : null;
        JobRun? run;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            if (string.IsNullOrEmpty(runId))
            {
                var reason = data.TryGetValue(ReasonKey, out var r) ? r?.ToString() ?? "schedule" : "schedule";
                runId = await JobRunStore.QueueAsync(connection, Name, reason, full: reason == "nightly", requestedBy: "schedule", DateTimeOffset.UtcNow);
            }
            run = await JobRunStore.FindAsync(connection, runId);
        }
        if (run is null)
        {
            logger.LogWarning("KPI job fired for unknown run {RunId}; ignored", runId);
            return;
        }

        try
        {
            await using var scope = scopes.CreateSystemScope(Name);
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RecomputeKpis(runId), cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "KPI run {RunId} failed (attempt {Attempt})", runId, run.Attempt);
            await using var connection = await db.OpenAsync(CancellationToken.None);
            // The retry is queued and scheduled before this run is marked failed, so whoever sees
            // the failure also sees whether another attempt follows.
            var settings = options.Value;
            if (run.Attempt <= settings.MaxRetries)
            {
                var retryId = await JobRunStore.QueueAsync(connection, Name, "retry", run.FullRecompute, "schedule",
                    DateTimeOffset.UtcNow, (int)run.Attempt + 1, run.RetryOf ?? runId);
                var delay = TimeSpan.FromSeconds(settings.RetryDelaySeconds * Math.Pow(2, run.Attempt - 1));
                await scheduler.RunAtAsync(retryId, DateTimeOffset.UtcNow + delay, CancellationToken.None);
            }
            await JobRunStore.FailAsync(connection, runId, $"{e.GetType().Name}: {e.Message}", DateTimeOffset.UtcNow);
        }
    }
}
