using FluentValidation;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Kpis;
using RolloutHub.Api.Features.Privacy;
using RolloutHub.Api.Features.Settings;
using RolloutHub.Api.Features.Waves;
using static System.FormattableString;


namespace RolloutHub.Api.Features.Training;

/// <summary>Training needs, per department, most urgent first.</summary>
public sealed record DepartmentTrainingNeeds
{
    /// <summary>Employees are those employed on this day; activity is measured over the 28 days ending on it.</summary>
    public DateOnly AsOf { get; init; }
    /// <summary>The general module listed beside the use cases (casual users' quick start).</summary>
    public required string GeneralModule { get; init; }
    public IReadOnlyList<DepartmentTrainingNeed> Departments { get; init; } = [];
}

/// <summary>One department's training needs.</summary>
public sealed record DepartmentTrainingNeed
{
    /// <summary>1 for the most urgent department of the organisation (filters do not renumber).</summary>
    public int Priority { get; init; }
    public required string PriorityReason { get; init; }
    public required string DepartmentCode { get; init; }
    public required string Name { get; init; }
    /// <summary>The wave that makes it urgent: the current (active or in review) wave including the department, else the next planned one.</summary>
    public string? WaveCode { get; init; }
    /// <summary><c>current</c>, <c>next</c> or null (no current or next wave includes the department).</summary>
    public string? WaveStage { get; init; }
    /// <summary>Employees employed on asOf.</summary>
    public int Headcount { get; init; }
    /// <summary>Of them, those with a usage event in the 28 days ending on asOf; null when suppressed.</summary>
    public int? Active { get; init; }
    /// <summary>Active ÷ headcount; null when suppressed or without employees.</summary>
    public double? Depth { get; init; }
    /// <summary>
    /// True, for everyone but admins, when the privacy rule hides the department on asOf (fewer than
    /// minGroupSize employees, or hidden with such a department so that no total reveals it): every
    /// figure but the headcount is then null, its missing modules are empty, and it comes after the
    /// visible departments of its group (its rank would otherwise tell its figures).
    /// </summary>
    public bool Suppressed { get; init; }
    /// <summary>Employees with at least one training completion; null when suppressed.</summary>
    public int? Trained { get; init; }
    /// <summary>Null when suppressed.</summary>
    public int? Untrained { get; init; }
    /// <summary>The general module and the production use cases applicable to the department that some of its employees have not completed, most missing first (empty when suppressed).</summary>
    public IReadOnlyList<ModuleGap> MissingModules { get; init; } = [];
}

public sealed record ModuleGap
{
    public required string ModuleCode { get; init; }
    public required string Title { get; init; }
    /// <summary>True for the general module, false for a use case.</summary>
    public bool General { get; init; }
    /// <summary>Employees of the department who have not completed it.</summary>
    public int EmployeesMissing { get; init; }
}

/// <summary>One CSV line per department; modules written <c>CODE:missing</c> and joined with '|'.</summary>
public sealed record DepartmentTrainingNeedCsv(
    int Priority, string DepartmentCode, string Name, string? WaveCode, string? WaveStage, int Headcount, int? Active, double? Depth,
    bool Suppressed, int? Trained, int? Untrained, IReadOnlyList<string> MissingModules, string PriorityReason);

public sealed record GetDepartmentTrainingNeeds(string? DepartmentCode, string? WaveCode, DateOnly? AsOf = null) : IRequest<DepartmentTrainingNeeds>;

public sealed class GetDepartmentTrainingNeedsValidator : AbstractValidator<GetDepartmentTrainingNeeds>
{
    public GetDepartmentTrainingNeedsValidator()
    {
        RuleFor(r => r.DepartmentCode).MaximumLength(50);
        RuleFor(r => r.WaveCode).MaximumLength(50);
    }
}

/// <summary>
/// Priority: departments of a current wave (active or in review) first, then those of the next
/// planned wave (lowest sequence), then the rest; within each group, the most people untrained
/// and not yet using AI first — untrained × (1 − depth) — then by code; departments hidden by the
/// privacy rule last in their group, by code.
/// </summary>
public sealed class GetDepartmentTrainingNeedsHandler(
    TrainingCatalogueQuery catalogues, SettingsQuery settingsQuery, WaveQueries waveQueries, DbSession session, CurrentUser user, KpiToday today)
    : IRequestHandler<GetDepartmentTrainingNeeds, DepartmentTrainingNeeds>
{
    public async Task<DepartmentTrainingNeeds> Handle(GetDepartmentTrainingNeeds request, CancellationToken cancellationToken)
    {
        var asOf = request.AsOf ?? today.Date;
        var catalogue = await catalogues.ReadAsync(asOf, null, cancellationToken);
        var settings = await settingsQuery.ReadAsync(cancellationToken);
        var waves = await waveQueries.ListAsync(cancellationToken);
        if (request.WaveCode is not null && waves.All(w => w.Code != request.WaveCode))
            throw new Infrastructure.NotFoundException("Wave", request.WaveCode);
        if (request.DepartmentCode is not null) await Departments.KnownDepartments.EnsureExistsAsync(session, request.DepartmentCode, cancellationToken);

        var current = waves.Where(w => w.Status.IsUnderWay()).OrderBy(w => w.Sequence).ToList();
        var next = waves.Where(w => w.Status == WaveStatus.Planned).OrderBy(w => w.Sequence).ThenBy(w => w.Code).FirstOrDefault();
        var employees = catalogue.Employees.ToLookup(e => e.DepartmentCode);
        var connection = await session.ConnectionAsync(cancellationToken);
        var smallGroups = await SmallGroupsDuring.ReadAsync(connection, session.Transaction, user, asOf, asOf, settings.MinGroupSize);

        var needs = catalogue.Departments.Values.Select(d =>
        {
            var staff = employees[d.Code].ToList();
            var active = staff.Count(e => e.Active);
            var trained = staff.Count(e => e.Completed.Count > 0);
            double? depth = staff.Count == 0 ? null : (double)active / staff.Count;
            var suppressed = smallGroups.IsSuppressed(d.Code);
            var gaps = suppressed ? [] : new[] { new TrainingModule { Code = catalogue.GeneralModule, Title = "General module" } }.Concat(d.UseCases)
                .Select((m, i) => new ModuleGap
                {
                    ModuleCode = m.Code, Title = m.Title, General = i == 0,
                    EmployeesMissing = staff.Count(e => !e.Completed.Contains(m.Code)),
                })
                .Where(g => g.EmployeesMissing > 0)
                .OrderByDescending(g => g.General).ThenByDescending(g => g.EmployeesMissing).ThenBy(g => g.ModuleCode, StringComparer.Ordinal)
                .ToList();
            var wave = current.FirstOrDefault(w => w.DepartmentCodes.Contains(d.Code));
            var stage = wave is not null ? "current" : next?.DepartmentCodes.Contains(d.Code) == true ? "next" : null;
            wave ??= stage == "next" ? next : null;
            return (Need: new DepartmentTrainingNeed
            {
                PriorityReason = "", DepartmentCode = d.Code, Name = d.Name, WaveCode = wave?.Code, WaveStage = stage,
                Headcount = staff.Count, Active = suppressed ? null : active, Depth = suppressed ? null : depth, Suppressed = suppressed,
                Trained = suppressed ? null : trained, Untrained = suppressed ? null : staff.Count - trained, MissingModules = gaps,
            }, Rank: stage switch { "current" => 0, "next" => 1, _ => 2 }, Score: suppressed ? double.NegativeInfinity : (staff.Count - trained) * (1 - (depth ?? 0)), Depth: depth);
        })
        .OrderBy(n => n.Rank).ThenByDescending(n => n.Score).ThenBy(n => n.Need.DepartmentCode, StringComparer.Ordinal)
        .Select((n, i) => n.Need with { Priority = i + 1, PriorityReason = Reason(n.Need, n.Depth) })
        .Where(n => request.DepartmentCode is null || n.DepartmentCode == request.DepartmentCode)
        .Where(n => request.WaveCode is null || waves.Single(w => w.Code == request.WaveCode).DepartmentCodes.Contains(n.DepartmentCode))
        .ToList();
        return new DepartmentTrainingNeeds { AsOf = asOf, GeneralModule = catalogue.GeneralModule, Departments = needs };
    }

    // In English for the API's integrators; the dashboard words a department's need from its
    // figures (waveStage, waveCode, untrained, headcount, depth).
    private static string Reason(DepartmentTrainingNeed need, double? depth)
    {
        var wave = need.WaveStage switch
        {
            "current" => $"In the current wave {need.WaveCode}",
            "next" => $"In the next wave {need.WaveCode}",
            _ => "In no current or next wave",
        };
        if (need.Suppressed) return $"{wave}.";
        var usage = depth is { } d ? Invariant($", depth {d * 100:0.#}%") : "";
        return $"{wave}: {need.Untrained} of {need.Headcount} employees untrained{usage}.";
    }
}
