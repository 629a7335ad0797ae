using RolloutHub.Api.Features.Budget;
using RolloutHub.Api.Features.Privacy;

namespace RolloutHub.Api.Features.Waves.Readiness;

/// <summary>
/// One item of the readiness checklist: a fixed number and key (its identity in the checklist's
/// definition, whatever order the items are listed in), whether only a person can vouch for it,
/// and a pure verdict from the facts loaded once for all seven.
/// </summary>
public interface IReadinessItem
{
    int Number { get; }
    string Key { get; }
    /// <summary>The data show a line, a name or a link, not an agreement: a person confirms it.</summary>
    bool NeedsPersonConfirmation { get; }
    ReadinessVerdict Evaluate(ReadinessFacts facts);
}

/// <summary>What the data say about one item: met or not, why (a code and its facts), and what is missing.</summary>
public sealed record ReadinessVerdict(bool Met, WaveMessageCode Code, IReadOnlyDictionary<string, string> Facts, IReadOnlyList<ReadinessGap> Gaps)
{
    public static ReadinessVerdict Of(bool met, WaveMessageCode code, IReadOnlyList<ReadinessGap>? gaps = null, params (string, object?)[] facts) =>
        new(met, code, WaveFacts.Of(facts), gaps ?? []);
}

/// <summary>The facts the seven items are judged on, for one wave on one day.</summary>
public sealed record ReadinessFacts
{
    public required Wave Wave { get; init; }
    public DateOnly AsOf { get; init; }
    /// <summary>Employees employed on the day, in the wave's departments.</summary>
    public IReadOnlyList<ReadinessEmployee> Employees { get; init; } = [];
    /// <summary>Departments of the wave with an equipped or active champion.</summary>
    public IReadOnlySet<string> Championed { get; init; } = new HashSet<string>();
    /// <summary>Production use cases, one row per department of the wave they apply to.</summary>
    public IReadOnlyList<ReadinessUseCase> UseCases { get; init; } = [];
    /// <summary>Per-seat and usage budget lines attached to the wave or its departments.</summary>
    public IReadOnlyList<ReadinessBudgetLine> BudgetLines { get; init; } = [];
    public required UsageRate Usage { get; init; }
    /// <summary>Departments the privacy rule hides from this reader on the day.</summary>
    public required SmallGroups SmallGroups { get; init; }
    public required ReadinessReader Reader { get; init; }
}

public sealed record ReadinessEmployee(string EmployeeKey, string DepartmentCode, string? TrainingTier);

public sealed record ReadinessUseCase(string Code, string DepartmentCode, string? TrainingUrl);

public sealed record ReadinessBudgetLine(string Code, string PricingModel, decimal UnitPrice, decimal PlannedUnits, DateOnly PeriodStart, DateOnly PeriodEnd);

/// <summary>
/// Who reads the checklist, as far as it matters: a champion sees the employee keys of their own
/// departments only; a reader who may not read employee records sees none of a hidden department.
/// </summary>
public sealed record ReadinessReader(bool IsChampion, IReadOnlySet<string> OwnDepartments, bool ReadsEmployees)
{
    public bool SeesEmployeesOf(string departmentCode, bool hidden) =>
        !(IsChampion && !OwnDepartments.Contains(departmentCode)) && !(hidden && !ReadsEmployees);
}

/// <summary>The seven items, in the order of their numbers.</summary>
public static class ReadinessChecklist
{
    public static readonly IReadOnlyList<IReadinessItem> Items = new IReadinessItem[]
    {
        new BudgetItem(), new ChampionsItem(), new UseCasesItem(), new TrainingItem(), new SupportModelItem(), new SponsorItem(), new TargetsItem(),
    }.OrderBy(i => i.Number).ToList();

    public static readonly IReadOnlySet<string> NeedingConfirmation = Items.Where(i => i.NeedsPersonConfirmation).Select(i => i.Key).ToHashSet();

    /// <summary>Up to this many employee keys per gap.</summary>
    public const int MaxEmployeeKeys = 50;
}
