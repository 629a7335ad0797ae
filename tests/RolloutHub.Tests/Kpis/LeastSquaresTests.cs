using RolloutHub.Api.Features.Kpis.Engine;

namespace RolloutHub.Tests.Kpis;

/// <summary>One least-squares fit: the waves' projection and the engine's indexed form agree.</summary>
public sealed class LeastSquaresTests
{
    [Fact]
    public void The_indexed_fit_is_the_fit_of_the_values_on_0_1_2_and_so_on()
    {
        double[] active = [10, 12, 14, 16];
        var (slope, intercept, mean) = LeastSquares.FitIndexed(active);
        Assert.Equal((2.0, 10.0, 13.0), (slope, intercept, mean));
        // Sustainability's worked example: slope 2 over mean 13.
        Assert.Equal(2.0 / 13, slope / mean, 12);
        Assert.Equal(LeastSquares.Fit(active.Select((y, x) => ((double)x, y)).ToList()), (slope, intercept));
    }

    [Fact]
    public void A_week_is_labelled_by_its_ISO_year_whoever_asks()
    {
        var week = RolloutHub.Api.Features.Waves.IsoWeek.Containing(new DateOnly(2027, 1, 3));
        Assert.Equal(("2026-W53", new DateOnly(2026, 12, 28), new DateOnly(2027, 1, 3)), (week.Label, week.Start, week.End));
        Assert.Equal(week.Label, Grain.Week.Label(week.Start));
    }
}
