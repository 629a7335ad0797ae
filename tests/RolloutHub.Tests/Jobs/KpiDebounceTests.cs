using RolloutHub.Api.Jobs;

namespace RolloutHub.Tests.Jobs;

/// <summary>
/// The after-change KPI trigger, simulated second by second: writes stamp data_version, the
/// watcher polls every second, and the Quartz job runs one at a time, covering what was written
/// before it started (its snapshot is "based on" that version when it ends).
/// </summary>
public sealed class KpiDebounceTests
{
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Returns the seconds at which runs started.</summary>
    private static List<int> Simulate(Func<int, bool> writesAt, int seconds, double debounce = 5, double maxDelay = 120, int runSeconds = 3)
    {
        var clock = new ManualClock(Start);
        var watcher = new KpiDebounce(clock, TimeSpan.FromSeconds(debounce), TimeSpan.FromSeconds(maxDelay));
        string? changedAt = null, basedOn = null, covering = null;
        DateTimeOffset? trigger = null;
        var runningUntil = -1;
        var runs = new List<int>();
        for (var t = 0; t < seconds; t++)
        {
            clock.Now = Start.AddSeconds(t);
            if (t == runningUntil) basedOn = covering;
            if (writesAt(t)) changedAt = $"v{t}";
            if (trigger is { } at && at <= clock.Now && t >= runningUntil)
            {
                runs.Add(t);
                covering = changedAt;
                runningUntil = t + runSeconds;
                trigger = null;
            }
            var stale = changedAt is not null && changedAt != basedOn;
            var waiting = watcher.RunDue && trigger is not null;
            if (watcher.Observe(stale, changedAt, waiting) is { } next) trigger = next;
        }
        return runs;
    }

    [Fact]
    public void A_steady_stream_of_writes_gives_one_run_per_maximum_delay_not_one_per_write()
    {
        // A write every 2 s for 10 minutes, debounce 5 s, maximum delay 120 s.
        var runs = Simulate(t => t < 600 && t % 2 == 0, seconds: 900);
        Assert.InRange(runs.Count, 4, 6);
        Assert.All(runs.Zip(runs.Skip(1)), pair => Assert.True(pair.Second - pair.First >= 100, $"runs at {pair.First} and {pair.Second}"));
    }

    [Fact]
    public void Every_write_is_covered_by_a_run_that_starts_at_most_the_maximum_delay_after_it()
    {
        var writes = Enumerable.Range(0, 600).Where(t => t % 2 == 0).ToList();
        var runs = Simulate(writes.Contains, seconds: 900);
        foreach (var write in writes)
        {
            var first = runs.FirstOrDefault(r => r >= write, -1);
            Assert.True(first >= 0 && first - write <= 120 + 1, $"write at {write} first covered by the run at {first}");
        }
    }

    [Fact]
    public void A_burst_followed_by_quiet_gives_one_run_a_debounce_after_the_last_write()
    {
        var runs = Simulate(t => t is >= 10 and <= 30, seconds: 300);
        Assert.Equal([35], runs);
    }

    [Fact]
    public void Writes_further_apart_than_the_debounce_each_get_their_run()
    {
        var runs = Simulate(t => t is 10 or 100 or 200, seconds: 300);
        Assert.Equal([15, 105, 205], runs);
    }

    [Fact]
    public void No_change_no_run()
    {
        Assert.Empty(Simulate(_ => false, seconds: 600));
    }
}
