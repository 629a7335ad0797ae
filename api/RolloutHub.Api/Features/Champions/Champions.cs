using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Audit;
using RolloutHub.Api.Features.Departments;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Champions;

/// <summary>A champion (référent) of a department.</summary>
public sealed record Champion
{
    public long Id { get; init; }
    public required string DisplayName { get; init; }
    public string? Contact { get; init; }
    public required string DepartmentCode { get; init; }
    public required ChampionStatus Status { get; init; }
    public DateOnly? Since { get; init; }
}

public sealed record ListChampions(string? DepartmentCode, string? Status, int? Limit, string? Cursor) : IRequest<Page<Champion>>;

public sealed class ListChampionsHandler(DbSession session) : IRequestHandler<ListChampions, Page<Champion>>
{
    public async Task<Page<Champion>> Handle(ListChampions request, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(request.Limit);
        var after = Paging.AfterId(request.Cursor);
        var connection = await session.ConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Champion>($"""
            SELECT id, display_name, contact, department_code, status, since FROM champions
            WHERE (@after IS NULL OR id > @after)
              AND (@departmentCode IS NULL OR department_code = @departmentCode)
              AND (@status IS NULL OR status = @status)
            ORDER BY id
            {session.Dialect.Limit("@take")}
            """, new { after, departmentCode = request.DepartmentCode, status = request.Status, take = limit + 1 },
            session.Transaction)).ToList();
        return Paging.From(rows, limit, c => c.Id.ToString());
    }
}

public sealed record SaveChampion(long? Id, string DisplayName, string? Contact, string DepartmentCode, string Status, DateOnly? Since)
    : ICommand<Champion>;

public sealed class SaveChampionValidator : AbstractValidator<SaveChampion>
{
    public static readonly string[] Statuses = ChampionStatuses.Names;

    public SaveChampionValidator()
    {
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Contact).MaximumLength(200);
        RuleFor(c => c.DepartmentCode).NotEmpty();
        RuleFor(c => c.Status).Must(s => Statuses.Contains(s)).WithMessage("status must be one of identified, equipped, active, inactive.");
    }
}

public sealed class SaveChampionHandler(DbSession session, AuditTrail audit) : IRequestHandler<SaveChampion, Champion>
{
    public async Task<Champion> Handle(SaveChampion c, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        await KnownDepartments.EnsureExistsAsync(session, c.DepartmentCode, cancellationToken);
        long id;
        if (c.Id is { } existing)
        {
            var changed = await connection.ExecuteAsync("""
                UPDATE champions SET display_name = @DisplayName, contact = @Contact, department_code = @DepartmentCode,
                    status = @Status, since = @Since WHERE id = @Id
                """, c, tx);
            if (changed == 0) throw new NotFoundException("Champion", existing.ToString());
            id = existing;
        }
        else
        {
            id = await connection.ExecuteScalarAsync<long>($"""
                INSERT INTO champions (display_name, contact, department_code, status, since)
                VALUES (@DisplayName, @Contact, @DepartmentCode, @Status, @Since) {session.Dialect.ReturningId("id")}
                """, c, tx);
        }
        await audit.RecordAsync(connection, tx, c.Id is null ? "create" : "update", "champion", id.ToString(), c);
        return new Champion { Id = id, DisplayName = c.DisplayName, Contact = c.Contact, DepartmentCode = c.DepartmentCode, Status = ChampionStatuses.Parse(c.Status)!.Value, Since = c.Since };
    }
}

public sealed record ChampionBody(string DisplayName, string? Contact, string DepartmentCode, string Status, DateOnly? Since);

public static class ChampionEndpoints
{
    public static RouteGroupBuilder MapChampions(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/champions").WithTags("Champions");
        group.MapGet("/", async (string? departmentCode, string? status, int? limit, string? cursor, HttpRequest request, IMediator mediator) =>
                CsvOutput.Negotiate(request, await mediator.Send(new ListChampions(departmentCode, status, limit, cursor)), "champions"))
            .RequireAuthorization(Policies.ReadChampions)
            .Produces<Page<Champion>>()
            .WithSummary("Champions (référents), by department and status");
        group.MapPost("/", async (ChampionBody b, IMediator mediator) =>
            {
                var saved = await mediator.Send(new SaveChampion(null, b.DisplayName, b.Contact, b.DepartmentCode, b.Status, b.Since));
                return TypedResults.Created($"/api/v1/champions/{saved.Id}", saved);
            })
            .RequireAuthorization(Policies.AdminOnly).ProducesValidationProblem()
            .WithSummary("Add a champion");
        group.MapPut("/{id:long}", async (long id, ChampionBody b, IMediator mediator) =>
                TypedResults.Ok(await mediator.Send(new SaveChampion(id, b.DisplayName, b.Contact, b.DepartmentCode, b.Status, b.Since))))
            .RequireAuthorization(Policies.AdminOnly).ProducesValidationProblem()
            .WithSummary("Update a champion (e.g. their status)");
        return group;
    }
}
