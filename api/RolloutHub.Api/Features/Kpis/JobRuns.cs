using System.Data.Common;
using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Data;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Kpis;

/// <summary>A run of a scheduled job (<c>GET /api/v1/job-runs/{runId}</c>).</summary>
public sealed record JobRun
{
    /// <summary>The run's id, as answered by <c>POST /api/v1/kpis/recompute</c>.</summary>
    public required string RunId { get; init; }
    /// <summary>Which job: <c>kpis</c> (the KPI and adoption snapshots).</summary>
    public required string Job { get; init; }
    /// <summary><c>queued</c>, <c>running</c>, <c>succeeded</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }
    /// <summary>Why it ran: <c>request</c> (POST recompute), <c>change</c> (data changed, after the debounce delay), <c>nightly</c>, <c>retry</c> (of a failed run).</summary>
    public required string Reason { get; init; }
    /// <summary>Whether every period was asked to be recomputed.</summary>
    public bool FullRecompute { get; init; }
    /// <summary>What the run did: <c>full</c>, <c>incremental</c> (only the periods from the earliest changed date on) or <c>none</c> (nothing had changed).</summary>
    public string? Mode { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    /// <summary>Who asked: a token name, or the schedule.</summary>
    public string? RequestedBy { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>How many periods (of both grains) the run rewrote.</summary>
    public long? PeriodsTouched { get; init; }
    /// <summary>1 for the first try; a failed run is retried a bounded number of times, each retry a new run.</summary>
    public long Attempt { get; init; }
    /// <summary>The failed run this one retries.</summary>
    public string? RetryOf { get; init; }
    /// <summary>Why the run failed; the snapshots were left as they were.</summary>
    public string? Error { get; init; }
}

/// <summary>The job_runs table: every run is queued, runs, and succeeds or fails there.</summary>
public static class JobRunStore
{
    public const string Columns = """
        run_id, job, status, reason, full_recompute, mode, requested_at, requested_by, started_at, finished_at,
        periods_touched, attempt, retry_of, error
        """;

    /// <summary>Instants are stored as fixed-width UTC text, so that they sort and page as text.</summary>
    public static string Stamp(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<string> QueueAsync(DbConnection connection, string job, string reason, bool full, string? requestedBy,
        DateTimeOffset now, int attempt = 1, string? retryOf = null)
    {
        var runId = Guid.NewGuid().ToString("N");
        await connection.ExecuteAsync("""
            INSERT INTO job_runs (run_id, job, status, reason, full_recompute, requested_at, requested_by, attempt, retry_of)
            VALUES (@runId, @job, 'queued', @reason, @full, @now, @requestedBy, @attempt, @retryOf)
            """, new { runId, job, reason, full = full ? 1 : 0, now = Stamp(now), requestedBy, attempt, retryOf });
        return runId;
    }

    public static Task<JobRun?> FindAsync(DbConnection connection, string runId, DbTransaction? transaction = null) =>
        connection.QuerySingleOrDefaultAsync<JobRun>($"SELECT {Columns} FROM job_runs WHERE run_id = @runId", new { runId }, transaction);

    public static Task FailAsync(DbConnection connection, string runId, string error, DateTimeOffset now) =>
        connection.ExecuteAsync(
            "UPDATE job_runs SET status = 'failed', finished_at = @now, error = @error WHERE run_id = @runId",
            new { runId, error, now = Stamp(now) });
}

public sealed record GetJobRun(string RunId) : IRequest<JobRun>;

public sealed class GetJobRunHandler(DbSession session) : IRequestHandler<GetJobRun, JobRun>
{
    public async Task<JobRun> Handle(GetJobRun request, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        return await JobRunStore.FindAsync(connection, request.RunId, session.Transaction)
               ?? throw new NotFoundException("Job run", request.RunId);
    }
}

/// <summary>Recent runs of every job, newest first (<c>GET /api/v1/job-runs</c>).</summary>
public sealed record ListJobRuns(string? Job, string? Status, int? Limit, string? Cursor) : IRequest<Page<JobRun>>;

public sealed class ListJobRunsValidator : AbstractValidator<ListJobRuns>
{
    public static readonly string[] Statuses = ["queued", "running", "succeeded", "failed"];

    public ListJobRunsValidator(Collectors.CollectorRegistry collectors)
    {
        // The KPI and alert jobs, and one job per collector.
        string[] jobNames = [RolloutHub.Api.Jobs.KpiJob.Name, RolloutHub.Api.Jobs.EvaluateAlertsJob.Name,
            .. collectors.All.Select(c => Collectors.CollectorRegistry.JobName(c.Name))];
        RuleFor(r => r.Job).Must(j => j is null || jobNames.Contains(j)).WithMessage($"job must be one of {string.Join(", ", jobNames)}.");
        RuleFor(r => r.Status).Must(s => s is null || Statuses.Contains(s)).WithMessage($"status must be one of {string.Join(", ", Statuses)}.");
    }
}

public sealed class ListJobRunsHandler(DbSession session) : IRequestHandler<ListJobRuns, Page<JobRun>>
{
    public async Task<Page<JobRun>> Handle(ListJobRuns request, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(request.Limit);
        var after = Paging.After(request.Cursor)?.Split('|', 2);
        var connection = await session.ConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<JobRun>($"""
            SELECT {JobRunStore.Columns} FROM job_runs
            WHERE (@afterAt IS NULL OR requested_at < @afterAt OR (requested_at = @afterAt AND run_id < @afterId))
              AND (@job IS NULL OR job = @job)
              AND (@status IS NULL OR status = @status)
            ORDER BY requested_at DESC, run_id DESC
            {session.Dialect.Limit("@take")}
            """, new
        {
            afterAt = after is { Length: 2 } ? after[0] : null, afterId = after is { Length: 2 } ? after[1] : null,
            job = request.Job, status = request.Status, take = limit + 1,
        }, session.Transaction)).ToList();
        return Paging.From(rows, limit, r => $"{JobRunStore.Stamp(r.RequestedAt)}|{r.RunId}");
    }
}
