using Dapper;
using Microsoft.Extensions.Options;
using RolloutHub.Api.Data;

namespace RolloutHub.Api.Jobs;

/// <summary>
/// Schedules a KPI run after each change, debounced (SPEC §4: snapshots follow the data). Every
/// write already stamps data_version.changed_at; this reads it (one tiny query per poll) and,
/// when it moves past what the snapshots are based on, pushes the after-change trigger to
/// DebounceSeconds from now, but never beyond MaxDelaySeconds after the first pending change.
/// The trigger lives in the Quartz store, so a change made just before a restart is still computed.
/// </summary>
public sealed class KpiChangeWatcher(Db db, KpiScheduler scheduler, IOptions<KpiJobOptions> options,
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
        string? lastSeen = null;
        DateTimeOffset? pendingSince = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.Value;
            try
            {
                await using var connection = await db.OpenAsync(stoppingToken);
                var versions = await Features.Kpis.KpiRange.StateRowAsync(connection, null);
                var stale = Features.Kpis.KpiRange.IsStale(versions.ChangedAt, versions.BasedOn);
                if (!stale) pendingSince = null;
                else if (versions.ChangedAt != lastSeen)
                {
                    var now = DateTimeOffset.UtcNow;
                    pendingSince ??= now;
                    var at = now + TimeSpan.FromSeconds(settings.DebounceSeconds);
                    var latest = pendingSince.Value + TimeSpan.FromSeconds(settings.MaxDelaySeconds);
                    await scheduler.RunAfterChangeAsync(at < latest ? at : latest, stoppingToken);
                }
                lastSeen = versions.ChangedAt;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The next poll tries again; the nightly run is the backstop.
                logger.LogWarning(e, "KPI change watcher could not schedule a run");
                lastSeen = null;
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(settings.PollSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
