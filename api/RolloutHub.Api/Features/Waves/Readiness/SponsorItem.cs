namespace RolloutHub.Api.Features.Waves.Readiness;

/// <summary>Item 6, sponsor: an executive sponsor is named.</summary>
public sealed class SponsorItem : IReadinessItem
{
    public int Number => 6;
    public string Key => "sponsor";
    public bool NeedsPersonConfirmation => true;

    public ReadinessVerdict Evaluate(ReadinessFacts facts) => string.IsNullOrWhiteSpace(facts.Wave.ExecutiveSponsor)
        ? ReadinessVerdict.Of(false, WaveMessageCode.SponsorMissing, [ReadinessGap.Of("executiveSponsor", WaveMessageCode.GapNotNamed)])
        : ReadinessVerdict.Of(true, WaveMessageCode.SponsorNamed, [], ("sponsor", facts.Wave.ExecutiveSponsor));
}
