namespace RolloutHub.Api.Features.Waves.Readiness;

/// <summary>Item 5, support model: the technical, adoption, content and governance owners are named.</summary>
public sealed class SupportModelItem : IReadinessItem
{
    public int Number => 5;
    public string Key => "support-model";
    public bool NeedsPersonConfirmation => true;

    public ReadinessVerdict Evaluate(ReadinessFacts facts)
    {
        var wave = facts.Wave;
        var owners = new (string Field, string? Name)[]
        {
            ("technicalOwner", wave.TechnicalOwner), ("adoptionOwner", wave.AdoptionOwner),
            ("contentOwner", wave.ContentOwner), ("governanceOwner", wave.GovernanceOwner),
        };
        var missing = owners.Where(o => string.IsNullOrWhiteSpace(o.Name)).Select(o => o.Field).ToList();
        return missing.Count == 0
            ? ReadinessVerdict.Of(true, WaveMessageCode.SupportModelAll)
            : ReadinessVerdict.Of(false, WaveMessageCode.SupportModelMissing,
                missing.Select(f => ReadinessGap.Of(f, WaveMessageCode.GapNotNamed)).ToList(), ("fields", missing));
    }
}
