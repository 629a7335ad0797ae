using Dapper;
using RolloutHub.Api.Data;

namespace RolloutHub.Api.Features.Alerts.Rules;

/// <summary>The last finished run of each job (job_runs, written by the jobs themselves) failed.</summary>
public sealed class JobFailedRule(DbSession session) : IAlertRule
{
    public string Rule => AlertRules.JobFailed;

    private sealed record RunRow
    {
        public required string Job { get; init; }
        public required string Status { get; init; }
        public string? FinishedAt { get; init; }
        public string? Error { get; init; }
        public required string RunId { get; init; }
    }

    public async Task<RuleOutcome> EvaluateAsync(AlertContext context, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<RunRow>("""
            SELECT r.job, r.status, r.finished_at, r.error, r.run_id
            FROM job_runs r
            WHERE r.status IN ('succeeded', 'failed')
              AND r.finished_at = (SELECT MAX(l.finished_at) FROM job_runs l WHERE l.job = r.job AND l.status IN ('succeeded', 'failed'))
            ORDER BY r.job
            """, transaction: session.Transaction);
        return new RuleOutcome(Rule, true, rows.Where(r => r.Status == "failed").GroupBy(r => r.Job).Select(g => g.First()).Select(r =>
        {
            var facts = new Dictionary<string, string> { ["job"] = r.Job, ["detail"] = AlertDetails.JobFailed, ["runId"] = r.RunId, ["finishedAt"] = r.FinishedAt ?? "" };
            if (r.Error is { } error) facts["error"] = error;
            return new AlertCondition(Rule, r.Job, AlertSeverity.Critical, "admin", $"The last {r.Job} run failed",
                $"Run {r.RunId} failed at {r.FinishedAt}: {r.Error ?? "no error recorded"}. See GET /api/v1/job-runs?job={r.Job}.",
                facts);
        }).ToList());
    }
}
