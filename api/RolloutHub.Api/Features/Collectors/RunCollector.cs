using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Audit;
using RolloutHub.Api.Features.Kpis;
using RolloutHub.Api.Infrastructure;
using RolloutHub.Api.Jobs;

namespace RolloutHub.Api.Features.Collectors;

/// <summary><c>POST /api/v1/collectors/{name}/run</c>: run a collector now.</summary>
public sealed record RunCollector(string Name) : IRequest<CollectorRunRequested>;

/// <summary>The queued run; follow it at <c>GET /api/v1/job-runs/{runId}</c>.</summary>
public sealed record CollectorRunRequested(string RunId);

/// <summary>
/// Not an ICommand on purpose (like the KPI recompute request): the run row is committed before
/// Quartz stores the trigger on a connection of its own.
/// </summary>
public sealed class RunCollectorHandler(CollectorRegistry collectors, CollectorScheduler scheduler, Db db, CurrentUser user, AuditTrail audit)
    : IRequestHandler<RunCollector, CollectorRunRequested>
{
    public async Task<CollectorRunRequested> Handle(RunCollector request, CancellationToken cancellationToken)
    {
        var collector = collectors.Find(request.Name) ?? throw new NotFoundException("Collector", request.Name);
        if (!collector.Configured) throw new ConflictException(collector.NotConfigured);
        string runId;
        await using (var connection = await db.OpenAsync(cancellationToken))
        using (await db.EnterWriteAsync(cancellationToken))
        {
            runId = await JobRunStore.QueueAsync(connection, CollectorRegistry.JobName(collector.Name), "request", false, user.Name, DateTimeOffset.UtcNow);
            await audit.RecordAsync(connection, null, "collect", "collectors", collector.Name, new { runId });
        }
        await scheduler.RunAtAsync(collector.Name, runId, DateTimeOffset.UtcNow, cancellationToken);
        return new CollectorRunRequested(runId);
    }
}
