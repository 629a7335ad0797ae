using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Waves;

public static class WaveEndpoints
{
    public static RouteGroupBuilder MapWaves(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/waves").WithTags("Waves");
        group.MapGet("/", async (HttpRequest request, IMediator mediator) =>
            {
                var waves = await mediator.Send(new ListWaves());
                return CsvOutput.Negotiate(request, new Page<Wave>(waves, null), "waves");
            })
            .RequireAuthorization(Policies.ReadDashboards)
            .Produces<Page<Wave>>()
            .WithSummary("Waves in sequence, with departments, targets, owners and the last gate decision");
        group.MapGet("/{code}", async (string code, IMediator mediator) => TypedResults.Ok(await mediator.Send(new GetWave(code))))
            .RequireAuthorization(Policies.ReadDashboards)
            .WithSummary("One wave with all its gate reviews");
        group.MapPut("/{code}", async (string code, WaveBody body, IMediator mediator) => TypedResults.Ok(await mediator.Send(new SaveWave(code, body))))
            .RequireAuthorization(Policies.AdminOnly).ProducesValidationProblem()
            .WithSummary("Create or replace a wave");
        group.MapPost("/{code}/gate-reviews", async (string code, RecordGateReview.Body body, IMediator mediator) =>
            {
                var review = await mediator.Send(new RecordGateReview(code, body.DecidedOn, body.Decision, body.Rationale));
                return TypedResults.Created($"/api/v1/waves/{code}", review);
            })
            .RequireAuthorization(Policies.WriteGateReviews).ProducesValidationProblem()
            .WithSummary("Record a gate decision (go, adjust, hold, stop) with its rationale");
        return group;
    }
}
