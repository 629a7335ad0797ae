using MediatR;
using RolloutHub.Api.Auth;

namespace RolloutHub.Api.Features.Budget;

public static class BudgetSummaryEndpoints
{
    public static RouteGroupBuilder MapBudgetSummary(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/budget").WithTags("Budget");
        group.MapGet("/summary", async (DateOnly? from, DateOnly? to, string? groupBy, DateOnly? asOf, double? targetDepth, IMediator mediator) =>
                TypedResults.Ok(await mediator.Send(new GetBudgetSummary(from, to, groupBy ?? "category", asOf, targetDepth))))
            .RequireAuthorization(Policies.ReadManagement)
            .Produces<BudgetSummary>()
            .ProducesValidationProblem()
            .WithSummary("Budget summary: planned vs actual, cost per active employee and per employee per year, full-scale cost per pricing model, idle seats")
            .WithDescription("""
                Covers the calendar months whose first day lies in [`from`, `to`] (defaults: 1 January of `asOf`'s year to `asOf`,
                itself today by default), grouped by `groupBy` = `category` (default), `wave`, `month` or `line`. A line's planned amount
                is spread over the months of its period in proportion to the part of each month it covers; actual is the spend recorded.
                `costPerActiveEmployee` = actual ÷ active employees of the organisation over the months (up to `asOf`);
                `costPerEmployeePerYear` = actual scaled to 365 days ÷ headcount.
                `fullScale` prices a year of the whole organisation both ways: per-seat = employees employed on `asOf` × the yearly price
                of a seat (per-seat lines, unit price scaled to a year of their period); usage = employees × target depth × today's uses
                per active employee a year (28 days up to `asOf`) × the price of a use (usage lines). The target depth is `targetDepth`
                when given, else the wave targets weighted by headcount (departments in no wave take that mean), else 1.
                `idleSeats` lists, per per-seat line, the seat holders in its scope employed at some time in the 28 days up to `asOf`
                with no usage in them (as the adoption KPI counts a week's idle seats), and what they cost a year. Executives and admins.
                """);
        return group;
    }
}
