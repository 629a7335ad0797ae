namespace RolloutHub.Api.Features.Privacy;

/// <summary>
/// The privacy rule for one period: which departments are suppressed, and whether a total over a
/// set of departments may be shown. Nothing about fewer than <c>minGroupSize</c> people may be
/// read, directly or by subtracting visible figures from a total. Everything that answers figures
/// about departments, waves or the organisation to a non-admin asks this class, period by period
/// (the headcounts come from <see cref="SmallGroupsByPeriod"/> for stored KPI periods and from
/// <see cref="SmallGroupsDuring"/> for spans read live); nothing else decides what is hidden.
/// A suppressed department shows its headcount only; breadth counts are not figures about people
/// and stay as computed.
/// </summary>
public sealed class SmallGroups
{
    private static readonly SmallGroups NothingHidden = new(new HashSet<string>(StringComparer.Ordinal), new Dictionary<string, long>(), 0);

    private readonly HashSet<string> _suppressed;
    private readonly IReadOnlyDictionary<string, long> _headcounts;
    private readonly int _minGroupSize;

    private SmallGroups(HashSet<string> suppressed, IReadOnlyDictionary<string, long> headcounts, int minGroupSize)
    {
        _suppressed = suppressed;
        _headcounts = headcounts;
        _minGroupSize = minGroupSize;
    }

    /// <summary>For readers who see every figure (admins).</summary>
    public static SmallGroups None => NothingHidden;

    /// <summary>
    /// The suppressed departments of one period, from every department's headcount in it:
    /// first those with 0 &lt; headcount &lt; minGroupSize; then, while the suppressed ones together
    /// hold 1 to minGroupSize − 1 people, the visible department with the smallest headcount above
    /// 0 (ties: the smaller code) joins them (complementary suppression), so that the organisation
    /// total minus the visible departments never isolates a small group.
    /// </summary>
    public static SmallGroups For(IReadOnlyDictionary<string, long> headcountByDepartment, int minGroupSize)
    {
        var suppressed = new HashSet<string>(StringComparer.Ordinal);
        long hidden = 0;
        foreach (var (code, headcount) in headcountByDepartment)
        {
            if (headcount > 0 && headcount < minGroupSize)
            {
                suppressed.Add(code);
                hidden += headcount;
            }
        }
        if (hidden > 0 && hidden < minGroupSize)
        {
            var candidates = headcountByDepartment
                .Where(d => d.Value > 0 && !suppressed.Contains(d.Key))
                .OrderBy(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal);
            foreach (var (code, headcount) in candidates)
            {
                if (hidden >= minGroupSize) break;
                suppressed.Add(code);
                hidden += headcount;
            }
        }
        return new SmallGroups(suppressed, headcountByDepartment, minGroupSize);
    }

    public bool IsSuppressed(string departmentCode) => _suppressed.Contains(departmentCode);

    /// <summary>
    /// A total over <paramref name="departmentCodes"/> (a wave, a selection) is hidden when its
    /// suppressed members hold between 1 and minGroupSize − 1 people together. It is hidden too when
    /// the suppressed departments outside it do, while the organisation's total is shown: the
    /// organisation's total minus this one minus the visible departments outside it would give theirs.
    /// </summary>
    public bool IsTotalSuppressed(IEnumerable<string> departmentCodes)
    {
        if (_suppressed.Count == 0) return false;
        var inside = HiddenHeadcount(departmentCodes.Distinct(StringComparer.Ordinal).Where(_suppressed.Contains));
        if (IsSmall(inside)) return true;
        var all = HiddenHeadcount(_suppressed);
        return !IsSmall(all) && IsSmall(all - inside);
    }

    /// <summary>A total over every department (the organisation): hidden when all the suppressed departments together hold 1 to minGroupSize − 1 people.</summary>
    public bool IsOrganisationSuppressed => IsSmall(HiddenHeadcount(_suppressed));

    private long HiddenHeadcount(IEnumerable<string> suppressedCodes) => suppressedCodes.Sum(c => _headcounts.GetValueOrDefault(c));

    private bool IsSmall(long people) => people > 0 && people < _minGroupSize;

    public IReadOnlyCollection<string> Suppressed => _suppressed;
}
