using FluentValidation;
using Dapper;
using MediatR;
using RolloutHub.Api.Data;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.UseCases;

/// <summary>An entry of the use-case library (SPEC §1).</summary>
public sealed record UseCase
{
    public required string Code { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public required string Category { get; init; }
    public required string Status { get; init; }
    public double MinutesSavedPerUse { get; init; }
    public string? Owner { get; init; }
    /// <summary>Department codes; empty means every department.</summary>
    public IReadOnlyList<string> ApplicableDepartments { get; init; } = [];
    public string? TrainingUrl { get; init; }
    public int? ReviewEveryDays { get; init; }
    public DateOnly? LastReviewedOn { get; init; }
    /// <summary>The AI tool the use case belongs to (e.g. <c>Microsoft 365 Copilot</c>); null for none.</summary>
    public string? Tool { get; init; }
    /// <summary>Last review plus the cadence; null without a cadence. Never reviewed: due now.</summary>
    public DateOnly? ReviewDueOn => ReviewEveryDays is { } days
        ? (LastReviewedOn?.AddDays(days) ?? DateOnly.FromDateTime(DateTime.UtcNow))
        : null;
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

public sealed class UseCaseQueries(DbSession session) : IRequestHandler<ListUseCases, Page<UseCase>>, IRequestHandler<GetUseCase, UseCase>, Infrastructure.IQuery
{
    private sealed record Row
    {
        public required string Code { get; init; }
        public required string Title { get; init; }
        public string? Description { get; init; }
        public required string Category { get; init; }
        public required string Status { get; init; }
        public double MinutesSavedPerUse { get; init; }
        public string? Owner { get; init; }
        public string? ApplicableDepartments { get; init; }
        public string? TrainingUrl { get; init; }
        public int? ReviewEveryDays { get; init; }
        public DateOnly? LastReviewedOn { get; init; }
        public string? Tool { get; init; }

        public UseCase ToUseCase() => new()
        {
            Code = Code, Title = Title, Description = Description, Category = Category, Status = Status,
            MinutesSavedPerUse = MinutesSavedPerUse, Owner = Owner,
            ApplicableDepartments = ApplicableDepartments?.Split('|') ?? [],
            TrainingUrl = TrainingUrl, ReviewEveryDays = ReviewEveryDays, LastReviewedOn = LastReviewedOn, Tool = Tool,
        };
    }

    private const string Select = """
        SELECT code, title, description, category, status, minutes_saved_per_use, owner, applicable_departments,
               training_url, review_every_days, last_reviewed_on, tool
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
              AND (@departmentCode IS NULL OR u.applicable_departments IS NULL
                   OR EXISTS (SELECT 1 FROM use_case_departments d WHERE d.use_case_code = u.code AND d.department_code = @departmentCode))
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
        return Paging.From(rows.Select(r => r.ToUseCase()).ToList(), limit, u => u.Code);
    }

    public async Task<UseCase> Handle(GetUseCase request, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE u.code = @code", new { code = request.Code }, session.Transaction);
        return row?.ToUseCase() ?? throw new NotFoundException("Use case", request.Code);
    }
}
