using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Features.Imports;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Kpis;
using RolloutHub.Api.Features.Privacy;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.UseCases;

/// <summary>Governance indicators of the use-case library over a period.</summary>
public sealed record UseCaseIndicatorsReport
{
    /// <summary>First day of the period (inclusive).</summary>
    public DateOnly From { get; init; }
    /// <summary>Last day of the period (inclusive).</summary>
    public DateOnly To { get; init; }
    /// <summary>The day review due dates are judged against.</summary>
    public DateOnly AsOf { get; init; }
    public IReadOnlyList<UseCaseIndicators> UseCases { get; init; } = [];
}

/// <summary>
/// One use case: its review cadence (every use case has a business owner and a review
/// cadence) and the three indicators of its period — volume, exception rate, perceived impact.
/// </summary>
public sealed record UseCaseIndicators
{
    public required string Code { get; init; }
    public required string Title { get; init; }
    public required string Category { get; init; }
    public required UseCaseStatus Status { get; init; }
    /// <summary>The business owner.</summary>
    public string? Owner { get; init; }
    public int? ReviewEveryDays { get; init; }
    public DateOnly? LastReviewedOn { get; init; }
    /// <summary>lastReviewedOn + reviewEveryDays; null without a cadence or when never reviewed.</summary>
    public DateOnly? ReviewDueOn { get; init; }
    /// <summary>
    /// A pilot or production use case with a cadence whose due date is before asOf, or that was
    /// never reviewed (docs/DEFINITIONS.md#use-case-reviews). Ideas and retired use cases are never overdue.
    /// </summary>
    public bool ReviewOverdue { get; init; }
    /// <summary>Days since the review fell due; null when not overdue or never reviewed.</summary>
    public int? DaysOverdue { get; init; }
    /// <summary>Volume: uses logged in the period; null when usageSuppressed.</summary>
    public long? Uses { get; init; }
    /// <summary>Distinct employees with a usage event in the period; null when usageSuppressed.</summary>
    public long? Users { get; init; }
    /// <summary>
    /// Departments (current record of the employees) that used it in the period; for everyone but
    /// admins, without the departments the privacy rule hides over the period.
    /// </summary>
    public IReadOnlyList<string> DepartmentsUsing { get; init; } = [];
    /// <summary>
    /// True, for everyone but admins, when the departments using it include hidden ones holding
    /// fewer than minGroupSize people together: uses and users are then null.
    /// </summary>
    public bool UsageSuppressed { get; init; }
    /// <summary>Outcome reports of the period naming the use case; null when reportsSuppressed.</summary>
    public long? Reports { get; init; }
    /// <summary>Of them, those reporting blockers; null when reportsSuppressed.</summary>
    public long? ReportsWithBlockers { get; init; }
    /// <summary>Exception rate: reportsWithBlockers ÷ reports; null without reports or when reportsSuppressed.</summary>
    public double? ExceptionRate { get; init; }
    /// <summary>Reports giving a satisfaction score; null when reportsSuppressed.</summary>
    public long? RatedReports { get; init; }
    /// <summary>Perceived impact: mean satisfaction (1–5) of those reports; null without one or when reportsSuppressed.</summary>
    public double? PerceivedImpact { get; init; }
    /// <summary>As usageSuppressed, for the departments named by the outcome reports.</summary>
    public bool ReportsSuppressed { get; init; }
}

/// <summary>
/// The indicators of the use cases (or of one, <c>Code</c>). <c>WithActivity</c> false gives only the
/// review figures (the alert rule), without reading usage events and outcome reports.
/// </summary>
public sealed record GetUseCaseIndicators(string? Code, DateOnly? From, DateOnly? To, string? Status, DateOnly? AsOf = null, bool WithActivity = true)
    : IRequest<UseCaseIndicatorsReport>;

public sealed class GetUseCaseIndicatorsValidator : AbstractValidator<GetUseCaseIndicators>
{
    public GetUseCaseIndicatorsValidator()
    {
        RuleFor(r => r.To).GreaterThanOrEqualTo(r => r.From).When(r => r.From is not null && r.To is not null).WithMessage("to must not be before from.");
        RuleFor(r => r.Status).Must(s => s is null || UseCasesImport.Statuses.Contains(s))
            .WithMessage("status must be one of idea, pilot, production, retired.");
    }
}

public sealed class GetUseCaseIndicatorsHandler(UseCaseIndicatorsQuery indicators) : IRequestHandler<GetUseCaseIndicators, UseCaseIndicatorsReport>
{
    public Task<UseCaseIndicatorsReport> Handle(GetUseCaseIndicators request, CancellationToken cancellationToken) => indicators.ReadAsync(request, cancellationToken);
}

/// <summary>The use-case indicators (see <see cref="GetUseCaseIndicators"/>), for the handlers and rules that need them.</summary>
public sealed class UseCaseIndicatorsQuery(DbSession session, CurrentUser user, KpiToday today) : IQuery
{
    /// <summary>Without from/to: the 90 days ending on asOf.</summary>
    public const int DefaultDays = 90;

    private sealed record UseCaseRow
    {
        public required string Code { get; init; }
        public required string Title { get; init; }
        public required string Category { get; init; }
        public required UseCaseStatus Status { get; init; }
        public string? Owner { get; init; }
        public int? ReviewEveryDays { get; init; }
        public DateOnly? LastReviewedOn { get; init; }
    }

    private sealed record UsageRow
    {
        public required string UseCaseCode { get; init; }
        public required string DepartmentCode { get; init; }
        public long Uses { get; init; }
        public long Users { get; init; }
    }

    private sealed record ReportRow
    {
        public required string UseCaseCode { get; init; }
        public required string DepartmentCode { get; init; }
        public long Reports { get; init; }
        public long WithBlockers { get; init; }
        public long Rated { get; init; }
        public double? SatisfactionSum { get; init; }
    }

    public async Task<UseCaseIndicatorsReport> ReadAsync(GetUseCaseIndicators request, CancellationToken cancellationToken)
    {
        var asOf = request.AsOf ?? today.Date;
        var to = request.To ?? asOf;
        var from = request.From ?? to.AddDays(-(DefaultDays - 1));
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var period = new { from, to, code = request.Code, status = request.Status };
        var useCases = (await connection.QueryAsync<UseCaseRow>("""
            SELECT code, title, category, status, owner, review_every_days, last_reviewed_on FROM use_cases
            WHERE (@code IS NULL OR code = @code) AND (@status IS NULL OR status = @status)
            ORDER BY code
            """, period, tx)).ToList();
        if (request.Code is not null && useCases.Count == 0) throw new NotFoundException("Use case", request.Code);

        // One pass over the period's events, by use case and department: an employee is in exactly
        // one department, so the departments' distinct users add up to the use case's.
        var usage = request.WithActivity
            ? (await connection.QueryAsync<UsageRow>("""
                SELECT u.use_case_code, e.department_code, SUM(u.uses) AS uses, COUNT(DISTINCT u.employee_key) AS users
                FROM usage_events u JOIN employees e ON e.employee_key = u.employee_key
                WHERE u.occurred_on BETWEEN @from AND @to AND (@code IS NULL OR u.use_case_code = @code)
                GROUP BY u.use_case_code, e.department_code
                ORDER BY e.department_code
                """, period, tx)).ToLookup(u => u.UseCaseCode)
            : Enumerable.Empty<UsageRow>().ToLookup(u => u.UseCaseCode);
        // Exception rate and perceived impact come from the outcome reports that name the use case.
        // By department too, so that the privacy rule can judge each total by the departments in it.
        var reports = !request.WithActivity ? Enumerable.Empty<ReportRow>().ToLookup(r => r.UseCaseCode) : (await connection.QueryAsync<ReportRow>("""
            SELECT use_case_code, department_code,
                   COUNT(*) AS reports,
                   SUM(CASE WHEN blockers IS NOT NULL AND TRIM(blockers) <> '' THEN 1 ELSE 0 END) AS with_blockers,
                   COUNT(satisfaction) AS rated,
                   SUM(CAST(satisfaction AS DOUBLE PRECISION)) AS satisfaction_sum
            FROM outcome_reports
            WHERE use_case_code IS NOT NULL AND occurred_on BETWEEN @from AND @to AND (@code IS NULL OR use_case_code = @code)
            GROUP BY use_case_code, department_code
            """, period, tx)).ToLookup(r => r.UseCaseCode);
        var minGroupSize = (await KpiRange.StateAsync(connection, tx)).MinGroupSize;
        var smallGroups = request.WithActivity
            ? await SmallGroupsDuring.ReadAsync(connection, tx, user, from, to, minGroupSize)
            : SmallGroups.None;

        return new UseCaseIndicatorsReport
        {
            From = from, To = to, AsOf = asOf,
            UseCases = useCases.Select(u =>
            {
                var used = usage[u.Code].ToList();
                var usageHidden = smallGroups.IsTotalSuppressed(used.Select(x => x.DepartmentCode));
                var reported = reports[u.Code].ToList();
                var reportsHidden = smallGroups.IsTotalSuppressed(reported.Select(r => r.DepartmentCode));
                var reportCount = reported.Sum(r => r.Reports);
                var withBlockers = reported.Sum(r => r.WithBlockers);
                var rated = reported.Sum(r => r.Rated);
                var review = ReviewSchedule.On(u.Status, u.ReviewEveryDays, u.LastReviewedOn, asOf);
                return new UseCaseIndicators
                {
                    Code = u.Code, Title = u.Title, Category = u.Category, Status = u.Status, Owner = u.Owner,
                    ReviewEveryDays = u.ReviewEveryDays, LastReviewedOn = u.LastReviewedOn, ReviewDueOn = review.DueOn, ReviewOverdue = review.Overdue,
                    DaysOverdue = review.DaysOverdue,
                    Uses = usageHidden ? null : used.Sum(x => x.Uses), Users = usageHidden ? null : used.Sum(x => x.Users), UsageSuppressed = usageHidden,
                    DepartmentsUsing = used.Select(x => x.DepartmentCode).Where(d => !smallGroups.IsSuppressed(d)).ToList(),
                    Reports = reportsHidden ? null : reportCount, ReportsWithBlockers = reportsHidden ? null : withBlockers,
                    ExceptionRate = reportsHidden || reportCount == 0 ? null : (double)withBlockers / reportCount,
                    RatedReports = reportsHidden ? null : rated,
                    PerceivedImpact = reportsHidden || rated == 0 ? null : reported.Sum(r => r.SatisfactionSum ?? 0) / rated,
                    ReportsSuppressed = reportsHidden,
                };
            }).ToList(),
        };
    }
}
