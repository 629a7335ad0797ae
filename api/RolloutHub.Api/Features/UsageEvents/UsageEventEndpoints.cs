using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.UsageEvents;

public static class UsageEventEndpoints
{
    public static RouteGroupBuilder MapUsageEvents(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/usage-events").WithTags("Usage events");
        group.MapGet("/", async (string? departmentCode, string? employeeKey, DateOnly? from, DateOnly? to, int? limit, string? cursor,
                    HttpRequest request, IMediator mediator) =>
                CsvOutput.Negotiate(request, await mediator.Send(new ListUsageEvents(departmentCode, employeeKey, from, to, limit, cursor)), "usage-events"))
            .RequireAuthorization(Policies.ReadUsage)
            .Produces<Page<UsageEvent>>()
            .WithSummary("Usage events, newest first; champions see their own departments only");
        group.MapGet("/totals", async (string? departmentCode, DateOnly? from, DateOnly? to, string? groupBy, IMediator mediator) =>
                TypedResults.Ok(await mediator.Send(new GetUsageTotals(departmentCode, from, to, groupBy))))
            .RequireAuthorization(Policies.ReadUsage)
            .Produces<UsageTotals>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A department's usage added up by use case, or by day and use case, over a span of days")
            .WithDescription("""
                Adds up the usage events of the employees whose current department is `departmentCode` (required),
                dated in [`from`, `to`] (defaults: `to` today, `from` 27 days before `to`; at most 1,098 days apart):
                per use case (`groupBy=use-case`, the default; most uses first) or per day and use case (`groupBy=day`;
                newest day first), with the uses and the distinct employees who logged them. Champions may ask for
                their own departments only (403 otherwise, whether the department exists or not); an unknown department
                is 404. For everyone but admins, a department the privacy rule hides over the span (fewer than
                `minGroupSize` people, or one that would reveal such a group by difference) answers `suppressed: true`
                and no rows.
                """);
        group.MapPost("/", async (LogUsage command, IMediator mediator) => TypedResults.Ok(await mediator.Send(command)))
            .RequireAuthorization(Policies.WriteUsage)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Log usage events (e.g. a champion's week of activity)")
            .WithDescription("""
                Each event is upserted by `eventId` (generated when omitted); an `eventId` given twice in one batch is
                refused with 400 naming the item. Champions may log only for employees of their own departments, and
                may not reuse the id of another department's event: one such event refuses the whole batch with 403,
                and an employee key that does not exist answers the same 403 (nothing tells which keys exist elsewhere).
                """);
        return group;
    }
}
