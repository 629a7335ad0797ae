using Dapper;
using Microsoft.Extensions.Options;
using RolloutHub.Api.Data;

namespace RolloutHub.Api.Jobs;

/// <summary>
/// Schedules a KPI run after each change (snapshots follow the data). Every write already
/// stamps data_version.changed_at; this reads it (one tiny query per poll) and lets
/// <see cref="KpiDebounce"/> decide when the after-change trigger fires. The trigger lives in the
/// Quartz store, so a change made just before a restart is still computed.
/// </summary>
public sealed class KpiChangeWatcher(Db db, KpiScheduler scheduler, IOptions<KpiJobOptions> options, TimeProvider clock,
    ILogger<KpiChangeWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await scheduler.EnsureNightlyAsync(options.Value.NightlyCron, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not apply Kpis:NightlyCron '{Cron}'", options.Value.NightlyCron);
        }
        var debounce = new KpiDebounce(clock,
            TimeSpan.FromSeconds(options.Value.DebounceSeconds), TimeSpan.FromSeconds(options.Value.MaxDelaySeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.Value;
            try
            {
                await using var connection = await db.OpenAsync(stoppingToken);
                var versions = await Features.Kpis.KpiRange.StateRowAsync(connection, null);
                var stale = Features.Kpis.KpiRange.IsStale(versions.ChangedAt, versions.BasedOn);
                var waiting = debounce.RunDue && await scheduler.AfterChangeWaitingAsync(stoppingToken);
                if (debounce.Observe(stale, versions.ChangedAt, waiting) is { } at)
                    await scheduler.RunAfterChangeAsync(at, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The next poll tries again; the nightly run is the backstop.
                logger.LogWarning(e, "KPI change watcher could not schedule a run");
                debounce.Forget();
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(settings.PollSeconds), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
