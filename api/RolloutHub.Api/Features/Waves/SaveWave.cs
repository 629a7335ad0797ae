using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Departments;
using RolloutHub.Api.Features.Audit;
using RolloutHub.Api.Features.Imports;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Waves;

public sealed record WaveBody(
    string Name, string Kind, int Sequence, IReadOnlyList<string> DepartmentCodes, DateOnly PlannedStart, DateOnly PlannedEnd,
    string Status, double? TargetDepth, double? TargetBreadth, string? ExecutiveSponsor, string? TechnicalOwner,
    string? AdoptionOwner, string? ContentOwner, string? GovernanceOwner);

public sealed record SaveWave(string Code, WaveBody Body) : ICommand<Wave>;

public sealed class SaveWaveValidator : AbstractValidator<SaveWave>
{
    public SaveWaveValidator()
    {
        RuleFor(c => c.Code).NotEmpty().MaximumLength(50);
        RuleFor(c => c.Body.Name).NotEmpty().MaximumLength(200).OverridePropertyName("name");
        RuleFor(c => c.Body.Kind).Must(k => k is "pilot" or "rollout").OverridePropertyName("kind").WithMessage("kind must be pilot or rollout.");
        RuleFor(c => c.Body.Status).Must(s => WaveStatuses.Parse(s) is not null)
            .OverridePropertyName("status").WithMessage("status must be one of planned, active, review, completed, paused.");
        RuleFor(c => c.Body.PlannedEnd).GreaterThanOrEqualTo(c => c.Body.PlannedStart).OverridePropertyName("plannedEnd")
            .WithMessage("plannedEnd must not be before plannedStart.");
        RuleFor(c => c.Body.TargetDepth).InclusiveBetween(0, 1).When(c => c.Body.TargetDepth is not null).OverridePropertyName("targetDepth");
        RuleFor(c => c.Body.TargetBreadth).InclusiveBetween(0, 1).When(c => c.Body.TargetBreadth is not null).OverridePropertyName("targetBreadth");
        RuleFor(c => c.Body.DepartmentCodes).NotNull().OverridePropertyName("departmentCodes");
    }
}

public sealed class SaveWaveHandler(DbSession session, AuditTrail audit, WaveQueries waves) : IRequestHandler<SaveWave, Wave>
{
    public async Task<Wave> Handle(SaveWave request, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var codes = request.Body.DepartmentCodes.Distinct().ToArray();
        await KnownDepartments.EnsureExistAsync(session, codes, "departmentCodes", cancellationToken);

        var b = request.Body;
        await connection.ExecuteAsync($"""
            {session.Dialect.InsertRow("waves", OnConflict.Update, ["code"],
                ("code", "@code"), ("name", "@Name"), ("kind", "@Kind"), ("sequence", "@Sequence"),
                ("planned_start", "@PlannedStart"), ("planned_end", "@PlannedEnd"), ("status", "@Status"),
                ("target_depth", "@TargetDepth"), ("target_breadth", "@TargetBreadth"), ("executive_sponsor", "@ExecutiveSponsor"),
                ("technical_owner", "@TechnicalOwner"), ("adoption_owner", "@AdoptionOwner"),
                ("content_owner", "@ContentOwner"), ("governance_owner", "@GovernanceOwner"))};
            DELETE FROM wave_departments WHERE wave_code = @code;
            """, new
                {
                    code = request.Code, b.Name, b.Kind, b.Sequence, b.PlannedStart, b.PlannedEnd, b.Status, b.TargetDepth, b.TargetBreadth,
                    b.ExecutiveSponsor, b.TechnicalOwner, b.AdoptionOwner, b.ContentOwner, b.GovernanceOwner,
                }, tx);
        await connection.ExecuteAsync("INSERT INTO wave_departments (wave_code, department_code) VALUES (@wave, @department)",
            codes.Select(department => new { wave = request.Code, department }), tx);
        // Wave start dates move activation, so every period may change.
        await DataChanges.TouchAsync(connection, tx, fullRecompute: true);
        await audit.RecordAsync(connection, tx, "save", "wave", request.Code, b);
        return await waves.GetAsync(request.Code, cancellationToken);
    }
}
