using Dapper;
using MediatR;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Kpis;
using RolloutHub.Api.Jobs;

namespace RolloutHub.Api.Features.Collectors;

/// <summary><c>GET /api/v1/collectors</c>: every collector, configured or not, with its last run and the days it holds.</summary>
public sealed record ListCollectors : IRequest<IReadOnlyList<CollectorState>>;

/// <summary>A collector's state. Never carries a secret: only whether the keys it needs are set.</summary>
/// <param name="Name">The collector (<c>github</c>, <c>m365-usage</c>, <c>m365-audit</c>), for <c>POST /api/v1/collectors/{name}/run</c>.</param>
/// <param name="Source">The source its data is imported as.</param>
/// <param name="Configured">The keys it needs are set: it can be run.</param>
/// <param name="Enabled">It runs on its schedule.</param>
/// <param name="Schedule">Its Quartz cron (seconds first, UTC).</param>
/// <param name="NextRunAt">Its next scheduled run; null when it is not enabled.</param>
/// <param name="LastRun">Its latest run (queued, running, succeeded or failed), also in <c>GET /api/v1/job-runs?job=collector-{name}</c>.</param>
/// <param name="LastError">Why its latest finished run failed, in plain words; null when that run succeeded.</param>
/// <param name="DaysHeld">The days it has fetched and imported (for the usage report: the days a report was taken).</param>
public sealed record CollectorState(string Name, string Source, bool Configured, bool Enabled, string Schedule, DateTimeOffset? NextRunAt,
    CollectorLastRun? LastRun, string? LastError, CollectorDaysHeld DaysHeld);

public sealed record CollectorLastRun(string RunId, string Status, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error);

public sealed record CollectorDaysHeld(DateOnly? FirstDate, DateOnly? LastDate, long Days);

public sealed class ListCollectorsHandler(CollectorRegistry collectors, CollectorScheduler scheduler, DbSession session)
    : IRequestHandler<ListCollectors, IReadOnlyList<CollectorState>>
{
    public async Task<IReadOnlyList<CollectorState>> Handle(ListCollectors request, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var dialect = session.Dialect;
        var states = new List<CollectorState>();
        foreach (var collector in collectors.All)
        {
            var job = CollectorRegistry.JobName(collector.Name);
            var last = await connection.QuerySingleOrDefaultAsync<JobRun>($"""
                SELECT {JobRunStore.Columns} FROM job_runs
                WHERE job = @job
                ORDER BY requested_at DESC, run_id DESC
                {dialect.Limit("1")}
                """, new { job }, session.Transaction);
            var lastFinished = await connection.QuerySingleOrDefaultAsync<JobRun>($"""
                SELECT {JobRunStore.Columns} FROM job_runs
                WHERE job = @job AND finished_at IS NOT NULL
                ORDER BY finished_at DESC, run_id DESC
                {dialect.Limit("1")}
                """, new { job }, session.Transaction);
            var held = await CollectorDays.HeldAsync(connection, collector.Name, session.Transaction);
            states.Add(new CollectorState(
                collector.Name, collector.Source, collector.Configured, collector.Enabled, collector.Schedule,
                collector.Enabled ? await scheduler.NextRunAsync(collector.Name, cancellationToken) : null,
                last is null ? null : new CollectorLastRun(last.RunId, last.Status, last.StartedAt, last.FinishedAt, last.Error),
                lastFinished is { Status: "failed" } ? lastFinished.Error : null,
                new CollectorDaysHeld(Day(held.FirstDate), Day(held.LastDate), held.Days)));
        }
        return states;
    }

    private static DateOnly? Day(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
