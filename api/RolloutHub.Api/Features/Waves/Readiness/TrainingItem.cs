namespace RolloutHub.Api.Features.Waves.Readiness;

/// <summary>
/// Item 4, training: material (a training link) for every production use case of the wave, and a
/// training tier for every employee employed on the day.
/// </summary>
public sealed class TrainingItem : IReadinessItem
{
    public int Number => 4;
    public string Key => "training";
    public bool NeedsPersonConfirmation => true;

    public ReadinessVerdict Evaluate(ReadinessFacts facts)
    {
        var gaps = new List<ReadinessGap>();
        var withoutMaterial = facts.UseCases.Where(u => string.IsNullOrWhiteSpace(u.TrainingUrl)).Select(u => u.Code).Distinct().ToList();
        gaps.AddRange(withoutMaterial.Select(code => ReadinessGap.Of(code, WaveMessageCode.GapNoTrainingMaterial)));
        foreach (var department in facts.Employees.Where(e => e.TrainingTier is null).GroupBy(e => e.DepartmentCode).OrderBy(g => g.Key))
        {
            // A hidden department's gap is named without its count: how many of its few employees lack a tier is theirs.
            var hidden = facts.SmallGroups.IsSuppressed(department.Key);
            var keys = facts.Reader.SeesEmployeesOf(department.Key, hidden)
                ? department.Select(e => e.EmployeeKey).Take(ReadinessChecklist.MaxEmployeeKeys).ToList()
                : [];
            gaps.Add(hidden
                ? ReadinessGap.Of(department.Key, WaveMessageCode.GapUntieredHidden) with { EmployeeKeys = keys }
                : ReadinessGap.Of(department.Key, WaveMessageCode.GapUntiered, ("count", department.Count())) with
                { Count = department.Count(), EmployeeKeys = keys });
        }
        if (facts.UseCases.Count == 0)
            return ReadinessVerdict.Of(false, WaveMessageCode.TrainingNoUseCases, gaps);
        var untiered = facts.Employees.Count(e => e.TrainingTier is null);
        if (untiered > 0 && facts.SmallGroups.IsTotalSuppressed(facts.Wave.DepartmentCodes))
            return ReadinessVerdict.Of(false, WaveMessageCode.TrainingShortHidden, gaps, ("withoutMaterial", withoutMaterial.Count));
        return gaps.Count == 0
            ? ReadinessVerdict.Of(true, WaveMessageCode.TrainingAll)
            : ReadinessVerdict.Of(false, WaveMessageCode.TrainingShort, gaps,
                ("withoutMaterial", withoutMaterial.Count), ("untiered", untiered), ("employees", facts.Employees.Count));
    }
}
