using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Kpis;
using RolloutHub.Api.Features.Privacy;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.UseCases;

/// <summary>Use cases that work elsewhere and could be brought to a department.</summary>
public sealed record TransferCandidates
{
    public required string DepartmentCode { get; init; }
    /// <summary>First day of the usage window.</summary>
    public DateOnly From { get; init; }
    /// <summary>Last day of the usage window (asOf).</summary>
    public DateOnly To { get; init; }
    /// <summary>Most widely used elsewhere first.</summary>
    public IReadOnlyList<TransferCandidate> Candidates { get; init; } = [];
    /// <summary>
    /// True, for everyone but admins, when the privacy rule hides the department over the window:
    /// its own use is then not looked at (the list would tell what its few employees use), so the
    /// candidates are the applicable use cases used elsewhere, whether it uses them or not.
    /// </summary>
    public bool Suppressed { get; init; }
}

/// <summary>A production use case applicable to the department, used by others in the window, not by it.</summary>
public sealed record TransferCandidate
{
    public required string Code { get; init; }
    public required string Title { get; init; }
    public required string Category { get; init; }
    public string? Owner { get; init; }
    public double MinutesSavedPerUse { get; init; }
    /// <summary>Where to learn it, if the library has material.</summary>
    public string? TrainingUrl { get; init; }
    /// <summary>The other departments that used it in the window (for everyone but admins, without those the privacy rule hides).</summary>
    public IReadOnlyList<string> DepartmentsUsing { get; init; } = [];
    /// <summary>Distinct employees of the departments that used it; null when suppressed.</summary>
    public long? EmployeesUsing { get; init; }
    /// <summary>Null when suppressed.</summary>
    public long? Uses { get; init; }
    /// <summary>
    /// True, for everyone but admins, when the departments using it include hidden ones holding fewer
    /// than minGroupSize people together: employeesUsing and uses are then null.
    /// </summary>
    public bool Suppressed { get; init; }
}

public sealed record GetTransferCandidates(string DepartmentCode, int Days = GetTransferCandidatesHandler.DefaultDays, DateOnly? AsOf = null)
    : IRequest<TransferCandidates>;

public sealed class GetTransferCandidatesValidator : AbstractValidator<GetTransferCandidates>
{
    public GetTransferCandidatesValidator()
    {
        RuleFor(r => r.DepartmentCode).NotEmpty().MaximumLength(50);
        RuleFor(r => r.Days).InclusiveBetween(7, 730);
    }
}

public sealed class GetTransferCandidatesHandler(DbSession session, CurrentUser user, KpiToday today) : IRequestHandler<GetTransferCandidates, TransferCandidates>
{
    /// <summary>"Used" means a usage event in the last 90 days: a use case dropped long ago is no proof it works.</summary>
    public const int DefaultDays = 90;

    private sealed record CandidateRow
    {
        public required string Code { get; init; }
        public required string Title { get; init; }
        public required string Category { get; init; }
        public string? Owner { get; init; }
        public double MinutesSavedPerUse { get; init; }
        public string? TrainingUrl { get; init; }
    }

    private sealed record UsageRow
    {
        public required string UseCaseCode { get; init; }
        public required string DepartmentCode { get; init; }
        public long Uses { get; init; }
        public long Employees { get; init; }
    }

    public async Task<TransferCandidates> Handle(GetTransferCandidates request, CancellationToken cancellationToken)
    {
        var to = request.AsOf ?? today.Date;
        var from = to.AddDays(-(request.Days - 1));
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var departmentCode = request.DepartmentCode;
        await Departments.KnownDepartments.EnsureExistsAsync(session, departmentCode, cancellationToken);

        var applicable = await connection.QueryAsync<CandidateRow>($"""
            SELECT u.code, u.title, u.category, u.owner, u.minutes_saved_per_use, u.training_url
            FROM use_cases u
            WHERE u.status = 'production' AND {Applicability.AppliesTo("u.code", "@departmentCode")}
            """, new { departmentCode }, tx);
        var usage = (await connection.QueryAsync<UsageRow>("""
            SELECT u.use_case_code, e.department_code, SUM(u.uses) AS uses, COUNT(DISTINCT u.employee_key) AS employees
            FROM usage_events u JOIN employees e ON e.employee_key = u.employee_key
            WHERE u.occurred_on BETWEEN @from AND @to
            GROUP BY u.use_case_code, e.department_code
            """, new { from, to }, tx)).ToLookup(u => u.UseCaseCode);

        var minGroupSize = (await KpiRange.StateAsync(connection, tx)).MinGroupSize;
        var smallGroups = await SmallGroupsDuring.ReadAsync(connection, tx, user, from, to, minGroupSize);
        var hidden = smallGroups.IsSuppressed(departmentCode);
        var candidates = applicable
            .Select(u => (UseCase: u, Others: usage[u.Code].Where(d => d.DepartmentCode != departmentCode).ToList()))
            .Where(c => c.Others.Count > 0 && (hidden || usage[c.UseCase.Code].All(d => d.DepartmentCode != departmentCode)))
            .Select(c =>
            {
                var suppressed = smallGroups.IsTotalSuppressed(c.Others.Select(d => d.DepartmentCode));
                return new TransferCandidate
                {
                    Code = c.UseCase.Code, Title = c.UseCase.Title, Category = c.UseCase.Category, Owner = c.UseCase.Owner,
                    MinutesSavedPerUse = c.UseCase.MinutesSavedPerUse, TrainingUrl = c.UseCase.TrainingUrl,
                    DepartmentsUsing = c.Others.Select(d => d.DepartmentCode).Where(d => !smallGroups.IsSuppressed(d)).Order(StringComparer.Ordinal).ToList(),
                    EmployeesUsing = suppressed ? null : c.Others.Sum(d => d.Employees), Uses = suppressed ? null : c.Others.Sum(d => d.Uses),
                    Suppressed = suppressed,
                };
            })
            .OrderByDescending(c => c.DepartmentsUsing.Count).ThenByDescending(c => c.EmployeesUsing ?? -1).ThenBy(c => c.Code, StringComparer.Ordinal)
            .ToList();
        return new TransferCandidates { DepartmentCode = departmentCode, From = from, To = to, Candidates = candidates, Suppressed = hidden };
    }
}
