using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Departments;
using RolloutHub.Api.Features.Audit;
using RolloutHub.Api.Features.Imports;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.UseCases;

/// <summary>Creates or replaces a use case. Champions may only propose one (status idea, new code).</summary>
public sealed record SaveUseCase(string Code, UseCaseBody Body, bool Proposal) : ICommand<UseCase>;

public sealed record UseCaseBody(
    string Title, string Category, string? Status, double MinutesSavedPerUse, string? Owner, string? Description,
    IReadOnlyList<string>? ApplicableDepartments, string? TrainingUrl, int? ReviewEveryDays, DateOnly? LastReviewedOn,
    string? Tool = null);

public sealed record ProposeUseCase(string Code, string Title, string Category, double MinutesSavedPerUse, string? Description,
    IReadOnlyList<string>? ApplicableDepartments);

public sealed class SaveUseCaseValidator : AbstractValidator<SaveUseCase>
{
    public SaveUseCaseValidator()
    {
        RuleFor(c => c.Code).NotEmpty().MaximumLength(50);
        RuleFor(c => c.Body.Title).NotEmpty().MaximumLength(200).OverridePropertyName("title");
        RuleFor(c => c.Body.Category).NotEmpty().MaximumLength(100).OverridePropertyName("category");
        RuleFor(c => c.Body.Status).Must(s => UseCasesImport.Statuses.Contains(s)).When(c => !c.Proposal)
            .OverridePropertyName("status").WithMessage("status must be one of idea, pilot, production, retired.");
        RuleFor(c => c.Body.MinutesSavedPerUse).InclusiveBetween(0, 100_000).OverridePropertyName("minutesSavedPerUse");
        RuleFor(c => c.Body.ReviewEveryDays).InclusiveBetween(1, 3650).When(c => c.Body.ReviewEveryDays is not null)
            .OverridePropertyName("reviewEveryDays");
        RuleFor(c => c.Body.Tool).MaximumLength(100).OverridePropertyName("tool");
    }
}

public sealed class SaveUseCaseHandler(DbSession session, AuditTrail audit, CurrentUser user, UseCaseQueries useCases)
    : IRequestHandler<SaveUseCase, UseCase>
{
    public async Task<UseCase> Handle(SaveUseCase request, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var exists = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM use_cases WHERE code = @Code", new { request.Code }, tx) > 0;
        if (request.Proposal && exists)
            throw new ConflictException($"Use case '{request.Code}' already exists; propose a new code.");
        if (!request.Proposal && !user.IsAdmin)
            throw new ForbiddenException("Only admins edit the use-case library; champions propose ideas.");

        var departments = Applicability.Normalise(request.Body.ApplicableDepartments);
        await KnownDepartments.EnsureExistAsync(session, departments, "applicableDepartments", cancellationToken);

        var b = request.Body;
        await connection.ExecuteAsync($"""
            {session.Dialect.InsertRow("use_cases", OnConflict.Update, ["code"],
                ("code", "@code"), ("title", "@title"), ("description", "@description"), ("category", "@category"),
                ("status", "@status"), ("minutes_saved_per_use", "@minutes"), ("owner", "@owner"),
                ("training_url", "@trainingUrl"),
                ("review_every_days", "@review"), ("last_reviewed_on", "@lastReviewed"), ("tool", "@tool"))};
            """, new
                {
                    code = request.Code, title = b.Title, description = b.Description, category = b.Category,
                    status = request.Proposal ? "idea" : b.Status, minutes = b.MinutesSavedPerUse,
                    owner = request.Proposal ? b.Owner ?? user.Name : b.Owner, trainingUrl = b.TrainingUrl,
                    review = b.ReviewEveryDays, lastReviewed = b.LastReviewedOn,
                    tool = string.IsNullOrWhiteSpace(b.Tool) ? null : b.Tool.Trim(),
                }, tx);
        await Applicability.ReplaceAsync(connection, tx, request.Code, departments);
        await DataChanges.TouchAsync(connection, tx, fullRecompute: true);
        await audit.RecordAsync(connection, tx, request.Proposal ? "propose" : (exists ? "update" : "create"), "use-case", request.Code, b);
        return await useCases.Handle(new GetUseCase(request.Code), cancellationToken);
    }
}
