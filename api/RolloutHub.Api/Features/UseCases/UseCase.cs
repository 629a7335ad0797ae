using FluentValidation;
using Dapper;
using MediatR;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Kpis;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.UseCases;

/// <summary>An entry of the use-case library.</summary>
public sealed record UseCase
{
    public required string Code { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public required string Category { get; init; }
    public required UseCaseStatus Status { get; init; }
    public double MinutesSavedPerUse { get; init; }
    public string? Owner { get; init; }
    /// <summary>Department codes; empty means every department.</summary>
    public IReadOnlyList<string> ApplicableDepartments { get; init; } = [];
    public string? TrainingUrl { get; init; }
    public int? ReviewEveryDays { get; init; }
    public DateOnly? LastReviewedOn { get; init; }
    /// <summary>The AI tool the use case belongs to (e.g. <c>Microsoft 365 Copilot</c>); null for none.</summary>
    public string? Tool { get; init; }
    /// <summary>Last review plus the cadence; null without a cadence or when never reviewed.</summary>
    public DateOnly? ReviewDueOn { get; init; }
    /// <summary>
    /// A pilot or production use case with a cadence whose review falls due today or before, or that
    /// was never reviewed (docs/DEFINITIONS.md#use-case-reviews). Ideas and retired use cases: false.
    /// </summary>
    public bool ReviewDue { get; init; }
    /// <summary>As reviewDue, but the due day is before today (or it was never reviewed): the overdue-review alert's rule.</summary>
    public bool ReviewOverdue { get; init; }
}

public sealed record ListUseCases(string? Status, string? Category, string? DepartmentCode, string? Q, int? Limit, string? Cursor, string? Tool = null)
    : IRequest<Page<UseCase>>;

public sealed class ListUseCasesValidator : FluentValidation.AbstractValidator<ListUseCases>
{
    public ListUseCasesValidator() =>
        RuleFor(r => r.Status).Must(s => s is null || Imports.UseCasesImport.Statuses.Contains(s))
            .WithMessage($"status must be one of {string.Join(", ", Imports.UseCasesImport.Statuses)}.");
}

public sealed record GetUseCase(string Code) : IRequest<UseCase>;

public sealed class UseCaseQueries(DbSession session, KpiToday today) : IRequestHandler<ListUseCases, Page<UseCase>>, IRequestHandler<GetUseCase, UseCase>, Infrastructure.IQuery
{
    private sealed record Row
    {
        public required string Code { get; init; }
        public required string Title { get; init; }
        public string? Description { get; init; }
        public required string Category { get; init; }
        public required UseCaseStatus Status { get; init; }
        public double MinutesSavedPerUse { get; init; }
        public string? Owner { get; init; }
        public string? TrainingUrl { get; init; }
        public int? ReviewEveryDays { get; init; }
        public DateOnly? LastReviewedOn { get; init; }
        public string? Tool { get; init; }

        public UseCase ToUseCase(IEnumerable<string> departments, DateOnly today)
        {
            var review = ReviewSchedule.On(Status, ReviewEveryDays, LastReviewedOn, today);
            return new()
            {
                Code = Code, Title = Title, Description = Description, Category = Category, Status = Status,
                MinutesSavedPerUse = MinutesSavedPerUse, Owner = Owner, ApplicableDepartments = departments.ToList(),
                TrainingUrl = TrainingUrl, ReviewEveryDays = ReviewEveryDays, LastReviewedOn = LastReviewedOn, Tool = Tool,
                ReviewDueOn = review.DueOn, ReviewDue = review.Due, ReviewOverdue = review.Overdue,
            };
        }
    }

    private const string Select = """
        SELECT code, title, description, category, status, minutes_saved_per_use, owner, training_url, review_every_days, last_reviewed_on, tool
        FROM use_cases u
        """;

    public async Task<Page<UseCase>> Handle(ListUseCases request, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(request.Limit);
        var connection = await session.ConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>($"""
            {Select}
            WHERE (@after IS NULL OR u.code > @after)
              AND (@status IS NULL OR u.status = @status)
              AND (@category IS NULL OR u.category = @category)
              AND (@tool IS NULL OR LOWER(u.tool) = @tool)
              AND (@departmentCode IS NULL OR {Applicability.AppliesTo("u.code", "@departmentCode")})
              AND (@q IS NULL OR LOWER(u.title) LIKE @q OR LOWER(u.code) LIKE @q OR LOWER(COALESCE(u.description, '')) LIKE @q)
            ORDER BY u.code
            {session.Dialect.Limit("@take")}
            """, new
        {
            after = Paging.After(request.Cursor), status = request.Status, category = request.Category, departmentCode = request.DepartmentCode,
            tool = string.IsNullOrWhiteSpace(request.Tool) ? null : request.Tool.Trim().ToLowerInvariant(),
            q = string.IsNullOrWhiteSpace(request.Q) ? null : $"%{request.Q.Trim().ToLowerInvariant()}%",
            take = limit + 1,
        }, session.Transaction);
        var list = rows.ToList();
        var departments = await Applicability.ReadAsync(connection, session.Transaction, session.Dialect, list.Select(r => r.Code).ToList());
        return Paging.From(list.Select(r => r.ToUseCase(departments[r.Code], today.Date)).ToList(), limit, u => u.Code);
    }

    public async Task<UseCase> Handle(GetUseCase request, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE u.code = @code", new { code = request.Code }, session.Transaction);
        if (row is null) throw new NotFoundException("Use case", request.Code);
        var departments = await Applicability.ReadAsync(connection, session.Transaction, session.Dialect, [row.Code]);
        return row.ToUseCase(departments[row.Code], today.Date);
    }
}
