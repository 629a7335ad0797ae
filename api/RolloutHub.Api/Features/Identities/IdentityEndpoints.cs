using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Identities;

public static class IdentityEndpoints
{
    public static RouteGroupBuilder MapIdentities(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/identities").WithTags("Identities").RequireAuthorization(Policies.AdminOnly);
        group.MapGet("/", async (string? employeeKey, string? system, string? q, int? limit, string? cursor, HttpRequest request, IMediator mediator) =>
                CsvOutput.Negotiate(request, await mediator.Send(new ListIdentities(employeeKey, system, q, limit, cursor)), "identities"))
            .Produces<Page<Identity>>()
            .ProducesValidationProblem()
            .WithSummary("Who is who in the AI tools: employees' identifiers in other systems (admins)")
            .WithDescription("""
                Ordered by system then identifier. Filters: employeeKey, system (without case), q (text in the identifier
                or the employee key, without case). Systems and identifiers are stored trimmed and lowercased. The source
                imports match a GitHub login against system github, a Viva PersonId against viva, and an e-mail or UPN
                against the employees' email and system email. Load them in bulk with POST /api/v1/imports/identities
                (CSV employee_key, system, external_id). Pages with limit and cursor; CSV with Accept: text/csv.
                """);
        group.MapPut("/{system}/{externalId}", async (string system, string externalId, SaveIdentity.Body body, IMediator mediator) =>
                TypedResults.Ok(await mediator.Send(new SaveIdentity(system, externalId, body))))
            .Produces<Identity>()
            .ProducesValidationProblem()
            .WithSummary("Say which employee an identifier of a system is (created or moved)")
            .WithDescription("""
                Body `{ "employeeKey": "E0042" }`; an unknown employee is a 400 on employeeKey. The system and identifier of
                the path are compared without case and surrounding spaces, e.g. PUT /api/v1/identities/github/Octo-Cat
                stores github / octo-cat. Audited.
                """);
        group.MapDelete("/{system}/{externalId}", async (string system, string externalId, IMediator mediator) =>
            {
                await mediator.Send(new DeleteIdentity(system, externalId));
                return TypedResults.NoContent();
            })
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Forget an identifier (404 when unknown); audited");
        return group;
    }
}
