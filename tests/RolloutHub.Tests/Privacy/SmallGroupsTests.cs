using RolloutHub.Api.Features.Privacy;

namespace RolloutHub.Tests.Privacy;

/// <summary>The privacy rule on its own: which departments a period hides, and which totals.</summary>
public sealed class SmallGroupsTests
{
    private static SmallGroups For(int minGroupSize, params (string Code, long Headcount)[] departments) =>
        SmallGroups.For(departments.ToDictionary(d => d.Code, d => d.Headcount, StringComparer.Ordinal), minGroupSize);

    [Fact]
    public void Nothing_is_hidden_when_every_department_with_employees_has_at_least_minGroupSize()
    {
        var groups = For(5, ("A", 5), ("B", 12), ("EMPTY", 0));
        Assert.Empty(groups.Suppressed);
        Assert.False(groups.IsOrganisationSuppressed);
        Assert.False(groups.IsTotalSuppressed(["A"]));
    }

    [Fact]
    public void A_department_without_employees_is_not_hidden_it_has_no_one_to_reveal()
    {
        var groups = For(5, ("EMPTY", 0), ("A", 6), ("B", 7));
        Assert.False(groups.IsSuppressed("EMPTY"));
    }

    [Fact]
    public void A_small_department_takes_the_smallest_visible_department_with_it()
    {
        var groups = For(5, ("JUR", 4), ("BIG", 40), ("MID", 9), ("SMALLEST", 6), ("EMPTY", 0));
        Assert.Equal(["JUR", "SMALLEST"], groups.Suppressed.Order(StringComparer.Ordinal));
        // The organisation's total minus the visible departments is 10 people: shown.
        Assert.False(groups.IsOrganisationSuppressed);
    }

    [Fact]
    public void Ties_in_complementary_suppression_go_to_the_smaller_code()
    {
        var groups = For(5, ("JUR", 4), ("ZED", 6), ("ABC", 6), ("BIG", 40));
        Assert.True(groups.IsSuppressed("ABC"));
        Assert.False(groups.IsSuppressed("ZED"));
    }

    [Fact]
    public void Complementary_suppression_repeats_until_the_hidden_departments_hold_minGroupSize()
    {
        // 1 hidden person: one department of 1 more is not enough, so the next joins too.
        var groups = For(5, ("ONE", 1), ("TWO", 1), ("C", 2), ("D", 3), ("BIG", 50));
        Assert.Equal(["C", "D", "ONE", "TWO"], groups.Suppressed.Order(StringComparer.Ordinal));
        Assert.False(groups.IsSuppressed("BIG"));
        Assert.False(groups.IsOrganisationSuppressed);
    }

    [Fact]
    public void Two_small_departments_that_together_reach_minGroupSize_need_no_complement()
    {
        var groups = For(5, ("S1", 2), ("S2", 3), ("BIG", 50), ("MID", 6));
        Assert.Equal(["S1", "S2"], groups.Suppressed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_organisation_total_is_hidden_when_there_are_not_enough_people_to_hide_a_small_group_among()
    {
        var groups = For(5, ("A", 2), ("B", 1));
        Assert.True(groups.IsSuppressed("A") && groups.IsSuppressed("B"));
        Assert.True(groups.IsOrganisationSuppressed);
    }

    [Fact]
    public void A_total_is_hidden_when_its_hidden_members_hold_fewer_than_minGroupSize()
    {
        var groups = For(5, ("JUR", 4), ("SMALLEST", 6), ("BIG", 40), ("MID", 9));
        Assert.True(groups.IsTotalSuppressed(["JUR", "BIG"]));          // 4 hidden people
        Assert.False(groups.IsTotalSuppressed(["JUR", "SMALLEST", "BIG"])); // 10
        Assert.False(groups.IsTotalSuppressed(["BIG", "MID"]));         // none inside, 10 outside
    }

    [Fact]
    public void A_total_is_hidden_when_the_hidden_departments_outside_it_hold_fewer_than_minGroupSize()
    {
        // Organisation − this total − the visible departments outside it = JUR alone.
        var groups = For(5, ("JUR", 4), ("SMALLEST", 6), ("BIG", 40), ("MID", 9));
        Assert.True(groups.IsTotalSuppressed(["SMALLEST", "BIG"]));
    }

    [Fact]
    public void A_department_listed_twice_in_a_set_counts_once()
    {
        var groups = For(5, ("S1", 3), ("S2", 3), ("BIG", 50));
        Assert.True(groups.IsTotalSuppressed(["S1", "S1"]));
        Assert.False(groups.IsTotalSuppressed(["S1", "S2", "S2"]));
    }

    [Fact]
    public void Admins_see_everything()
    {
        Assert.Empty(SmallGroups.None.Suppressed);
        Assert.False(SmallGroups.None.IsSuppressed("ANY"));
        Assert.False(SmallGroups.None.IsTotalSuppressed(["ANY"]));
        Assert.False(SmallGroups.None.IsOrganisationSuppressed);
    }

    [Fact]
    public void With_minGroupSize_one_nothing_is_ever_hidden()
    {
        var groups = For(1, ("A", 1), ("B", 2));
        Assert.Empty(groups.Suppressed);
    }

    /// <summary>
    /// Every set of departments (every wave one could draw), for many small organisations: the
    /// visible totals minus the visible departments never leave a group of 1 to minGroupSize − 1.
    /// </summary>
    [Fact]
    public void No_visible_total_minus_visible_departments_isolates_a_small_group()
    {
        var random = new Random(14);
        for (var round = 0; round < 300; round++)
        {
            var departments = Enumerable.Range(0, random.Next(1, 7))
                .Select(i => ($"D{i}", (long)random.Next(0, 12))).ToArray();
            var groups = For(5, departments);
            var headcount = departments.ToDictionary(d => d.Item1, d => d.Item2);
            long HiddenIn(IEnumerable<string> codes) => codes.Where(groups.IsSuppressed).Sum(c => headcount[c]);
            var all = departments.Select(d => d.Item1).ToList();
            var organisationShown = !groups.IsOrganisationSuppressed;
            if (organisationShown) Assert.False(HiddenIn(all) is > 0 and < 5);
            for (var mask = 1; mask < 1 << all.Count; mask++)
            {
                var set = all.Where((_, i) => (mask & (1 << i)) != 0).ToList();
                if (groups.IsTotalSuppressed(set)) continue;
                Assert.False(HiddenIn(set) is > 0 and < 5, $"round {round}: inside {string.Join(',', set)}");
                if (organisationShown)
                    Assert.False(HiddenIn(all.Except(set)) is > 0 and < 5, $"round {round}: outside {string.Join(',', set)}");
            }
        }
    }
}
