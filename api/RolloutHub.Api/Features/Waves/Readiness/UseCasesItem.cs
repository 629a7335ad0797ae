namespace RolloutHub.Api.Features.Waves.Readiness;

/// <summary>Item 3, use cases: a production use case applicable to every department of the wave.</summary>
public sealed class UseCasesItem : IReadinessItem
{
    public int Number => 3;
    public string Key => "use-cases";
    public bool NeedsPersonConfirmation => false;

    public ReadinessVerdict Evaluate(ReadinessFacts facts)
    {
        var departments = facts.Wave.DepartmentCodes;
        if (departments.Count == 0) return ReadinessVerdict.Of(false, WaveMessageCode.NoDepartments);
        var covered = facts.UseCases.Select(u => u.DepartmentCode).ToHashSet();
        var missing = departments.Where(d => !covered.Contains(d)).ToList();
        return missing.Count == 0
            ? ReadinessVerdict.Of(true, WaveMessageCode.UseCasesAll)
            : ReadinessVerdict.Of(false, WaveMessageCode.UseCasesMissing,
                missing.Select(d => ReadinessGap.Of(d, WaveMessageCode.GapNoUseCase)).ToList(), ("codes", missing));
    }
}
