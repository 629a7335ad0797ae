using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Audit;
using RolloutHub.Api.Features.Departments;
using RolloutHub.Api.Features.Imports;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Outcomes;

/// <summary>An outcome report logged by a champion.</summary>
public sealed record OutcomeReport
{
    public required string ReportId { get; init; }
    public DateOnly OccurredOn { get; init; }
    public required string DepartmentCode { get; init; }
    public string? UseCaseCode { get; init; }
    public int TicketsAvoided { get; init; }
    public int EmployeesHelped { get; init; }
    public int? Satisfaction { get; init; }
    public string? Blockers { get; init; }
    public string? Note { get; init; }
}

public sealed record ListOutcomes(string? DepartmentCode, DateOnly? From, DateOnly? To, bool? WithBlockers, int? Limit, string? Cursor)
    : IRequest<Page<OutcomeReport>>;

/// <summary>
/// Outcome reports are their department's data (blockers are free text): champions read their
/// own departments' only, and naming another department is refused.
/// </summary>
public sealed class ListOutcomesHandler(DbSession session, CurrentUser user) : IRequestHandler<ListOutcomes, Page<OutcomeReport>>
{
    public async Task<Page<OutcomeReport>> Handle(ListOutcomes request, CancellationToken cancellationToken)
    {
        if (request.DepartmentCode is { } code) user.EnsureMayActFor(code);
        var limit = Paging.Limit(request.Limit);
        var (afterDate, afterId) = Paging.AfterDateAndKey(request.Cursor);
        var connection = await session.ConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<OutcomeReport>($"""
            SELECT report_id, occurred_on, department_code, use_case_code, tickets_avoided, employees_helped, satisfaction, blockers, note
            FROM outcome_reports
            WHERE (@afterDate IS NULL OR occurred_on < @afterDate OR (occurred_on = @afterDate AND report_id < @afterId))
              AND (@departmentCode IS NULL OR department_code = @departmentCode)
              AND (@from IS NULL OR occurred_on >= @from)
              AND (@to IS NULL OR occurred_on <= @to)
              AND (@withBlockers IS NULL OR (@withBlockers = 1 AND blockers IS NOT NULL) OR (@withBlockers = 0 AND blockers IS NULL))
              AND (@unscoped = 1 OR {session.Dialect.In("department_code", "@own")})
            ORDER BY occurred_on DESC, report_id DESC
            {session.Dialect.Limit("@take")}
            """, new
        {
            afterDate, afterId,
            departmentCode = request.DepartmentCode, from = request.From, to = request.To, withBlockers = request.WithBlockers is { } w ? (w ? 1 : 0) : (int?)null, take = limit + 1,
            unscoped = user.IsChampion ? 0 : 1, own = user.DepartmentCodes.Append("").ToArray(),
        }, session.Transaction)).ToList();
        return Paging.From(rows, limit, r => $"{r.OccurredOn:yyyy-MM-dd}|{r.ReportId}");
    }
}

public sealed record LogOutcome(string? ReportId, DateOnly OccurredOn, string DepartmentCode, string? UseCaseCode,
    int TicketsAvoided, int EmployeesHelped, int? Satisfaction, string? Blockers, string? Note) : ICommand<OutcomeReport>;

public sealed class LogOutcomeValidator : AbstractValidator<LogOutcome>
{
    public LogOutcomeValidator()
    {
        RuleFor(c => c.ReportId).MaximumLength(100);
        RuleFor(c => c.DepartmentCode).NotEmpty();
        RuleFor(c => c.TicketsAvoided).InclusiveBetween(0, 100_000_000);
        RuleFor(c => c.EmployeesHelped).InclusiveBetween(0, 100_000_000);
        RuleFor(c => c.Satisfaction).InclusiveBetween(1, 5).When(c => c.Satisfaction is not null);
        RuleFor(c => c.Blockers).MaximumLength(4000);
        RuleFor(c => c.Note).MaximumLength(4000);
        RuleFor(c => c.OccurredOn).Must(d => d.Year is >= 1900 and <= 2200).WithMessage("occurredOn is not a plausible date.");
    }
}

public sealed class LogOutcomeHandler(DbSession session, CurrentUser user, AuditTrail audit) : IRequestHandler<LogOutcome, OutcomeReport>
{
    public async Task<OutcomeReport> Handle(LogOutcome r, CancellationToken cancellationToken)
    {
        user.EnsureMayActFor(r.DepartmentCode);
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        await KnownDepartments.EnsureExistsAsync(session, r.DepartmentCode, cancellationToken);
        if (r.UseCaseCode is not null && await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM use_cases WHERE code = @UseCaseCode", r, tx) == 0)
            throw RequestValidationException.For("useCaseCode", $"Unknown use case '{r.UseCaseCode}'.");
        var id = r.ReportId ?? Guid.NewGuid().ToString("N");
        var previous = await connection.QuerySingleOrDefaultAsync<OutcomeReport>(
            "SELECT report_id, occurred_on, department_code FROM outcome_reports WHERE report_id = @id", new { id }, tx);
        if (previous is not null) user.EnsureMayActFor(previous.DepartmentCode);

        await connection.ExecuteAsync(session.Dialect.InsertRow("outcome_reports", OnConflict.Update, ["report_id"],
            ("report_id", "@id"), ("occurred_on", "@OccurredOn"), ("department_code", "@DepartmentCode"), ("use_case_code", "@UseCaseCode"),
            ("tickets_avoided", "@TicketsAvoided"), ("employees_helped", "@EmployeesHelped"), ("satisfaction", "@Satisfaction"),
            ("blockers", "@Blockers"), ("note", "@Note")), new { id, r.OccurredOn, r.DepartmentCode, r.UseCaseCode, r.TicketsAvoided, r.EmployeesHelped, r.Satisfaction, r.Blockers, r.Note }, tx);
        await DataChanges.MarkDatesAsync(connection, tx, session.Dialect, previous is null ? [r.OccurredOn] : [r.OccurredOn, previous.OccurredOn]);
        await audit.RecordAsync(connection, tx, previous is null ? "create" : "update", "outcome-report", id, r);
        return new OutcomeReport
        {
            ReportId = id, OccurredOn = r.OccurredOn, DepartmentCode = r.DepartmentCode, UseCaseCode = r.UseCaseCode,
            TicketsAvoided = r.TicketsAvoided, EmployeesHelped = r.EmployeesHelped, Satisfaction = r.Satisfaction, Blockers = r.Blockers, Note = r.Note,
        };
    }
}

public static class OutcomeEndpoints
{
    public static RouteGroupBuilder MapOutcomes(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/outcomes").WithTags("Outcome reports");
        group.MapGet("/", async (string? departmentCode, DateOnly? from, DateOnly? to, bool? withBlockers, int? limit, string? cursor,
                    HttpRequest request, IMediator mediator) =>
                CsvOutput.Negotiate(request, await mediator.Send(new ListOutcomes(departmentCode, from, to, withBlockers, limit, cursor)), "outcomes"))
            .RequireAuthorization(Policies.ReadOutcomes)
            .Produces<Page<OutcomeReport>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Outcome reports (tickets avoided, employees helped, satisfaction, blockers), newest first")
            .WithDescription("Champions see their own departments' reports only; a departmentCode outside them answers 403.");
        group.MapPost("/", async (LogOutcome command, IMediator mediator) =>
            {
                var saved = await mediator.Send(command);
                return TypedResults.Ok(saved);
            })
            .RequireAuthorization(Policies.WriteUsage)
            .ProducesValidationProblem()
            .WithSummary("Log an outcome report (champions: own departments only); upserted by reportId");
        return group;
    }
}
