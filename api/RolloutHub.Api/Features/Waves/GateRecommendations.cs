namespace RolloutHub.Api.Features.Waves;

/// <summary>
/// The gate recommendation, a pure decision from a wave's progress and readiness. Before the
/// planned start, the gate is the launch: readiness decides (all met: go; one or two unmet:
/// adjust; more: hold). During or after the wave, the trends decide: hold when the wave's depth is
/// flat or falling short of target, or flat or falling in half its departments; adjust when some
/// department is late or not on track, breadth will miss its target, the planned end passed short
/// of target, or champions, use cases or training are not in place; go otherwise. It reads the
/// progress as its reader sees it: a department or a wave total hidden for privacy is neither
/// named nor counted, so that the reasons reveal nothing hidden.
/// </summary>
public static class GateRecommendations
{
    /// <summary>Unmet readiness items that call for an adjustment even once the wave runs.</summary>
    private static readonly HashSet<string> RunningItems = ["champions", "use-cases", "training"];

    public static GateRecommendation Recommend(WaveProgress progress, WaveReadiness readiness)
    {
        var reasons = new List<GateReason>();
        var unmet = readiness.Items.Where(i => !i.Met).ToList();
        if (progress.AsOf < progress.PlannedStart)
        {
            if (unmet.Count == 0) reasons.Add(GateReason.Of(WaveMessageCode.ReasonReadinessAllMet));
            reasons.AddRange(unmet.Select(ReadinessReason));
            var pending = readiness.Items.Where(i => i.Met && i.NeedsConfirmation).Select(i => i.Key).ToList();
            if (pending.Count > 0) reasons.Add(GateReason.Of(WaveMessageCode.ReasonReadinessToConfirm, ("items", pending)));
            var decision = unmet.Count == 0 ? "go" : unmet.Count <= 2 ? "adjust" : "hold";
            return new GateRecommendation { Decision = decision, Gate = "start", Reasons = reasons };
        }

        var gate = progress.AsOf > progress.PlannedEnd ? "close" : "continue";
        var considered = progress.Departments.Where(d => d.Headcount > 0 && !d.Suppressed).ToList();
        var notOnTrack = considered.Where(d => d.Projection.Status == "not-on-track").ToList();
        var late = considered.Where(d => d.Projection.Status == "late").ToList();
        var hold = false;
        var adjust = false;

        var waveProjection = progress.Depth.Projection;
        if (waveProjection.Status == "not-on-track")
        {
            hold = true;
            reasons.Add(GateReason.Of(WaveMessageCode.ReasonWaveNotOnTrack, ("depthRatio", progress.Depth.Ratio), ("targetRatio", progress.TargetDepth)));
        }
        if (considered.Count > 0 && notOnTrack.Count * 2 >= considered.Count)
        {
            hold = true;
            reasons.Add(GateReason.Of(WaveMessageCode.ReasonDepartmentsNotOnTrack, ("notOnTrack", notOnTrack.Count), ("departments", considered.Count)));
        }
        foreach (var department in notOnTrack)
        {
            adjust = true;
            reasons.Add(GateReason.Of(WaveMessageCode.ReasonDepartmentNotOnTrack,
                ("department", department.Code), ("depthRatio", department.Depth), ("targetRatio", progress.TargetDepth)));
        }
        foreach (var department in late)
        {
            adjust = true;
            reasons.Add(GateReason.Of(WaveMessageCode.ReasonDepartmentLate,
                ("department", department.Code), ("depthRatio", department.Depth), ("projectedOn", department.Projection.ProjectedOn)));
        }
        if (progress.Breadth.Target is { } breadthTarget && progress.Breadth.ProjectedRatioAtPlannedEnd < breadthTarget)
        {
            adjust = true;
            reasons.Add(GateReason.Of(WaveMessageCode.ReasonBreadthShort,
                ("breadthRatio", progress.Breadth.ProjectedRatioAtPlannedEnd), ("targetRatio", breadthTarget)));
        }
        if (gate == "close" && waveProjection.Status is not ("reached" or "suppressed"))
        {
            adjust = true;
            reasons.Add(GateReason.Of(WaveMessageCode.ReasonEndedShort, ("plannedEndOn", progress.PlannedEnd), ("depthRatio", progress.Depth.Ratio)));
        }
        foreach (var item in unmet.Where(i => RunningItems.Contains(i.Key)))
        {
            adjust = true;
            reasons.Add(ReadinessReason(item));
        }
        if (!hold && !adjust)
            reasons.Add(waveProjection.Status == "reached"
                ? GateReason.Of(WaveMessageCode.ReasonWaveReached, ("targetRatio", progress.TargetDepth))
                : GateReason.Of(WaveMessageCode.ReasonOnTrack, ("targetRatio", progress.TargetDepth), ("plannedEndOn", progress.PlannedEnd)));
        return new GateRecommendation { Decision = hold ? "hold" : adjust ? "adjust" : "go", Gate = gate, Reasons = reasons };
    }

    /// <summary>An unmet item as a reason: its number, key and own code (<c>item</c>), beside its own facts.</summary>
    private static GateReason ReadinessReason(ReadinessItem item) => new()
    {
        Code = WaveMessageCode.ReasonReadinessUnmet,
        Facts = new Dictionary<string, string>(item.Facts)
        {
            ["number"] = WaveFacts.Text(item.Number), ["key"] = item.Key, ["item"] = WaveFacts.Text(item.Code),
        },
    };
}
