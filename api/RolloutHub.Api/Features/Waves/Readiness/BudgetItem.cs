namespace RolloutHub.Api.Features.Waves.Readiness;

/// <summary>
/// Item 1, budget. Seats must reach every employee of the wave; a usage-priced line must afford
/// today's usage per active employee for the share of them the wave targets; and the line must
/// last until the wave's planned end.
/// </summary>
public sealed class BudgetItem : IReadinessItem
{
    public int Number => 1;
    public string Key => "budget";
    public bool NeedsPersonConfirmation => true;

    public ReadinessVerdict Evaluate(ReadinessFacts facts)
    {
        var wave = facts.Wave;
        var lines = facts.BudgetLines;
        var headcount = facts.Employees.Count;
        var gaps = new List<ReadinessGap>();
        var lasting = lines.Where(l => l.PeriodEnd >= wave.PlannedEnd).ToList();
        foreach (var line in lines.Except(lasting))
            gaps.Add(ReadinessGap.Of(line.Code, WaveMessageCode.GapBudgetLineEndsEarly,
                ("line", line.Code), ("endsOn", line.PeriodEnd), ("plannedEndOn", wave.PlannedEnd)));
        if (lines.Count == 0)
            return ReadinessVerdict.Of(false, WaveMessageCode.BudgetNoLines, [ReadinessGap.Of(wave.Code, WaveMessageCode.GapBudgetAddLine)]);

        var seats = lasting.Where(l => l.PricingModel == "per-seat").Sum(l => l.PlannedUnits);
        if (seats > 0 && seats >= headcount)
            return ReadinessVerdict.Of(true, WaveMessageCode.BudgetSeatsCover, [], ("seats", WaveFacts.Whole(seats)), ("headcount", headcount));

        var usageLines = lasting.Where(l => l.PricingModel == "usage").ToList();
        if (usageLines.Count > 0)
        {
            var plannedPerYear = usageLines.Sum(l => (double)l.PlannedUnits * 365.0 / (l.PeriodEnd.DayNumber - l.PeriodStart.DayNumber + 1));
            if (facts.Usage.UsesPerActiveEmployeePerYear is not { } perActive)
                return ReadinessVerdict.Of(true, WaveMessageCode.BudgetUsageUnsized, gaps,
                    ("usesPerYear", WaveFacts.Whole(plannedPerYear)), ("windowDays", facts.Usage.WindowDays));
            var targetActive = headcount * (wave.TargetDepth ?? 1.0);
            var needed = targetActive * perActive;
            (string, object?)[] sizing =
            [
                ("usesPerYear", WaveFacts.Whole(plannedPerYear)), ("targetActive", WaveFacts.Whole(targetActive)),
                ("usesPerActive", WaveFacts.Whole(perActive)), ("usesNeeded", WaveFacts.Whole(needed)),
            ];
            if (plannedPerYear >= needed) return ReadinessVerdict.Of(true, WaveMessageCode.BudgetUsageCovers, gaps, sizing);
            gaps.Add(ReadinessGap.Of(string.Join(", ", usageLines.Select(l => l.Code)), WaveMessageCode.GapBudgetUsageShort, sizing));
        }
        if (seats > 0)
            gaps.Add(ReadinessGap.Of(string.Join(", ", lasting.Where(l => l.PricingModel == "per-seat").Select(l => l.Code)),
                WaveMessageCode.GapBudgetSeatsShort, ("seats", WaveFacts.Whole(seats)), ("headcount", headcount)) with
            { Count = headcount - (int)seats });
        return ReadinessVerdict.Of(false, WaveMessageCode.BudgetShort, gaps);
    }
}
