using RolloutHub.Api.Features.Waves;
using static System.FormattableString;

namespace RolloutHub.Api.Features.Alerts.Rules;

/// <summary>
/// Active waves (or in review) projected to miss their target depth, or ended short of it: critical
/// once ended. Depth and its projection only, no readiness checklist or gate recommendation, seen
/// as executives see it: a wave whose total is hidden this week raises nothing.
/// </summary>
public sealed class WaveBehindTargetRule(WaveProgressQuery waveProgress) : IAlertRule
{
    public string Rule => AlertRules.WaveBehindTarget;

    public async Task<RuleOutcome> EvaluateAsync(AlertContext context, CancellationToken cancellationToken)
    {
        var asOf = context.AsOf;
        var conditions = new List<AlertCondition>();
        foreach (var wave in context.Waves.Where(w => w.Status.IsUnderWay() && w.TargetDepth is not null && w.PlannedStart <= asOf))
        {
            var progress = WaveProgressProjection.Build(
                await waveProgress.LoadAsync(wave.Code, asOf, GetWaveProgressHandler.DefaultWeeks, hideSmallGroups: true, cancellationToken));
            var projection = progress.Depth.Projection;
            if (projection.Status == "suppressed") continue;
            var ended = asOf > wave.PlannedEnd;
            var behind = projection.Status is "late" or "not-on-track" || (ended && projection.Status is not "reached");
            if (!behind) continue;
            var facts = new Dictionary<string, string>
            {
                ["code"] = wave.Code, ["wave"] = wave.Name, ["state"] = ended ? "ended" : "projected",
                ["detail"] = AlertDetails.WaveBehindTarget, ["target"] = AlertFacts.Number(wave.TargetDepth!.Value),
                ["plannedEnd"] = AlertFacts.Date(wave.PlannedEnd), ["projection"] = projection.Status,
            };
            if (progress.Depth.Ratio is { } depth) facts["depth"] = AlertFacts.Number(depth);
            conditions.Add(new AlertCondition(Rule, wave.Code, ended ? AlertSeverity.Critical : AlertSeverity.Warning, wave.ExecutiveSponsor,
                ended ? $"Wave {wave.Code} ended short of its target depth" : $"Wave {wave.Code} is projected to miss its target depth",
                Invariant($"Depth {Percent(progress.Depth.Ratio)} against a target of {Percent(wave.TargetDepth)} by {wave.PlannedEnd:yyyy-MM-dd}; projection: {projection.Status}{(projection.ProjectedOn is { } on ? $", target around {on:yyyy-MM-dd}" : "")}."),
                facts));
        }
        return new RuleOutcome(Rule, true, conditions);
    }

    // The English detail kept for the webhook's receivers; the dashboard words it from the facts.
    private static string Percent(double? ratio) => ratio is { } r ? Invariant($"{r * 100:0.#}%") : "n/a";
}
