using RolloutHub.Api.Features.Waves;

namespace RolloutHub.Tests.Rollout;

/// <summary>The gate recommendation is a pure decision from a wave's progress and readiness: no database.</summary>
public sealed class GateRecommendationTests
{
    private static readonly DateOnly Start = new(2026, 1, 5);
    private static readonly DateOnly End = new(2026, 6, 28);

    private static DepthProjection Projection(string status, DateOnly? on = null) => new() { Status = status, ProjectedOn = on };

    private static DepartmentProgress Department(string code, string status, double depth, bool suppressed = false, DateOnly? on = null) => new()
    {
        Code = code, Name = code, Headcount = 20, Depth = suppressed ? null : depth, Suppressed = suppressed,
        Projection = suppressed ? DepthProjection.Suppressed : Projection(status, on),
    };

    private static WaveProgress Progress(DateOnly asOf, string waveStatus, params DepartmentProgress[] departments) => new()
    {
        WaveCode = "W1", Name = "Wave", Status = WaveStatus.Active, PlannedStart = Start, PlannedEnd = End, AsOf = asOf, TargetDepth = 0.6,
        Depth = new WaveDepth { Headcount = 20 * departments.Length, Ratio = 0.3, Projection = Projection(waveStatus) },
        Breadth = new WaveBreadth { Departments = departments.Length, ProjectedRatioAtPlannedEnd = 1.0 },
        Departments = departments,
        Recommendation = new GateRecommendation { Decision = "hold", Gate = "start" },
    };

    private static WaveReadiness Readiness(params (int Number, string Key, bool Met, bool Pending)[] items) => new()
    {
        WaveCode = "W1", Name = "Wave", Status = WaveStatus.Planned,
        Items = items.Select(i => new ReadinessItem
        {
            Number = i.Number, Key = i.Key, Met = i.Met, NeedsConfirmation = i.Pending,
            Code = i.Met ? WaveMessageCode.ChampionsAll : WaveMessageCode.ChampionsMissing,
        }).ToList(),
    };

    private static readonly WaveReadiness AllMet = Readiness((1, "budget", true, false), (2, "champions", true, false), (3, "use-cases", true, false));

    [Fact]
    public void Before_the_start_three_unmet_items_hold_two_adjust_and_none_go_with_pending_confirmations_named()
    {
        var before = Progress(Start.AddDays(-1), "on-track", Department("A", "on-track", 0.3));
        var hold = GateRecommendations.Recommend(before, Readiness((1, "budget", false, false), (2, "champions", false, false), (7, "targets", false, false)));
        Assert.Equal(("hold", "start"), (hold.Decision, hold.Gate));
        Assert.Equal(["1", "2", "7"], hold.Reasons.Select(r => r.Facts["number"]).ToList());

        var adjust = GateRecommendations.Recommend(before, Readiness((1, "budget", false, false), (2, "champions", true, true)));
        Assert.Equal("adjust", adjust.Decision);
        Assert.Equal([WaveMessageCode.ReasonReadinessUnmet, WaveMessageCode.ReasonReadinessToConfirm], adjust.Reasons.Select(r => r.Code).ToList());
        Assert.Equal("champions", adjust.Reasons[1].Facts["items"]);

        var go = GateRecommendations.Recommend(before, AllMet);
        Assert.Equal("go", go.Decision);
        Assert.Equal(WaveMessageCode.ReasonReadinessAllMet, Assert.Single(go.Reasons).Code);
    }

    [Fact]
    public void During_the_wave_a_late_department_adjusts_and_flat_depth_in_half_the_departments_holds()
    {
        var late = GateRecommendations.Recommend(
            Progress(Start.AddDays(30), "on-track", Department("A", "on-track", 0.3), Department("B", "late", 0.25, on: End.AddDays(14))), AllMet);
        Assert.Equal(("adjust", "continue"), (late.Decision, late.Gate));
        var reason = Assert.Single(late.Reasons);
        Assert.Equal(WaveMessageCode.ReasonDepartmentLate, reason.Code);
        Assert.Equal(new Dictionary<string, string> { ["department"] = "B", ["depthRatio"] = "0.25", ["projectedOn"] = "2026-07-12" }, reason.Facts);

        var flat = GateRecommendations.Recommend(
            Progress(Start.AddDays(30), "on-track", Department("A", "on-track", 0.3), Department("B", "not-on-track", 0.2)), AllMet);
        Assert.Equal("hold", flat.Decision);
        Assert.Contains(flat.Reasons, r => r.Code == WaveMessageCode.ReasonDepartmentsNotOnTrack && r.Facts["notOnTrack"] == "1");
    }

    [Fact]
    public void A_department_hidden_for_privacy_is_neither_named_nor_counted()
    {
        var progress = Progress(Start.AddDays(30), "on-track", Department("A", "on-track", 0.3), Department("TINY", "not-on-track", 0.1, suppressed: true));
        var recommendation = GateRecommendations.Recommend(progress, AllMet);
        Assert.Equal("go", recommendation.Decision);
        Assert.DoesNotContain(recommendation.Reasons, r => r.Facts.Values.Contains("TINY"));
        Assert.Equal(WaveMessageCode.ReasonOnTrack, Assert.Single(recommendation.Reasons).Code);
    }

    [Fact]
    public void After_the_planned_end_a_wave_short_of_target_adjusts_at_the_close_gate()
    {
        var recommendation = GateRecommendations.Recommend(Progress(End.AddDays(1), "late", Department("A", "on-track", 0.5)), AllMet);
        Assert.Equal(("adjust", "close"), (recommendation.Decision, recommendation.Gate));
        Assert.Contains(recommendation.Reasons, r => r.Code == WaveMessageCode.ReasonEndedShort && r.Facts["plannedEndOn"] == "2026-06-28");
    }
}
