using RolloutHub.Api.Features.Budget;
using RolloutHub.Api.Features.Privacy;
using RolloutHub.Api.Features.Waves;
using RolloutHub.Api.Features.Waves.Readiness;

namespace RolloutHub.Tests.Rollout;

/// <summary>The seven readiness items judge loaded facts, with no database; each keeps its own number.</summary>
public sealed class ReadinessItemTests
{
    private static ReadinessFacts Facts(Wave? wave = null, params ReadinessEmployee[] employees) => new()
    {
        Wave = wave ?? new Wave
        {
            Code = "W1", Name = "Wave", Kind = "rollout", Status = WaveStatus.Planned, DepartmentCodes = ["SALES", "HR"],
            PlannedStart = new DateOnly(2026, 1, 5), PlannedEnd = new DateOnly(2026, 6, 30), TargetDepth = 0.6,
        },
        AsOf = new DateOnly(2026, 1, 1), Employees = employees,
        Usage = new UsageRate { AsOf = new DateOnly(2026, 1, 1), WindowDays = 28 },
        SmallGroups = SmallGroups.None,
        Reader = new ReadinessReader(false, new HashSet<string>(), true),
    };

    [Fact]
    public void Each_item_is_numbered_by_its_definition_and_the_checklist_lists_them_in_that_order()
    {
        Assert.Equal([(1, "budget"), (2, "champions"), (3, "use-cases"), (4, "training"), (5, "support-model"), (6, "sponsor"), (7, "targets")],
            ReadinessChecklist.Items.Select(i => (i.Number, i.Key)).ToList());
        Assert.Equal(6, new SponsorItem().Number);
        Assert.Equal(["budget", "training", "support-model", "sponsor"], ReadinessChecklist.NeedingConfirmation.Order(StringComparer.Ordinal)
            .OrderBy(k => ReadinessChecklist.Items.Single(i => i.Key == k).Number).ToList());
    }

    [Fact]
    public void Champions_name_the_departments_without_one()
    {
        var verdict = new ChampionsItem().Evaluate(Facts() with { Championed = new HashSet<string> { "SALES" } });
        Assert.False(verdict.Met);
        Assert.Equal(WaveMessageCode.ChampionsMissing, verdict.Code);
        Assert.Equal(new Dictionary<string, string> { ["missing"] = "1", ["departments"] = "2", ["codes"] = "HR" }, verdict.Facts);
        Assert.Equal("HR", Assert.Single(verdict.Gaps).Subject);
    }

    [Fact]
    public void Budget_seats_must_reach_every_employee_and_last_until_the_planned_end()
    {
        var employees = new[] { new ReadinessEmployee("S1", "SALES", "power"), new ReadinessEmployee("S2", "SALES", null) };
        var lasting = new ReadinessBudgetLine("LIC", "per-seat", 300, 2, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        var covered = new BudgetItem().Evaluate(Facts(null, employees) with { BudgetLines = [lasting] });
        Assert.Equal((true, WaveMessageCode.BudgetSeatsCover), (covered.Met, covered.Code));

        var ending = new BudgetItem().Evaluate(Facts(null, employees) with { BudgetLines = [lasting with { PeriodEnd = new DateOnly(2026, 3, 31) }] });
        Assert.Equal((false, WaveMessageCode.BudgetShort), (ending.Met, ending.Code));
        Assert.Equal(WaveMessageCode.GapBudgetLineEndsEarly, Assert.Single(ending.Gaps).Code);
    }

    [Fact]
    public void Training_hides_how_many_and_who_in_a_department_privacy_hides()
    {
        var employees = new[] { new ReadinessEmployee("H1", "HR", null), new ReadinessEmployee("S1", "SALES", "casual") };
        var facts = Facts(null, employees) with
        {
            UseCases = [new ReadinessUseCase("MAIL", "HR", "https://example.test/mail")],
            SmallGroups = SmallGroups.For(new Dictionary<string, long> { ["HR"] = 1, ["SALES"] = 20, ["IT"] = 30 }, 5),
            Reader = new ReadinessReader(false, new HashSet<string>(), false),
        };
        var gap = Assert.Single(new TrainingItem().Evaluate(facts).Gaps);
        Assert.Equal(("HR", WaveMessageCode.GapUntieredHidden, (int?)null), (gap.Subject, gap.Code, gap.Count));
        Assert.Empty(gap.EmployeeKeys);
    }
}
