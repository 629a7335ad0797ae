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
