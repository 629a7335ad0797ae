using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Audit;
using RolloutHub.Api.Features.Departments;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Budget;

/// <summary>A budget line: what is planned, for which wave or department, priced how.</summary>
public sealed record BudgetLine
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public string? WaveCode { get; init; }
    public string? DepartmentCode { get; init; }
    public required string Category { get; init; }
    public required string PricingModel { get; init; }
    public decimal UnitPrice { get; init; }
    public decimal PlannedUnits { get; init; }
    public decimal PlannedAmount { get; init; }
    public DateOnly PeriodStart { get; init; }
    public DateOnly PeriodEnd { get; init; }
}

public sealed record ListBudgetLines : IRequest<IReadOnlyList<BudgetLine>>;

public sealed class ListBudgetLinesHandler(DbSession session) : IRequestHandler<ListBudgetLines, IReadOnlyList<BudgetLine>>
{
    public Task<IReadOnlyList<BudgetLine>> Handle(ListBudgetLines request, CancellationToken cancellationToken) =>
        BudgetLineReads.ReadAllAsync(session, cancellationToken);
}

public sealed record SaveBudgetLine(string Code, SaveBudgetLine.Body Line) : ICommand<BudgetLine>
{
    public sealed record Body(string Name, string? WaveCode, string? DepartmentCode, string Category, string PricingModel,
        decimal UnitPrice, decimal PlannedUnits, decimal? PlannedAmount, DateOnly PeriodStart, DateOnly PeriodEnd);
}

public sealed class SaveBudgetLineValidator : AbstractValidator<SaveBudgetLine>
{
    public SaveBudgetLineValidator()
    {
        RuleFor(c => c.Code).NotEmpty().MaximumLength(50);
        RuleFor(c => c.Line.Name).NotEmpty().MaximumLength(200).OverridePropertyName("name");
        RuleFor(c => c.Line.Category).Must(c => c is "licenses" or "integration" or "training" or "support" or "other")
            .OverridePropertyName("category").WithMessage("category must be licenses, integration, training, support or other.");
        RuleFor(c => c.Line.PricingModel).Must(p => p is "per-seat" or "usage" or "fixed")
            .OverridePropertyName("pricingModel").WithMessage("pricingModel must be per-seat, usage or fixed.");
        RuleFor(c => c.Line.UnitPrice).InclusiveBetween(0, 1_000_000_000).Must(Money.FitsScale).WithMessage(FourDecimals).OverridePropertyName("unitPrice");
        RuleFor(c => c.Line.PlannedUnits).InclusiveBetween(0, 1_000_000_000).Must(Money.FitsScale).WithMessage(FourDecimals).OverridePropertyName("plannedUnits");
        RuleFor(c => c.Line.PlannedAmount).InclusiveBetween(0, Money.MaxAmount).Must(a => a is null || Money.FitsScale(a.Value)).WithMessage(FourDecimals)
            .When(c => c.Line.PlannedAmount is not null).OverridePropertyName("plannedAmount");
        // Without a planned amount it is unit price × planned units, which must fit too.
        RuleFor(c => c.Line.UnitPrice * c.Line.PlannedUnits)
            .Must(a => a <= Money.MaxAmount && Money.FitsScale(a))
            .When(c => c.Line.PlannedAmount is null && c.Line.UnitPrice is >= 0 and <= 1_000_000_000 && c.Line.PlannedUnits is >= 0 and <= 1_000_000_000)
            .OverridePropertyName("plannedAmount")
            .WithMessage("unitPrice × plannedUnits must be at most 1000000000000 with 4 decimals at most: give plannedAmount.");
        RuleFor(c => c.Line.PeriodEnd).GreaterThanOrEqualTo(c => c.Line.PeriodStart).OverridePropertyName("periodEnd");
    }

    private const string FourDecimals = "'{PropertyName}' must have at most 4 decimals.";
}

public sealed class SaveBudgetLineHandler(DbSession session, AuditTrail audit) : IRequestHandler<SaveBudgetLine, BudgetLine>
{
    public async Task<BudgetLine> Handle(SaveBudgetLine request, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var b = request.Line;
        if (b.WaveCode is not null && await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM waves WHERE code = @WaveCode", b, tx) == 0)
            throw RequestValidationException.For("waveCode", $"Unknown wave '{b.WaveCode}'.");
        if (b.DepartmentCode is not null) await KnownDepartments.EnsureExistsAsync(session, b.DepartmentCode, cancellationToken);
        var line = new BudgetLine
        {
            Code = request.Code, Name = b.Name, WaveCode = b.WaveCode, DepartmentCode = b.DepartmentCode, Category = b.Category,
            PricingModel = b.PricingModel, UnitPrice = b.UnitPrice, PlannedUnits = b.PlannedUnits,
            PlannedAmount = Money.Normalise(b.PlannedAmount ?? b.UnitPrice * b.PlannedUnits), PeriodStart = b.PeriodStart, PeriodEnd = b.PeriodEnd,
        };
        await connection.ExecuteAsync(session.Dialect.InsertRow("budget_lines", OnConflict.Update, ["code"],
            ("code", "@Code"), ("name", "@Name"), ("wave_code", "@WaveCode"), ("department_code", "@DepartmentCode"),
            ("category", "@Category"), ("pricing_model", "@PricingModel"), ("unit_price", "@UnitPrice"),
            ("planned_units", "@PlannedUnits"), ("planned_amount", "@PlannedAmount"),
            ("period_start", "@PeriodStart"), ("period_end", "@PeriodEnd")), line, tx);
        await audit.RecordAsync(connection, tx, "save", "budget-line", request.Code, b);
        return line;
    }
}

public sealed record Spend
{
    public required string SpendId { get; init; }
    public DateOnly OccurredOn { get; init; }
    public required string BudgetLineCode { get; init; }
    public decimal Amount { get; init; }
}

public sealed record ListSpend(string? BudgetLineCode, DateOnly? From, DateOnly? To, int? Limit, string? Cursor) : IRequest<Page<Spend>>;

public sealed class ListSpendHandler(DbSession session) : IRequestHandler<ListSpend, Page<Spend>>
{
    public async Task<Page<Spend>> Handle(ListSpend request, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(request.Limit);
        var connection = await session.ConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Spend>($"""
            SELECT spend_id, occurred_on, budget_line_code, amount FROM spend
            WHERE (@after IS NULL OR spend_id > @after)
              AND (@budgetLineCode IS NULL OR budget_line_code = @budgetLineCode)
              AND (@from IS NULL OR occurred_on >= @from) AND (@to IS NULL OR occurred_on <= @to)
            ORDER BY spend_id
            {session.Dialect.Limit("@take")}
            """, new { after = Paging.After(request.Cursor), budgetLineCode = request.BudgetLineCode, from = request.From, to = request.To, take = limit + 1 },
            session.Transaction)).ToList();
        return Paging.From(rows, limit, s => s.SpendId);
    }
}

public sealed record RecordSpend(string? SpendId, DateOnly OccurredOn, string BudgetLineCode, decimal Amount) : ICommand<Spend>;

public sealed class RecordSpendValidator : AbstractValidator<RecordSpend>
{
    public RecordSpendValidator()
    {
        RuleFor(c => c.SpendId).MaximumLength(100);
        RuleFor(c => c.BudgetLineCode).NotEmpty();
        RuleFor(c => c.Amount).InclusiveBetween(-1_000_000_000, 1_000_000_000).Must(Money.FitsScale).WithMessage("'{PropertyName}' must have at most 4 decimals.");
        RuleFor(c => c.OccurredOn).Must(d => d.Year is >= 2000 and <= 2200).WithMessage("occurredOn is not a plausible date.");
    }
}

public sealed class RecordSpendHandler(DbSession session, AuditTrail audit) : IRequestHandler<RecordSpend, Spend>
{
    public async Task<Spend> Handle(RecordSpend r, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM budget_lines WHERE code = @BudgetLineCode", r, session.Transaction) == 0)
            throw RequestValidationException.For("budgetLineCode", $"Unknown budget line '{r.BudgetLineCode}'.");
        var spend = new Spend { SpendId = r.SpendId ?? Guid.NewGuid().ToString("N"), OccurredOn = r.OccurredOn, BudgetLineCode = r.BudgetLineCode, Amount = r.Amount };
        await connection.ExecuteAsync(session.Dialect.InsertRow("spend", OnConflict.Update, ["spend_id"],
            ("spend_id", "@SpendId"), ("occurred_on", "@OccurredOn"), ("budget_line_code", "@BudgetLineCode"), ("amount", "@Amount")),
            spend, session.Transaction);
        await audit.RecordAsync(connection, session.Transaction, "record", "spend", spend.SpendId, r);
        return spend;
    }
}

public static class BudgetEndpoints
{
    public static RouteGroupBuilder MapBudget(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/budget").WithTags("Budget");
        group.MapGet("/lines", async (HttpRequest request, IMediator mediator) =>
                CsvOutput.Negotiate(request, new Page<BudgetLine>(await mediator.Send(new ListBudgetLines()), null), "budget-lines"))
            .RequireAuthorization(Policies.ReadManagement)
            .Produces<Page<BudgetLine>>()
            .WithSummary("Budget lines: category, pricing model, unit price, planned units and amount, period");
        group.MapPut("/lines/{code}", async (string code, SaveBudgetLine.Body body, IMediator mediator) =>
                TypedResults.Ok(await mediator.Send(new SaveBudgetLine(code, body))))
            .RequireAuthorization(Policies.AdminOnly).ProducesValidationProblem()
            .WithSummary("Create or replace a budget line (plannedAmount defaults to unitPrice × plannedUnits)");
        group.MapGet("/spend", async (string? budgetLineCode, DateOnly? from, DateOnly? to, int? limit, string? cursor, HttpRequest request, IMediator mediator) =>
                CsvOutput.Negotiate(request, await mediator.Send(new ListSpend(budgetLineCode, from, to, limit, cursor)), "spend"))
            .RequireAuthorization(Policies.ReadManagement)
            .Produces<Page<Spend>>()
            .WithSummary("Actual spend; load it with POST /api/v1/imports/spend");
        group.MapGet("/spend/totals", async (string? groupBy, DateOnly? from, DateOnly? to, IMediator mediator) =>
                TypedResults.Ok(await mediator.Send(new GetSpendTotals(groupBy, from, to))))
            .RequireAuthorization(Policies.ReadManagement)
            .Produces<SpendTotals>()
            .ProducesValidationProblem()
            .WithSummary("Actual spend added up per budget line, or per ISO week or calendar month")
            .WithDescription("""
                `groupBy=line` (the default): every budget line with the spend recorded against it in [`from`, `to`]
                (both optional: without them, all the spend ever recorded), lines without spend included.
                `groupBy=week` or `month`: every period overlapping [`from`, `to`] (defaults: 1 January of `to`'s year
                to today; at most 3,660 days apart), oldest first, with its spend within the span and the running total
                since `from` (`cumulative`). Amounts are in the settings' `currency`. Executives and admins.
                """);
        group.MapPost("/spend", async (RecordSpend command, IMediator mediator) => TypedResults.Ok(await mediator.Send(command)))
            .RequireAuthorization(Policies.AdminOnly).ProducesValidationProblem()
            .WithSummary("Record one spend entry (upserted by spendId)");
        return group;
    }
}
