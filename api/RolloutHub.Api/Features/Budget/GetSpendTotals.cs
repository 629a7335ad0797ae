using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Kpis;
using RolloutHub.Api.Features.Kpis.Engine;

namespace RolloutHub.Api.Features.Budget;

/// <summary>Actual spend added up per budget line, or per ISO week or calendar month.</summary>
public sealed record SpendTotals
{
    /// <summary>`line`, `week` or `month`.</summary>
    public required string GroupBy { get; init; }
    /// <summary>First day counted; null: from the first spend recorded (by line only).</summary>
    public DateOnly? From { get; init; }
    /// <summary>Last day counted; null: up to the last spend recorded (by line only).</summary>
    public DateOnly? To { get; init; }
    public required string Currency { get; init; }
    /// <summary>Every spend in the span.</summary>
    public decimal Total { get; init; }
    /// <summary>
    /// By line: every budget line, in code order, those without spend included (0). By week or month:
    /// every period that overlaps [from, to], oldest first, with the running total since `from`.
    /// </summary>
    public IReadOnlyList<SpendTotal> Rows { get; init; } = [];
}

/// <summary>The spend of one budget line or one period.</summary>
public sealed record SpendTotal
{
    /// <summary>The budget line's code, or the period: `2026-W03` (ISO week) or `2026-01`.</summary>
    public required string Key { get; init; }
    /// <summary>The budget line's name; null for a period.</summary>
    public string? Name { get; init; }
    /// <summary>The period's first day; null for a line.</summary>
    public DateOnly? Start { get; init; }
    /// <summary>The period's last day; null for a line.</summary>
    public DateOnly? End { get; init; }
    /// <summary>Spend recorded in the span (for a period: in its days within [from, to]).</summary>
    public decimal Amount { get; init; }
    /// <summary>Spend entries added up.</summary>
    public long Entries { get; init; }
    /// <summary>For a period: spend from `from` to the period's end (within `to`); null for a line.</summary>
    public decimal? Cumulative { get; init; }
}

public sealed record GetSpendTotals(string? GroupBy, DateOnly? From, DateOnly? To) : IRequest<SpendTotals>;

public sealed class GetSpendTotalsValidator : AbstractValidator<GetSpendTotals>
{
    public GetSpendTotalsValidator()
    {
        RuleFor(r => r.GroupBy).Must(g => g is null or "line" or "week" or "month").WithMessage("groupBy must be line, week or month.");
        RuleFor(r => r.From).Must((r, from) => from is null || r.To is null || from <= r.To).WithMessage("from must not be after to.");
        RuleFor(r => r.To).Must((r, to) => r.From is null || to is null || to.Value.DayNumber - r.From.Value.DayNumber < GetSpendTotalsHandler.MaxPeriodDays)
            .When(r => r.GroupBy is "week" or "month")
            .WithMessage($"from and to must be at most {GetSpendTotalsHandler.MaxPeriodDays} days apart when grouped by period.");
    }
}

public sealed class GetSpendTotalsHandler(DbSession session, KpiToday today) : IRequestHandler<GetSpendTotals, SpendTotals>
{
    /// <summary>Ten years of weeks at most: a chart, not an export.</summary>
    public const int MaxPeriodDays = 3660;

    private sealed record SpendRow
    {
        public required string BudgetLineCode { get; init; }
        public DateOnly OccurredOn { get; init; }
        public decimal Amount { get; init; }
    }

    private sealed record LineRow
    {
        public required string Code { get; init; }
        public required string Name { get; init; }
    }

    public async Task<SpendTotals> Handle(GetSpendTotals request, CancellationToken cancellationToken)
    {
        var groupBy = request.GroupBy ?? "line";
        var grain = Periods.Parse(groupBy);
        var (from, to) = (request.From, request.To);
        if (grain is { } g)
        {
            // A period chart needs a span: by default the calendar year up to today, as the budget summary.
            to ??= today.Date;
            from ??= new DateOnly(to.Value.Year, 1, 1);
            if (from > to) throw Infrastructure.RequestValidationException.For("from", "from must not be after to.");
        }

        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var currency = await connection.ExecuteScalarAsync<string>("SELECT currency FROM settings WHERE id = 1", transaction: tx) ?? "EUR";
        // Amounts are added up here as decimals: SQLite keeps them as text, and its SUM would round through doubles.
        var spend = (await connection.QueryAsync<SpendRow>("""
            SELECT budget_line_code, occurred_on, amount
            FROM spend
            WHERE (@from IS NULL OR occurred_on >= @from)
              AND (@to IS NULL OR occurred_on <= @to)
            """, new { from, to }, tx)).ToList();

        IReadOnlyList<SpendTotal> rows;
        if (grain is { } periodGrain)
        {
            var byPeriod = spend.ToLookup(s => periodGrain.StartOf(s.OccurredOn));
            decimal running = 0;
            rows = periodGrain.Between(from!.Value, to!.Value).Select(start =>
            {
                var amount = byPeriod[start].Sum(s => s.Amount);
                running += amount;
                return new SpendTotal
                {
                    Key = periodGrain.Label(start), Start = start, End = periodGrain.EndOf(start),
                    Amount = Money.Normalise(amount), Entries = byPeriod[start].LongCount(), Cumulative = Money.Normalise(running),
                };
            }).ToList();
        }
        else
        {
            var lines = await connection.QueryAsync<LineRow>("SELECT code, name FROM budget_lines ORDER BY code", transaction: tx);
            var byLine = spend.ToLookup(s => s.BudgetLineCode, StringComparer.Ordinal);
            rows = lines.OrderBy(l => l.Code, StringComparer.Ordinal).Select(l => new SpendTotal
            {
                Key = l.Code, Name = l.Name, Amount = Money.Normalise(byLine[l.Code].Sum(s => s.Amount)), Entries = byLine[l.Code].LongCount(),
            }).ToList();
        }
        return new SpendTotals
        {
            GroupBy = groupBy, From = from, To = to, Currency = currency, Total = Money.Normalise(spend.Sum(s => s.Amount)), Rows = rows,
        };
    }
}
