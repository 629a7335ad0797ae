using MediatR;
using RolloutHub.Api.Auth;

namespace RolloutHub.Api.Features.Collectors;

/// <summary>The collectors: their state, and a run now.</summary>
public static class CollectorEndpoints
{
    public static RouteGroupBuilder MapCollectors(this RouteGroupBuilder api)
    {
        var collectors = api.MapGroup("/collectors").WithTags("Collectors").RequireAuthorization(Policies.AdminOnly);
        collectors.MapGet("/", async (IMediator mediator) => TypedResults.Ok(await mediator.Send(new ListCollectors())))
            .Produces<IReadOnlyList<CollectorState>>()
            .WithSummary("Every collector, configured or not: its schedule, next run, last run, last error and the days it holds")
            .WithDescription("""
                Collectors read the vendors' APIs on a schedule and import what they get through the same pipeline as an
                uploaded file: github (GitHub Copilot usage metrics, users-1-day reports, as github-copilot; with
                Collectors:GitHub:MarkSeats the Copilot seat holders get a seat), m365-usage (Microsoft 365 Copilot usage
                report, user detail of the last 7 days, as m365-copilot-usage) and m365-audit (the CopilotInteraction records
                of the audit log, day by day, as m365-copilot-audit). Each run fetches from the day after the last day held
                (Collectors:BackfillDays back for a first run) and the last Collectors:RefetchDays again, up to yesterday (UTC).
                configured: the keys it needs are set; enabled: it runs on its schedule. lastError says in plain words why
                its latest finished run failed (for example "GitHub refused the token (401): check Collectors:GitHub:Token.").
                Secrets are never answered: only whether they are set. Admins only.
                Example: [{"name":"github","source":"github-copilot","configured":true,"enabled":true,"schedule":"0 15 4 * * ?",
                "nextRunAt":"2026-12-08T04:15:00+00:00","lastRun":{"runId":"9f1c…","status":"succeeded","startedAt":"…",
                "finishedAt":"…","error":null},"lastError":null,"daysHeld":{"firstDate":"2026-11-09","lastDate":"2026-12-06","days":28}}]
                """);
        collectors.MapPost("/{name}/run", async (string name, IMediator mediator) =>
                TypedResults.Accepted("/api/v1/job-runs", await mediator.Send(new RunCollector(name))))
            .Produces<CollectorRunRequested>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Run a collector now; follow it at GET /api/v1/job-runs/{runId}")
            .WithDescription("""
                Queues a run of the collector (also when it is not enabled on a schedule), recorded in job_runs as job
                collector-{name}; a run already under way finishes first. 404 for an unknown collector; 409 when it is not
                configured, naming the keys to set. A run that fails because the vendor is busy or down is retried with
                back-off (Collectors:MaxRetries, Collectors:RetryDelaySeconds); a refusal (token, permission, changed API)
                waits for the next scheduled run. Admins only. Example answer: {"runId":"9f1c2b…"}.
                """);
        return collectors;
    }
}
