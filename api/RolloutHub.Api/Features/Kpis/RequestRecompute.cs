using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Audit;
using RolloutHub.Api.Jobs;

namespace RolloutHub.Api.Features.Kpis;

/// <summary><c>POST /api/v1/kpis/recompute</c>: queue a KPI run now.</summary>
public sealed record RequestRecompute(bool Full) : IRequest<RecomputeRequested>;

/// <summary>The queued run; follow it at <c>GET /api/v1/job-runs/{runId}</c>.</summary>
public sealed record RecomputeRequested(string RunId);

/// <summary>
/// Not an ICommand on purpose: the run row is committed before Quartz stores the trigger on a
/// connection of its own, so the two never wait on each other's SQLite write lock.
/// </summary>
public sealed class RequestRecomputeHandler(Db db, CurrentUser user, AuditTrail audit, KpiScheduler scheduler)
    : IRequestHandler<RequestRecompute, RecomputeRequested>
{
    public async Task<RecomputeRequested> Handle(RequestRecompute request, CancellationToken cancellationToken)
    {
        string runId;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            runId = await JobRunStore.QueueAsync(connection, KpiJob.Name, "request", request.Full, user.Name, DateTimeOffset.UtcNow);
            await audit.RecordAsync(connection, null, "recompute", "kpis", runId, new { request.Full });
        }
        await scheduler.RunNowAsync(runId, cancellationToken);
        return new RecomputeRequested(runId);
    }
}
