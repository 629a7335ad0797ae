namespace RolloutHub.Api.Features.Kpis.Engine;

/// <summary>
/// The one least-squares fit (ordinary least squares of y on x): the sustainability slope
/// (docs/DEFINITIONS.md#sustainability, y = active employees on x = 0, 1, …) and the waves' depth
/// projection both use it.
/// </summary>
public static class LeastSquares
{
    public static (double Slope, double Intercept) Fit(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count == 0) return (0, 0);
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        var sxy = points.Sum(p => (p.X - meanX) * (p.Y - meanY));
        var slope = sxx == 0 ? 0 : sxy / sxx;
        return (slope, meanY - slope * meanX);
    }

    /// <summary>
    /// The fit of <paramref name="ys"/> on x = 0, 1, … without allocating (the KPI engine's hot loop),
    /// summed in the same order as the engine always has, so its slopes stay the same to the bit.
    /// </summary>
    public static (double Slope, double Intercept, double MeanY) FitIndexed(ReadOnlySpan<double> ys)
    {
        var count = ys.Length;
        if (count == 0) return (0, 0, 0);
        double meanX = (count - 1) / 2.0, sumY = 0;
        foreach (var y in ys) sumY += y;
        var meanY = sumY / count;
        double sxy = 0, sxx = 0;
        for (var i = 0; i < count; i++)
        {
            var dx = i - meanX;
            sxy += dx * (ys[i] - meanY);
            sxx += dx * dx;
        }
        var slope = sxx == 0 ? 0 : sxy / sxx;
        return (slope, meanY - slope * meanX, meanY);
    }
}
