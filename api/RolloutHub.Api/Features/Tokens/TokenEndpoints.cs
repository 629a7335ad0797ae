using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Tokens;

public static class TokenEndpoints
{
    public static RouteGroupBuilder MapTokens(this RouteGroupBuilder api)
    {
        api.MapGet("/me", async (IMediator mediator) => TypedResults.Ok(await mediator.Send(new GetMe())))
            .WithTags("Tokens").RequireAuthorization(Policies.ReadDashboards)
            .WithSummary("Who the bearer token belongs to: name, role, (for champions) departments, and capabilities")
            .WithDescription("""
                `capabilities` lists the authorisation policies the caller's role satisfies, read from the same table
                the API enforces on every endpoint (the README's role table): `read:dashboards`, `read:management`,
                `read:champions`, `read:outcomes`, `read:employees`, `read:training-needs`, `read:usage`, `write:usage`,
                `write:use-case-proposals`, `write:gate-reviews`, `write:imports`, `write:source-imports`, `read:seats`, `admin`.
                A champion's capabilities hold for `departmentCodes` only.
                """);

        var group = api.MapGroup("/tokens").WithTags("Tokens").RequireAuthorization(Policies.AdminOnly);
        group.MapPost("/", async (IssueToken command, IMediator mediator) =>
            {
                var issued = await mediator.Send(command);
                return TypedResults.Created($"/api/v1/tokens/{issued.Id}", issued);
            })
            .WithSummary("Issue a token (the secret is shown once, stored only as a hash)")
            .ProducesValidationProblem();
        group.MapGet("/", async (int? limit, string? cursor, HttpRequest request, IMediator mediator) =>
                CsvOutput.Negotiate(request, await mediator.Send(new ListTokens(limit, cursor)), "tokens"))
            .Produces<Page<TokenSummary>>()
            .WithSummary("List tokens (never their secrets)");
        group.MapDelete("/{id}", async (string id, IMediator mediator) =>
            {
                await mediator.Send(new RevokeToken(id));
                return TypedResults.NoContent();
            })
            .WithSummary("Revoke a token; it stops working at once");
        return group;
    }
}
