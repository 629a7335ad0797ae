using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.UseCases;

/// <summary>Governance of the use-case library and transfer of use cases between departments.</summary>
public static class UseCaseGovernanceEndpoints
{
    private const string IndicatorsDescription = """
        Over the days [`from`, `to`] (default: the 90 days ending on `asOf`, itself today by default): volume (`uses`, `users`),
        `exceptionRate` = outcome reports naming the use case that report blockers ÷ reports naming it, `perceivedImpact` = their
        mean satisfaction (1–5), and `departmentsUsing`. Review: `reviewDueOn` = lastReviewedOn + reviewEveryDays; `reviewOverdue`
        for a pilot or production use case with a cadence that is past due on `asOf` or was never reviewed.
        """;

    public static RouteGroupBuilder MapUseCaseGovernance(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/use-cases").WithTags("Use cases").RequireAuthorization(Policies.ReadDashboards);
        group.MapGet("/indicators", async (DateOnly? from, DateOnly? to, string? status, DateOnly? asOf, HttpRequest request, IMediator mediator) =>
            {
                var report = await mediator.Send(new GetUseCaseIndicators(null, from, to, status, asOf));
                return CsvOutput.Negotiate(request, report.UseCases, report, "use-case-indicators");
            })
            .Produces<UseCaseIndicatorsReport>()
            .ProducesValidationProblem()
            .WithSummary("Governance of every use case: review due date and overdue flag, volume, exception rate, perceived impact")
            .WithDescription(IndicatorsDescription + " Filter by `status`. `Accept: text/csv` gives one line per use case.");
        group.MapGet("/{code}/indicators", async (string code, DateOnly? from, DateOnly? to, DateOnly? asOf, IMediator mediator) =>
                TypedResults.Ok((await mediator.Send(new GetUseCaseIndicators(code, from, to, null, asOf))).UseCases[0]))
            .Produces<UseCaseIndicators>()
            .ProducesValidationProblem()
            .WithSummary("Governance indicators of one use case")
            .WithDescription(IndicatorsDescription);
        group.MapGet("/transfer-candidates", async (string departmentCode, int? days, DateOnly? asOf, IMediator mediator) =>
                TypedResults.Ok(await mediator.Send(new GetTransferCandidates(departmentCode, days ?? GetTransferCandidatesHandler.DefaultDays, asOf))))
            .Produces<TransferCandidates>()
            .ProducesValidationProblem()
            .WithSummary("Production use cases that other departments use and that apply to, but are unused in, this department")
            .WithDescription("""
                `departmentCode` is required. "Used" means a usage event in the `days` (default 90) ending on `asOf` (default today), by
                employees whose current record is in the department. Ordered by the number of departments using it, then employees.
                """);
        return group;
    }
}
