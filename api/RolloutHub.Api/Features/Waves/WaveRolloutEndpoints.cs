using MediatR;
using RolloutHub.Api.Auth;

namespace RolloutHub.Api.Features.Waves;

/// <summary>Readiness and progress against targets of a wave.</summary>
public static class WaveRolloutEndpoints
{
    public static RouteGroupBuilder MapWaveRollout(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/waves").WithTags("Waves");
        group.MapGet("/{code}/readiness", async (string code, DateOnly? asOf, IMediator mediator) =>
                TypedResults.Ok(await mediator.Send(new GetWaveReadiness(code, asOf))))
            .RequireAuthorization(Policies.ReadDashboards)
            .Produces<WaveReadiness>()
            .WithSummary("The wave's readiness checklist: seven items, each met or not and why, and a score")
            .WithDescription("""
                Computed from the data: (1) a per-seat or usage budget line attached to the wave or its departments, lasting until the
                planned end, with seats for every employee or enough uses for the target share of them at today's usage per active
                employee; (2) an `equipped` or `active` champion in every department; (3) a `production` use case applicable to every
                department; (4) training material (`trainingUrl`) for those use cases and a training tier for every employee employed
                on `asOf`; (5) the four support owners named; (6) an executive sponsor; (7) a target depth.
                Items 1, 4, 5 and 6 rest on facts only a person can vouch for: `needsConfirmation` stays true until someone confirms
                them (POST …/readiness/{item}/confirmation). `score` = items met ÷ 7; `ready` = all met and confirmed.
                `asOf` (default today) fixes the day employees are counted on. Each item's `number` is its own (1 budget … 7 targets);
                why it is met or not, and each gap, is a `code` with its `facts`, the same in every language.
                """);
        group.MapPost("/{code}/readiness/{item}/confirmation", async (string code, string item, ConfirmReadinessItem.Body? body, IMediator mediator) =>
                TypedResults.Ok(await mediator.Send(new ConfirmReadinessItem(code, item, body?.Note))))
            .RequireAuthorization(Policies.WriteGateReviews)
            .Produces<WaveReadiness>()
            .ProducesValidationProblem()
            .WithSummary("Confirm a readiness item a person vouches for: budget, training, support-model or sponsor")
            .WithDescription("Records who confirmed it and when (again replaces the earlier confirmation) and answers the updated checklist. Executives and admins.");
        group.MapGet("/{code}/progress", async (string code, DateOnly? asOf, int? weeks, IMediator mediator) =>
                TypedResults.Ok(await mediator.Send(new GetWaveProgress(code, asOf, weeks ?? GetWaveProgressHandler.DefaultWeeks))))
            .RequireAuthorization(Policies.ReadDashboards)
            .Produces<WaveProgress>()
            .ProducesValidationProblem()
            .WithSummary("Depth and breadth of the wave's departments against its targets, projected dates, and a gate recommendation")
            .WithDescription("""
                The series are the `weeks` (default 8) complete ISO weeks up to `asOf` (default today), with the headcount, active
                employees and depth per department and for the whole wave. The projection fits a least-squares line through the weekly
                depths and gives the Sunday of the week it reaches the target depth: `reached`, `on-track` (by the planned end),
                `late`, `not-on-track` (flat — under 0.1 point a week — or falling), `insufficient-data` (fewer weeks with employees than
                the settings' minPeriods), `no-target`, or `suppressed` (hidden for privacy in the latest week: no figure, date or
                explanation: `code` and `facts` are null). Privacy, for everyone but admins, week by week: a department hidden that week (as on
                GET /api/v1/kpis/departments) shows its headcount only (`suppressed` true), and the wave's total of a week is hidden
                when its hidden departments, or the hidden ones outside it, hold fewer than minGroupSize people; lines are fitted on
                the visible weeks. The recommendation (go / adjust / hold) lists its reasons, reading only what its reader may see;
                before the planned start it rests on the readiness checklist.
                Explanations are codes with facts (`code`, `facts`; the same in every language, whatever `Accept-Language` says): the
                dashboard words them. In `facts`, a key ending in `Ratio` is a share between 0 and 1, one ending in `On` an ISO date.
                """);
        return group;
    }
}
