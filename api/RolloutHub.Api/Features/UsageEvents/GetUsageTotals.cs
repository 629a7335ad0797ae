using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Kpis;
using RolloutHub.Api.Features.Privacy;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.UsageEvents;

/// <summary>A department's usage events added up over a span of days, by use case or by day and use case.</summary>
public sealed record UsageTotals
{
    public required string DepartmentCode { get; init; }
    /// <summary>First day counted.</summary>
    public DateOnly From { get; init; }
    /// <summary>Last day counted.</summary>
    public DateOnly To { get; init; }
    /// <summary>`use-case` or `day`.</summary>
    public required string GroupBy { get; init; }
    /// <summary>
    /// True, for everyone but admins, when the privacy rule hides the department over the span: it
    /// holds fewer than minGroupSize people (or hides a small one by difference), so no row is given.
    /// </summary>
    public bool Suppressed { get; init; }
    /// <summary>By use case: most uses first. By day: newest day first, then by use case code.</summary>
    public IReadOnlyList<UsageTotal> Rows { get; init; } = [];
}

/// <summary>The uses of one use case (on one day, when grouped by day) by the department's employees.</summary>
public sealed record UsageTotal
{
    /// <summary>The day, when grouped by day; null when grouped by use case.</summary>
    public DateOnly? OccurredOn { get; init; }
    public required string UseCaseCode { get; init; }
    /// <summary>The use case's title in the library (the code when the library does not know it).</summary>
    public required string Title { get; init; }
    /// <summary>Sum of the events' uses.</summary>
    public long Uses { get; init; }
    /// <summary>Distinct employees who logged at least one of these events.</summary>
    public long ActiveEmployees { get; init; }
}

public sealed record GetUsageTotals(string? DepartmentCode, DateOnly? From, DateOnly? To, string? GroupBy) : IRequest<UsageTotals>;

public sealed class GetUsageTotalsValidator : AbstractValidator<GetUsageTotals>
{
    public GetUsageTotalsValidator()
    {
        RuleFor(r => r.DepartmentCode).NotEmpty().MaximumLength(50);
        RuleFor(r => r.GroupBy).Must(g => g is null or "use-case" or "day").WithMessage("groupBy must be use-case or day.");
        RuleFor(r => r.From).Must((r, from) => from is null || r.To is null || from <= r.To).WithMessage("from must not be after to.");
        RuleFor(r => r.To).Must((r, to) => r.From is null || to is null || to.Value.DayNumber - r.From.Value.DayNumber < GetUsageTotalsHandler.MaxDays)
            .WithMessage($"from and to must be at most {GetUsageTotalsHandler.MaxDays} days apart.");
    }
}

public sealed class GetUsageTotalsHandler(DbSession session, CurrentUser user, KpiToday today) : IRequestHandler<GetUsageTotals, UsageTotals>
{
    /// <summary>Without `from`, the last four weeks up to `to`.</summary>
    public const int DefaultDays = 28;
    /// <summary>A span long enough for any KPI range the dashboard offers, short enough to stay one query's work.</summary>
    public const int MaxDays = 3 * 366;

    public async Task<UsageTotals> Handle(GetUsageTotals request, CancellationToken cancellationToken)
    {
        var departmentCode = request.DepartmentCode!;
        var groupBy = request.GroupBy ?? "use-case";
        var to = request.To ?? today.Date;
        var from = request.From ?? to.AddDays(-(DefaultDays - 1));
        if (from > to) throw RequestValidationException.For("from", "from must not be after to.");

        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        // A champion asking for another department, known or not, learns nothing: 403 either way.
        user.EnsureMayActFor(departmentCode);
        if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM departments WHERE code = @departmentCode", new { departmentCode }, tx) == 0)
            throw new NotFoundException("Department", departmentCode);

        var minGroupSize = (await KpiRange.StateAsync(connection, tx)).MinGroupSize;
        var smallGroups = await SmallGroupsDuring.ReadAsync(connection, tx, user, from, to, minGroupSize);
        var answer = new UsageTotals { DepartmentCode = departmentCode, From = from, To = to, GroupBy = groupBy };
        if (smallGroups.IsSuppressed(departmentCode)) return answer with { Suppressed = true };

        // The department is the employee's current one, as the usage-event list answers it.
        var byDay = groupBy == "day";
        var rows = await connection.QueryAsync<UsageTotal>(byDay ? ByDaySql : ByUseCaseSql, new { departmentCode, from, to }, tx);
        var ordered = byDay
            ? rows.OrderByDescending(r => r.OccurredOn).ThenBy(r => r.UseCaseCode, StringComparer.Ordinal)
            : rows.OrderByDescending(r => r.Uses).ThenBy(r => r.UseCaseCode, StringComparer.Ordinal);
        return answer with { Rows = ordered.ToList() };
    }

    private const string ByUseCaseSql = """
        SELECT u.use_case_code, COALESCE(MAX(c.title), u.use_case_code) AS title,
               SUM(u.uses) AS uses, COUNT(DISTINCT u.employee_key) AS active_employees
        FROM usage_events u
        JOIN employees e ON e.employee_key = u.employee_key
        LEFT JOIN use_cases c ON c.code = u.use_case_code
        WHERE e.department_code = @departmentCode
          AND u.occurred_on BETWEEN @from AND @to
        GROUP BY u.use_case_code
        """;

    private const string ByDaySql = """
        SELECT u.occurred_on, u.use_case_code, COALESCE(MAX(c.title), u.use_case_code) AS title,
               SUM(u.uses) AS uses, COUNT(DISTINCT u.employee_key) AS active_employees
        FROM usage_events u
        JOIN employees e ON e.employee_key = u.employee_key
        LEFT JOIN use_cases c ON c.code = u.use_case_code
        WHERE e.department_code = @departmentCode
          AND u.occurred_on BETWEEN @from AND @to
        GROUP BY u.occurred_on, u.use_case_code
        """;
}
