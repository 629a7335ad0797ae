using FluentValidation;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Kpis;
using RolloutHub.Api.Features.Privacy;
using RolloutHub.Api.Features.Settings;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Training;

/// <summary>What one employee still has to complete, given their training tier.</summary>
public sealed record EmployeeTrainingNeed
{
    /// <summary>The pseudonymous key of the roster.</summary>
    public required string EmployeeKey { get; init; }
    public required string DepartmentCode { get; init; }
    /// <summary>The tier on record: <c>power</c>, <c>casual</c> or null.</summary>
    public string? Tier { get; init; }
    /// <summary>The tier the requirements follow: the recorded one, or <c>casual</c> when none is recorded.</summary>
    public required string AppliedTier { get; init; }
    /// <summary>True when no tier is recorded and the employee is treated as a casual user.</summary>
    public bool TierAssumed { get; init; }
    /// <summary>
    /// Power users: every production use case applicable to their department. Casual users: a
    /// quick start, the general module plus the applicable production use case their department
    /// uses most (uses of the last 90 days; else the organisation's; else the first by code).
    /// </summary>
    public IReadOnlyList<string> RequiredModules { get; init; } = [];
    /// <summary>Required modules not completed (by asOf).</summary>
    public IReadOnlyList<string> MissingModules { get; init; } = [];
    public string? Note { get; init; }
}

/// <summary>
/// <c>GET /api/v1/training-needs/employees</c>. By default only the employees with
/// something missing; <see cref="All"/> lists everyone employed on the day. Readers who may not read
/// employee records (executives) do not get the employees of a department the privacy rule hides on
/// the day: counting its lines would give its trained and untrained figures. HR and admins, who keep
/// the roster and load the training records themselves, get everyone: the list is how they
/// organise the training of small departments too.
/// </summary>
public sealed record GetEmployeeTrainingNeeds(string? DepartmentCode, string? WaveCode, bool All, int? Limit, string? Cursor, DateOnly? AsOf = null)
    : IRequest<Page<EmployeeTrainingNeed>>;

public sealed class GetEmployeeTrainingNeedsValidator : AbstractValidator<GetEmployeeTrainingNeeds>
{
    public GetEmployeeTrainingNeedsValidator()
    {
        RuleFor(r => r.DepartmentCode).MaximumLength(50);
        RuleFor(r => r.WaveCode).MaximumLength(50);
    }
}

public sealed class GetEmployeeTrainingNeedsHandler(
    TrainingCatalogueQuery catalogues, SettingsQuery settingsQuery, Waves.WaveQueries waveQueries, DbSession session, CurrentUser user, KpiToday today)
    : IRequestHandler<GetEmployeeTrainingNeeds, Page<EmployeeTrainingNeed>>
{
    public async Task<Page<EmployeeTrainingNeed>> Handle(GetEmployeeTrainingNeeds request, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(request.Limit);
        var after = Paging.After(request.Cursor);
        var asOf = request.AsOf ?? today.Date;
        IReadOnlyList<string>? departments = request.DepartmentCode is null ? null : [request.DepartmentCode];
        if (request.WaveCode is not null)
        {
            var wave = await waveQueries.GetAsync(request.WaveCode, cancellationToken);
            departments = wave.DepartmentCodes.Where(d => departments is null || departments.Contains(d)).ToList();
        }
        var catalogue = await catalogues.ReadAsync(asOf, departments, cancellationToken);
        if (request.DepartmentCode is not null && !catalogue.Departments.ContainsKey(request.DepartmentCode))
            throw new NotFoundException("Department", request.DepartmentCode);

        var settings = await settingsQuery.ReadAsync(cancellationToken);
        var connection = await session.ConnectionAsync(cancellationToken);
        var readsEmployees = Policies.RolesByPolicy[Policies.ReadEmployees].Contains(user.Role);
        var smallGroups = readsEmployees ? SmallGroups.None
            : await SmallGroupsDuring.ReadAsync(connection, session.Transaction, user, asOf, asOf, settings.MinGroupSize);

        var needs = catalogue.Employees
            .Where(e => !smallGroups.IsSuppressed(e.DepartmentCode))
            .Where(e => after is null || string.CompareOrdinal(e.EmployeeKey, after) > 0)
            .OrderBy(e => e.EmployeeKey, StringComparer.Ordinal)
            .Select(e => Need(e, catalogue.Departments[e.DepartmentCode], catalogue.GeneralModule))
            .Where(n => request.All || n.MissingModules.Count > 0)
            .Take(limit + 1)
            .ToList();
        return Paging.From(needs, limit, n => n.EmployeeKey);
    }

    public static EmployeeTrainingNeed Need(TraineeRecord employee, DepartmentModules department, string generalModule)
    {
        var power = employee.TrainingTier == "power";
        IReadOnlyList<string> required = power
            ? department.UseCases.Select(m => m.Code).ToList()
            : department.QuickStart is { } quickStart ? [generalModule, quickStart.Code] : [generalModule];
        return new EmployeeTrainingNeed
        {
            EmployeeKey = employee.EmployeeKey, DepartmentCode = employee.DepartmentCode, Tier = employee.TrainingTier,
            AppliedTier = power ? "power" : "casual", TierAssumed = employee.TrainingTier is null,
            RequiredModules = required, MissingModules = required.Where(m => !employee.Completed.Contains(m)).ToList(),
            Note = employee.TrainingTier is null ? "No training tier recorded: treated as a casual user." : null,
        };
    }
}
