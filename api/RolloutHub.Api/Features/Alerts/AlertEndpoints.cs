using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Alerts;

public static class AlertEndpoints
{
    public static RouteGroupBuilder MapAlerts(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/alerts").WithTags("Alerts");
        group.MapGet("/", async (string? status, string? rule, string? severity, int? limit, string? cursor, HttpRequest request, IMediator mediator) =>
                CsvOutput.Negotiate(request, await mediator.Send(new ListAlerts(status, rule, severity, limit, cursor)), "alerts"))
            .RequireAuthorization(Policies.ReadManagement)
            .Produces<Page<Alert>>()
            .ProducesValidationProblem()
            .WithSummary("Alerts, newest first: declining departments, inactive champions, overdue reviews, budget overruns, waves behind target, failed jobs")
            .WithDescription("""
                `status` = `open`, `acknowledged`, `resolved` or `unresolved` (open or acknowledged); `rule`, `severity` filter further.
                Alerts are computed by a job after each KPI run (and every hour at minute 15, `Alerts:EvaluateCron`). Rules:
                `department-declining` (the sustainability trend of the last complete week is declining), `champion-inactive` (an equipped
                or active champion, named more than 30 days ago, whose department logged no usage event and no outcome report in the last
                30 days), `use-case-review-overdue` (pilot or production use case past its review date or
                never reviewed), `budget-overrun` (a budget line's spend more than 10 % over its plan in a month, subject `LINE/YYYY-MM`;
                the current month and the two before), `wave-behind-target` (an active or in-review wave whose depth trend misses the target
                depth at the planned end, or that ended short of it), `job-failed` (the last run of a job failed). Privacy: the rules about
                departments and waves leave out those the small-group rule hides (as on GET /api/v1/kpis/departments, for the week or the
                30 days concerned, and a wave whose total is hidden), whoever runs the evaluation: alerts and their webhook carry no figure
                about fewer than minGroupSize people.
                An alert is never duplicated while unresolved and resolves itself when its condition clears. Executives and admins.
                """);
        // Executives write gate reviews and alert acknowledgements: the same roles.
        group.MapPost("/{id:long}/acknowledge", async (long id, AcknowledgeAlert.Body? body, IMediator mediator) =>
                TypedResults.Ok(await mediator.Send(new AcknowledgeAlert(id, body?.Note))))
            .RequireAuthorization(Policies.WriteGateReviews)
            .Produces<Alert>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Acknowledge an alert: it stays acknowledged while its condition holds, and resolves by itself")
            .WithDescription("Acknowledging twice is harmless; a resolved alert answers 409. Executives and admins; recorded in the audit log.");
        group.MapPost("/evaluate", async (DateOnly? asOf, IMediator mediator) => TypedResults.Ok(await mediator.Send(new EvaluateAlerts(asOf))))
            .RequireAuthorization(Policies.AdminOnly)
            .Produces<AlertEvaluation>()
            .WithSummary("Evaluate every alert rule now (for `asOf`, default today) and answer what was raised, kept and resolved")
            .WithDescription("What the scheduled job does after each KPI run. Webhook notifications are queued and delivered in the background.");
        group.MapGet("/deliveries", async (int? limit, string? cursor, HttpRequest request, IMediator mediator) =>
                CsvOutput.Negotiate(request, await mediator.Send(new ListAlertDeliveries(limit, cursor)), "alert-deliveries"))
            .RequireAuthorization(Policies.AdminOnly)
            .Produces<Page<AlertDelivery>>()
            .WithSummary("Webhook notifications of alerts and their delivery: pending, delivered or failed, with attempts and last error")
            .WithDescription("""
                With `Alerts:WebhookUrl` set, each raised or resolved alert is POSTed there as JSON
                `{ "event": "alert.raised" | "alert.resolved", "asOf": "YYYY-MM-DD", "alert": { …the alert… } }` with the header
                `X-RolloutHub-Delivery: <id>`; any 2xx answer counts as delivered. Failures are retried after `Alerts:RetryBaseDelay`
                (10 s) doubled at each attempt, at most `Alerts:RetryMaxDelay` (1 h), up to `Alerts:MaxAttempts` (12). Admins.
                """);
        return group;
    }
}
