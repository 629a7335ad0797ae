namespace RolloutHub.Api.Features.Waves.Readiness;

/// <summary>Item 7, success metrics: a target depth for the planned end, the one every wave needs (breadth is optional).</summary>
public sealed class TargetsItem : IReadinessItem
{
    public int Number => 7;
    public string Key => "targets";
    public bool NeedsPersonConfirmation => false;

    public ReadinessVerdict Evaluate(ReadinessFacts facts)
    {
        var wave = facts.Wave;
        if (wave.TargetDepth is null)
            return ReadinessVerdict.Of(false, WaveMessageCode.TargetsMissing, [ReadinessGap.Of("targetDepth", WaveMessageCode.GapTargetNotSet)]);
        return wave.TargetBreadth is null
            ? ReadinessVerdict.Of(true, WaveMessageCode.TargetsDepth, [], ("depthRatio", wave.TargetDepth), ("plannedEndOn", wave.PlannedEnd))
            : ReadinessVerdict.Of(true, WaveMessageCode.TargetsDepthBreadth, [],
                ("depthRatio", wave.TargetDepth), ("breadthRatio", wave.TargetBreadth), ("plannedEndOn", wave.PlannedEnd));
    }
}
