using RolloutHub.Api.Features.Waves;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Rollout;

/// <summary>Progress of a wave against its targets: weekly depth, projected dates, gate recommendation.</summary>
public sealed class WaveProgressTests : IAsyncDisposable
{
    private readonly TestApp _app = RolloutWorld.App();
    private static readonly DateOnly FirstMonday = new(2026, 1, 5); // 2026-W02
    private const string AsOf = "2026-03-01";                       // a Sunday: 2026-W09 is the last complete week

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static IReadOnlyList<IsoWeek> Weeks(int count) => IsoWeek.LastComplete(FirstMonday.AddDays(7 * count - 1), count);

    [Fact]
    public void The_series_is_the_complete_weeks_up_to_the_day_leaving_out_the_week_in_progress()
    {
        Assert.Equal("2026-W09", IsoWeek.LastComplete(new DateOnly(2026, 3, 1), 8)[^1].Label);
        Assert.Equal("2026-W08", IsoWeek.LastComplete(new DateOnly(2026, 2, 28), 8)[^1].Label);
        Assert.Equal(new DateOnly(2026, 1, 5), IsoWeek.LastComplete(new DateOnly(2026, 3, 1), 8)[0].Start);
    }

    [Fact]
    public void A_steady_rise_is_projected_to_the_Sunday_of_the_week_its_line_reaches_the_target()
    {
        // 10 %, 12 % … 24 %: two points a week from week 0, so 40 % is reached in week 15.
        var depths = Enumerable.Range(0, 8).Select(i => (double?)(0.10 + 0.02 * i)).ToList();
        var onTime = WaveProgressProjection.Project(depths, Weeks(8), 0.40, new DateOnly(2026, 6, 30), 4);
        Assert.Equal("on-track", onTime.Status);
        Assert.Equal(new DateOnly(2026, 4, 26), onTime.ProjectedOn);
        Assert.Equal(0.02, onTime.SlopePerWeek!.Value, 10);
        Assert.Equal(WaveMessageCode.ProjectionOnTrack, onTime.Code);
        Assert.Equal(new Dictionary<string, string>
        {
            ["slopePoints"] = "2", ["targetRatio"] = "0.4", ["projectedOn"] = "2026-04-26", ["plannedEndOn"] = "2026-06-30",
        }, onTime.Facts);

        var late = WaveProgressProjection.Project(depths, Weeks(8), 0.40, new DateOnly(2026, 4, 25), 4);
        Assert.Equal("late", late.Status);
        Assert.Equal(new DateOnly(2026, 4, 26), late.ProjectedOn);
    }

    [Fact]
    public void A_flat_or_falling_series_is_not_on_track_and_a_reached_target_is_reached()
    {
        var falling = WaveProgressProjection.Project([0.30, 0.28, 0.27, 0.25, 0.22, 0.20, 0.20, 0.18], Weeks(8), 0.4, new DateOnly(2026, 6, 30), 4);
        Assert.Equal("not-on-track", falling.Status);
        Assert.True(falling.SlopePerWeek < 0);
        Assert.Null(falling.ProjectedOn);
        Assert.Equal(WaveMessageCode.ProjectionFalling, falling.Code);

        var flat = WaveProgressProjection.Project([0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2], Weeks(8), 0.4, new DateOnly(2026, 6, 30), 4);
        Assert.Equal("not-on-track", flat.Status);
        Assert.Equal((WaveMessageCode.ProjectionFlat, "0"), (flat.Code, flat.Facts!["slopePoints"]));

        var reached = WaveProgressProjection.Project([0.1, 0.2, 0.3, 0.41], Weeks(4), 0.4, new DateOnly(2026, 6, 30), 4);
        Assert.Equal("reached", reached.Status);
    }

    [Fact]
    public void Weeks_without_employees_are_left_out_of_the_fit_and_too_few_weeks_give_no_trend()
    {
        // Points at weeks 2–5 rising 10 points a week: the line reaches 50 % at week 6, the first week after the series.
        var projection = WaveProgressProjection.Project([null, null, 0.1, 0.2, 0.3, 0.4], Weeks(6), 0.5, new DateOnly(2026, 6, 30), 4);
        Assert.Equal("on-track", projection.Status);
        Assert.Equal(FirstMonday.AddDays(7 * 6 + 6), projection.ProjectedOn);

        var few = WaveProgressProjection.Project([null, null, null, null, null, 0.1, 0.2, 0.3], Weeks(8), 0.5, new DateOnly(2026, 6, 30), 4);
        Assert.Equal("insufficient-data", few.Status);
        Assert.Equal(new Dictionary<string, string> { ["weeksWithEmployees"] = "3", ["weeks"] = "8", ["minPeriods"] = "4" }, few.Facts);
    }

    /// <summary>GROW: 1, 2 … 8 of 20 active; FLAT: 4 of 20 every week; DONE: 13 of 20; TINY: 3 employees, all active at the end.</summary>
    private async Task LoadWaveAsync(string plannedStart = "2026-01-05")
    {
        await _app.DepartmentsAsync("GROW", "FLAT", "DONE", "TINY");
        var grow = await _app.EmployeesAsync("GROW", 20, "G");
        var flat = await _app.EmployeesAsync("FLAT", 20, "F");
        var done = await _app.EmployeesAsync("DONE", 20, "D");
        var tiny = await _app.EmployeesAsync("TINY", 3, "T");
        await _app.UseCaseAsync("MAIL");
        int[] tinyActive = [1, 1, 1, 1, 2, 2, 3, 3];
        var events = new List<(string, string, DateOnly, int)>();
        for (var week = 0; week < 8; week++)
        {
            var tuesday = FirstMonday.AddDays(7 * week + 1);
            events.AddRange(grow.Take(week + 1).Concat(flat.Take(4)).Concat(done.Take(13)).Concat(tiny.Take(tinyActive[week]))
                .Select(e => (e, "MAIL", tuesday, 1)));
        }
        await _app.UsageAsync(events);
        await _app.WaveAsync("W1", ["GROW", "FLAT", "DONE", "TINY"], plannedStart: plannedStart, targetDepth: 0.6, targetBreadth: 0.75);
    }

    [Fact]
    public async Task Each_department_is_projected_from_its_weekly_depth_and_the_wave_from_all_of_them()
    {
        await LoadWaveAsync();
        var progress = await _app.Admin().GetOkAsync($"/api/v1/waves/W1/progress?asOf={AsOf}");

        Assert.Equal(["2026-W02", "2026-W03", "2026-W04", "2026-W05", "2026-W06", "2026-W07", "2026-W08", "2026-W09"],
            progress.GetProperty("weeks").Strings());
        var grow = progress.Department("GROW");
        Assert.Equal((20, 8), (grow.Int("headcount"), grow.Int("activeEmployees")));
        Assert.Equal(0.4, grow.GetProperty("depth").GetDouble(), 10);
        Assert.Equal([0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4],
            grow.GetProperty("series").EnumerateArray().Select(w => Math.Round(w.GetProperty("depth").GetDouble(), 10)).ToList());
        // 5 % + 5 points a week reaches 60 % in week 11, the week of Monday 2026-03-23.
        Assert.Equal("on-track", grow.GetProperty("projection").Str("status"));
        Assert.Equal("2026-03-29", grow.GetProperty("projection").Str("projectedOn"));
        Assert.Equal("not-on-track", progress.Department("FLAT").GetProperty("projection").Str("status"));
        Assert.Equal("reached", progress.Department("DONE").GetProperty("projection").Str("status"));

        // The wave: 19, 20, 21, 22, 24, 25, 27, 28 active of 63, about 2.1 points a week: 60 % in week 15 (14.4 rounded up).
        var wave = progress.GetProperty("depth");
        Assert.Equal((63, 28), (wave.Int("headcount"), wave.Int("activeEmployees")));
        Assert.Equal("on-track", wave.GetProperty("projection").Str("status"));
        Assert.Equal(4.0 / 189, wave.GetProperty("projection").GetProperty("slopePerWeek").GetDouble(), 10);
        Assert.Equal("2026-04-26", wave.GetProperty("projection").Str("projectedOn"));
        Assert.Equal((4, 4), (progress.GetProperty("breadth").Int("adoptingDepartments"), progress.GetProperty("breadth").Int("departments")));

        var recommendation = progress.GetProperty("recommendation");
        Assert.Equal(("adjust", "continue"), (recommendation.Str("decision"), recommendation.Str("gate")));
        var flat = Assert.Single(recommendation.Reasons("reason-department-not-on-track"));
        Assert.Equal(new Dictionary<string, string?> { ["department"] = "FLAT", ["depthRatio"] = "0.2", ["targetRatio"] = "0.6" }, flat);
    }

    [Fact]
    public async Task Once_the_KPI_job_has_run_the_weekly_figures_come_from_its_snapshots_and_agree()
    {
        await LoadWaveAsync();
        var computed = await _app.Admin().GetOkAsync($"/api/v1/waves/W1/progress?asOf={AsOf}");
        Assert.True(computed.GetProperty("stale").GetBoolean());

        await _app.RecomputeKpisAsync();
        var fromSnapshots = await _app.Admin().GetOkAsync($"/api/v1/waves/W1/progress?asOf={AsOf}");
        Assert.False(fromSnapshots.GetProperty("stale").GetBoolean());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, fromSnapshots.GetProperty("computedAt").ValueKind);
        // Habit and activation rates come from the adoption snapshots only: none before the run.
        static string DepthOnly(System.Text.Json.JsonElement departments) => string.Join("\n", departments.EnumerateArray().Select(d =>
            string.Join(",", d.EnumerateObject().Where(p => p.Name is not ("habitRate" or "activationRate")).Select(p => p.ToString()))));
        Assert.Equal(DepthOnly(computed.GetProperty("departments")), DepthOnly(fromSnapshots.GetProperty("departments")));
        Assert.Equal(computed.GetProperty("depth").GetRawText(), fromSnapshots.GetProperty("depth").GetRawText());
    }

    [Fact]
    public async Task Each_department_shows_its_activation_and_habit_rates_next_to_depth()
    {
        await LoadWaveAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null,
            (await _app.Admin().GetOkAsync($"/api/v1/waves/W1/progress?asOf={AsOf}")).Department("GROW").GetProperty("activationRate").ValueKind);
        await _app.RecomputeKpisAsync();

        var executive = await _app.AsRole("executive");
        var progress = await executive.GetOkAsync($"/api/v1/waves/W1/progress?asOf={AsOf}");
        // Everyone's start is the wave's, 2026-01-05; GROW's k-th employee first uses on Tuesday of week k:
        // G1–G5 by 2026-02-03, within 30 days; G6 on 2026-02-10, too late. FLAT's 4 and DONE's 13 from the first week.
        Assert.Equal(0.25, progress.Department("GROW").GetProperty("activationRate").GetDouble(), 10);
        Assert.Equal(0.2, progress.Department("FLAT").GetProperty("activationRate").GetDouble(), 10);
        // TINY's 3 employees take the smallest other department with them (DONE: 20, tied with the others, first by code).
        Assert.True(progress.Department("DONE").GetProperty("suppressed").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, progress.Department("DONE").GetProperty("activationRate").ValueKind);
        var done = (await _app.Admin().GetOkAsync($"/api/v1/waves/W1/progress?asOf={AsOf}")).Department("DONE");
        Assert.Equal(0.65, done.GetProperty("activationRate").GetDouble(), 10);
        // Eight weeks of data: nobody can be active in 9 of the last 12.
        Assert.Equal(0.0, done.GetProperty("habitRate").GetDouble());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, progress.Department("TINY").GetProperty("activationRate").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, progress.Department("TINY").GetProperty("habitRate").ValueKind);
    }

    [Fact]
    public async Task A_department_below_the_minimum_group_size_is_hidden_from_everyone_but_admins()
    {
        await LoadWaveAsync();
        var executive = await _app.AsRole("executive");
        var tiny = (await executive.GetOkAsync($"/api/v1/waves/W1/progress?asOf={AsOf}")).Department("TINY");
        Assert.True(tiny.GetProperty("suppressed").GetBoolean());
        Assert.Equal(3, tiny.Int("headcount"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, tiny.GetProperty("depth").ValueKind);
        Assert.Equal("suppressed", tiny.GetProperty("projection").Str("status"));

        var seenByAdmin = (await _app.Admin().GetOkAsync($"/api/v1/waves/W1/progress?asOf={AsOf}")).Department("TINY");
        Assert.Equal(1.0, seenByAdmin.GetProperty("depth").GetDouble());
    }

    [Fact]
    public async Task Flat_usage_in_half_the_departments_recommends_a_hold()
    {
        await LoadWaveAsync();
        await _app.WaveAsync("W1", ["FLAT", "GROW"], targetDepth: 0.6);
        var recommendation = (await _app.Admin().GetOkAsync($"/api/v1/waves/W1/progress?asOf={AsOf}")).GetProperty("recommendation");
        Assert.Equal("hold", recommendation.Str("decision"));
        Assert.Equal(new Dictionary<string, string?> { ["notOnTrack"] = "1", ["departments"] = "2" },
            Assert.Single(recommendation.Reasons("reason-departments-not-on-track")));
    }

    [Fact]
    public async Task Before_its_start_a_wave_is_recommended_from_its_readiness()
    {
        await LoadWaveAsync(plannedStart: "2026-04-06");
        var recommendation = (await _app.Admin().GetOkAsync($"/api/v1/waves/W1/progress?asOf={AsOf}")).GetProperty("recommendation");
        Assert.Equal("start", recommendation.Str("gate"));
        // No champions (2) and no budget line (1): two items unmet.
        Assert.Equal("adjust", recommendation.Str("decision"));
        // The same answer whatever language the request asks for: the dashboard words the codes.
        using var french = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/waves/W1/progress?asOf={AsOf}");
        french.Headers.AcceptLanguage.ParseAdd("fr");
        var inFrench = await (await _app.Admin().SendAsync(french)).ReadJsonAsync(System.Net.HttpStatusCode.OK);
        Assert.Equal(recommendation.GetRawText(), inFrench.GetProperty("recommendation").GetRawText());
        var unmet = recommendation.Reasons("reason-readiness-unmet");
        Assert.Equal([("1", "budget", "budget-no-lines"), ("2", "champions", "champions-missing")],
            unmet.Select(r => (r["number"], r["key"], r["item"])).ToList());
    }
}
