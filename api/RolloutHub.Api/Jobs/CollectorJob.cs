using Dapper;
using Microsoft.Extensions.Options;
using Quartz;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Collectors;
using RolloutHub.Api.Features.Kpis;

namespace RolloutHub.Api.Jobs;

/// <summary>
/// Runs one collector (the job's <c>collector</c> data): records the run in job_runs (job
/// <c>collector-{name}</c>), lets the collector fetch and import, and on a passing failure (vendor
/// busy or down, download cut) queues a retry with doubling delay, up to Collectors:MaxRetries.
/// A refusal (token, permissions, changed API) is not retried: the next scheduled run tries again.
/// One run of a collector at a time, once across a cluster (the store takes each fire once).
/// </summary>
[DisallowConcurrentExecution]
public sealed class CollectorJob(CollectorRegistry collectors, CollectorScheduler scheduler, Db db, IServiceScopeFactory scopes,
    IOptionsMonitor<CollectorsOptions> options, ILogger<CollectorJob> logger) : IJob
{
    public const string CollectorKey = "collector";
    public const string RunIdKey = "runId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var name = data.TryGetValue(CollectorKey, out var n) ? n?.ToString() : null;
        if (name is null || collectors.Find(name) is not { } collector)
        {
            logger.LogWarning("Collector job fired for unknown collector {Collector}; ignored", name);
            return;
        }
        var job = CollectorRegistry.JobName(collector.Name);
        var runId = data.TryGetValue(RunIdKey, out var id) ? id?.ToString() : null;
        JobRun? run;
        await using (var connection = await db.OpenAsync(cancellationToken))
        using (await db.EnterWriteAsync(cancellationToken))
        {
            if (string.IsNullOrEmpty(runId))
            {
                if (!collector.Enabled) return; // switched off since its trigger was stored
                // Stamped with the fire time it serves: one fire, one run, whichever instance took it.
                runId = await JobRunStore.QueueAsync(connection, job, "schedule", full: false, requestedBy: "schedule",
                    context.ScheduledFireTimeUtc ?? DateTimeOffset.UtcNow);
            }
            run = await JobRunStore.FindAsync(connection, runId);
            if (run is not null)
                await connection.ExecuteAsync("UPDATE job_runs SET status = 'running', started_at = @now, error = NULL WHERE run_id = @runId",
                    new { runId, now = JobRunStore.Stamp(DateTimeOffset.UtcNow) });
        }
        if (run is null)
        {
            logger.LogWarning("Collector {Collector} fired for unknown run {RunId}; ignored", collector.Name, runId);
            return;
        }

        logger.LogInformation("Collector {Collector} run {RunId} started", collector.Name, runId);
        try
        {
            if (!collector.Configured) throw new CollectorFailure(collector.NotConfigured);
            CollectorOutcome outcome;
            await using (var collectorRun = new CollectorRun(collector.Name, runId, db, scopes, options, TimeProvider.System))
                outcome = await collector.CollectAsync(collectorRun, cancellationToken);
            await using var connection = await db.OpenAsync(CancellationToken.None);
            using (await db.EnterWriteAsync(CancellationToken.None))
                await connection.ExecuteAsync("""
                    UPDATE job_runs SET status = 'succeeded', finished_at = @now, mode = 'collect' WHERE run_id = @runId
                    """, new { runId, now = JobRunStore.Stamp(DateTimeOffset.UtcNow) });
            logger.LogInformation(
                "Collector {Collector} run {RunId} succeeded: {Imports} imports, {Rows} rows read, {Inserted} events inserted, {Updated} updated, {Unmatched} unmatched users, {Seats} seats given",
                collector.Name, runId, outcome.Imports, outcome.RowsRead, outcome.Inserted, outcome.Updated, outcome.UnmatchedUsers, outcome.SeatsMarked);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The service is stopping: the run is not left "running" for ever; the next run takes its days up.
            await using var connection = await db.OpenAsync(CancellationToken.None);
            using (await db.EnterWriteAsync(CancellationToken.None))
                await JobRunStore.FailAsync(connection, runId, "The service stopped during the run; the next run fetches its days again.", DateTimeOffset.UtcNow);
            throw;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var (message, passing) = Explain(e);
            // The exception itself is not logged: its inner details could hold a request's URL.
            logger.LogWarning("Collector {Collector} run {RunId} failed (attempt {Attempt}): {Error}", collector.Name, runId, run.Attempt, message);
            var settings = options.CurrentValue;
            await using var connection = await db.OpenAsync(CancellationToken.None);
            if (passing && run.Attempt <= settings.MaxRetries)
            {
                string retryId;
                using (await db.EnterWriteAsync(CancellationToken.None))
                    retryId = await JobRunStore.QueueAsync(connection, job, "retry", false, "schedule", DateTimeOffset.UtcNow,
                        (int)run.Attempt + 1, run.RetryOf ?? runId);
                var delay = TimeSpan.FromSeconds(settings.RetryDelaySeconds * Math.Pow(2, run.Attempt - 1));
                await scheduler.RunAtAsync(collector.Name, retryId, DateTimeOffset.UtcNow + delay, CancellationToken.None);
            }
            using (await db.EnterWriteAsync(CancellationToken.None))
                await JobRunStore.FailAsync(connection, runId, message, DateTimeOffset.UtcNow);
        }
    }

    /// <summary>The run's error in words, and whether a retry may help.</summary>
    private static (string Message, bool Passing) Explain(Exception e) => e switch
    {
        CollectorFailure failure => (failure.Message, failure.Passing),
        Infrastructure.CsvValidationException refused => (string.Join(" ",
            new[] { $"The import refused the vendor's file: {refused.Message}" }.Concat(refused.Errors
                .Where(x => x.Message != refused.Message).Take(5).Select(x => $"Line {x.Line}: {x.Message}"))), false),
        HttpRequestException => ("The vendor could not be reached (network error).", true),
        IOException => ("A temporary file could not be written or read (disk full?).", true),
        _ => ($"{e.GetType().Name}: {e.Message}", true),
    };
}
