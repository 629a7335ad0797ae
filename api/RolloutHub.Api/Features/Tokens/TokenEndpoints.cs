using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Tokens;

public static class TokenEndpoints
{
    public static RouteGroupBuilder MapTokens(this RouteGroupBuilder api)
    {
        api.MapGet("/me", (CurrentUser user) => TypedResults.Ok(new Me(user.Name, user.Role, user.DepartmentCodes)))
            .WithTags("Tokens").RequireAuthorization(Policies.ReadDashboards)
            .WithSummary("Who the bearer token belongs to: name, role and (for champions) departments");

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

public sealed record Me(string Name, string Role, IReadOnlyList<string> DepartmentCodes);
