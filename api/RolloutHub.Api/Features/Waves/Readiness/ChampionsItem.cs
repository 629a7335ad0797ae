namespace RolloutHub.Api.Features.Waves.Readiness;

/// <summary>Item 2, champions: an equipped or active champion in every department of the wave.</summary>
public sealed class ChampionsItem : IReadinessItem
{
    public int Number => 2;
    public string Key => "champions";
    public bool NeedsPersonConfirmation => false;

    public ReadinessVerdict Evaluate(ReadinessFacts facts)
    {
        var departments = facts.Wave.DepartmentCodes;
        if (departments.Count == 0) return ReadinessVerdict.Of(false, WaveMessageCode.NoDepartments);
        var missing = departments.Where(d => !facts.Championed.Contains(d)).ToList();
        return missing.Count == 0
            ? ReadinessVerdict.Of(true, WaveMessageCode.ChampionsAll)
            : ReadinessVerdict.Of(false, WaveMessageCode.ChampionsMissing,
                missing.Select(d => ReadinessGap.Of(d, WaveMessageCode.GapNoChampion)).ToList(),
                ("missing", missing.Count), ("departments", departments.Count), ("codes", missing));
    }
}
