using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.UseCases;

public static class UseCaseEndpoints
{
    public static RouteGroupBuilder MapUseCases(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/use-cases").WithTags("Use cases");
        group.MapGet("/", async (string? status, string? category, string? departmentCode, string? q, string? tool, int? limit, string? cursor,
                    HttpRequest request, IMediator mediator) =>
                CsvOutput.Negotiate(request, await mediator.Send(new ListUseCases(status, category, departmentCode, q, limit, cursor, tool)), "use-cases"))
            .RequireAuthorization(Policies.ReadDashboards)
            .Produces<Page<UseCase>>()
            .WithSummary("The use-case library, filtered by status, category, department (applicable to it), tool or text")
            .WithDescription("tool matches the use cases' tool without case (e.g. tool=GitHub%20Copilot). Pages with limit and cursor; CSV with Accept: text/csv.");
        group.MapGet("/{code}", async (string code, IMediator mediator) => TypedResults.Ok(await mediator.Send(new GetUseCase(code))))
            .RequireAuthorization(Policies.ReadDashboards)
            .WithSummary("One use case");
        group.MapPut("/{code}", async (string code, UseCaseBody body, IMediator mediator) =>
                TypedResults.Ok(await mediator.Send(new SaveUseCase(code, body, Proposal: false))))
            .RequireAuthorization(Policies.AdminOnly)
            .ProducesValidationProblem()
            .WithSummary("Create or replace a use case")
            .WithDescription("""
                The body replaces every field. tool (optional, up to 100 characters) names the AI tool the use case
                belongs to, as GET /api/v1/kpis/tools groups them, e.g. `{ "title": "Draft e-mails", "category": "writing",
                "status": "production", "minutesSavedPerUse": 6, "tool": "Microsoft 365 Copilot" }`.
                """);
        group.MapPost("/proposals", async (ProposeUseCase body, IMediator mediator) =>
            {
                var saved = await mediator.Send(new SaveUseCase(body.Code,
                    new UseCaseBody(body.Title, body.Category, "idea", body.MinutesSavedPerUse, null, body.Description,
                        body.ApplicableDepartments, null, null, null), Proposal: true));
                return TypedResults.Created($"/api/v1/use-cases/{saved.Code}", saved);
            })
            .RequireAuthorization(Policies.ProposeUseCases)
            .ProducesValidationProblem()
            .WithSummary("Propose a use case (created with status idea)");
        return group;
    }
}
