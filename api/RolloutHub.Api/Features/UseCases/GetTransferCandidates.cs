using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Kpis;
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
    /// <summary>The other departments that used it in the window.</summary>
    public IReadOnlyList<string> DepartmentsUsing { get; init; } = [];
    /// <summary>Distinct employees of those departments who used it.</summary>
    public long EmployeesUsing { get; init; }
    public long Uses { get; init; }
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

public sealed class GetTransferCandidatesHandler(DbSession session, KpiToday today) : IRequestHandler<GetTransferCandidates, TransferCandidates>
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
        if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM departments WHERE code = @departmentCode", new { departmentCode }, tx) == 0)
            throw new NotFoundException("Department", departmentCode);

        // Production use cases applicable to the department (no use_case_departments row: every department).
        var applicable = await connection.QueryAsync<CandidateRow>("""
            SELECT u.code, u.title, u.category, u.owner, u.minutes_saved_per_use, u.training_url
            FROM use_cases u
            WHERE u.status = 'production'
              AND (u.applicable_departments IS NULL
                   OR EXISTS (SELECT 1 FROM use_case_departments ud WHERE ud.use_case_code = u.code AND ud.department_code = @departmentCode))
            """, new { departmentCode }, tx);
        var usage = (await connection.QueryAsync<UsageRow>("""
            SELECT u.use_case_code, e.department_code, SUM(u.uses) AS uses, COUNT(DISTINCT u.employee_key) AS employees
            FROM usage_events u JOIN employees e ON e.employee_key = u.employee_key
            WHERE u.occurred_on BETWEEN @from AND @to
            GROUP BY u.use_case_code, e.department_code
            """, new { from, to }, tx)).ToLookup(u => u.UseCaseCode);

        var candidates = applicable
            .Where(u => usage[u.Code].All(d => d.DepartmentCode != departmentCode) && usage[u.Code].Any())
            .Select(u => new TransferCandidate
            {
                Code = u.Code, Title = u.Title, Category = u.Category, Owner = u.Owner, MinutesSavedPerUse = u.MinutesSavedPerUse,
                TrainingUrl = u.TrainingUrl,
                DepartmentsUsing = usage[u.Code].Select(d => d.DepartmentCode).Order(StringComparer.Ordinal).ToList(),
                EmployeesUsing = usage[u.Code].Sum(d => d.Employees), Uses = usage[u.Code].Sum(d => d.Uses),
            })
            .OrderByDescending(c => c.DepartmentsUsing.Count).ThenByDescending(c => c.EmployeesUsing).ThenBy(c => c.Code, StringComparer.Ordinal)
            .ToList();
        return new TransferCandidates { DepartmentCode = departmentCode, From = from, To = to, Candidates = candidates };
    }
}
