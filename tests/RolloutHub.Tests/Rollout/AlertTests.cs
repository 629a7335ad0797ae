using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using RolloutHub.Api.Features.Waves;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Rollout;

/// <summary>Each alert rule raised, not duplicated, and resolved when its condition clears.</summary>
public sealed class AlertTests : IAsyncLifetime
{
    private readonly TestApp _app = RolloutWorld.App();
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    /// <summary>The 8 complete weeks before this one, oldest first.</summary>
    private static readonly IReadOnlyList<IsoWeek> Weeks = IsoWeek.LastComplete(IsoWeek.Containing(Today).Start.AddDays(-1), 8);
    private IReadOnlyList<string> _dec = [];

    /// <summary>
    /// DEC (10 employees, wave W1 active, target 90 %): 9, 8 … 2 active over the last 8 weeks.
    /// QUIET: an active champion named in 2020, no activity. OLD: a production use case last
    /// reviewed in 2020 (every 30 days). INT: 12,000 a year, 1,200 spent this month.
    /// </summary>
    public async Task InitializeAsync()
    {
        await _app.DepartmentsAsync("DEC", "QUIET");
        _dec = await _app.EmployeesAsync("DEC", 10, "D");
        await _app.EmployeesAsync("QUIET", 5, "Q");
        await _app.UseCaseAsync("MAIL");
        await _app.UseCaseAsync("OLD", reviewEveryDays: 30, lastReviewedOn: "2020-01-01", owner: "Paul");
        await _app.UsageAsync(Weeks.SelectMany((w, i) => _dec.Take(9 - i).Select(e => (e, "MAIL", w.Start.AddDays(1), 1))));
        await _app.ChampionAsync("DEC", "equipped", since: "2020-01-01");
        await _app.ChampionAsync("QUIET", "active", since: "2020-01-01");
        await _app.WaveAsync("W1", ["DEC"], plannedStart: "2020-01-06", plannedEnd: Today.AddDays(120).ToString("yyyy-MM-dd"), targetDepth: 0.9);
        await _app.BudgetLineAsync("INT", "fixed", 12000, 1, category: "integration", wave: "W1",
            periodStart: $"{Today.Year}-01-01", periodEnd: $"{Today.Year}-12-31");
        await _app.SpendAsync(("s1", new DateOnly(Today.Year, Today.Month, 1).ToString("yyyy-MM-dd"), "INT", 1200));
        await _app.RecomputeKpisAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<JsonElement> EvaluateAsync() => await _app.Admin().PostOkAsync("/api/v1/alerts/evaluate");

    private async Task<List<JsonElement>> AlertsAsync(string status = "unresolved") =>
        (await _app.Admin().GetOkAsync($"/api/v1/alerts?status={status}")).GetProperty("items").EnumerateArray().ToList();

    private static JsonElement Alert(IEnumerable<JsonElement> alerts, string rule) => alerts.Single(a => a.Str("rule") == rule);

    private async Task FailAJobAsync(string job, string status, string finishedAt)
    {
        // The database of the suite's provider (SQLite or PostgreSQL), not always SQLite.
        await using var connection = await _app.Database.OpenAsync();
        await Dapper.SqlMapper.ExecuteAsync(connection, """
            INSERT INTO job_runs (run_id, job, status, reason, requested_at, started_at, finished_at, error)
            VALUES (@id, @job, @status, 'nightly', @at, @at, @at, @error)
            """, new { id = Guid.NewGuid().ToString("N"), job, status, at = finishedAt, error = status == "failed" ? "SqliteException: disk I/O error" : null });
    }

    [Fact]
    public async Task Every_rule_raises_an_alert_with_an_owner_for_the_subject_it_is_about()
    {
        await FailAJobAsync("backup", "failed", "2030-01-01T00:00:00.0000000Z");
        var evaluation = await EvaluateAsync();
        Assert.All(evaluation.GetProperty("rules").EnumerateArray(), r => Assert.Equal(1, r.Int("conditions")));
        Assert.All(evaluation.GetProperty("rules").EnumerateArray(), r => Assert.True(r.GetProperty("evaluated").GetBoolean()));

        var alerts = await AlertsAsync("open");
        Assert.Equal(6, alerts.Count);
        Assert.Equal(("DEC", "Nadia"), (Alert(alerts, "department-declining").Str("subjectKey"), Alert(alerts, "department-declining").Str("owner")));
        Assert.Contains("QUIET", Alert(alerts, "champion-inactive").Str("title"));
        Assert.Equal(("OLD", "Paul"), (Alert(alerts, "use-case-review-overdue").Str("subjectKey"), Alert(alerts, "use-case-review-overdue").Str("owner")));
        var overrun = Alert(alerts, "budget-overrun");
        Assert.Equal($"INT/{Today:yyyy-MM}", overrun.Str("subjectKey"));
        Assert.Equal(("warning", "Isabelle"), (overrun.Str("severity"), overrun.Str("owner")));
        Assert.Contains("20% over", overrun.Str("detail"));
        Assert.Equal(("W1", "Isabelle"), (Alert(alerts, "wave-behind-target").Str("subjectKey"), Alert(alerts, "wave-behind-target").Str("owner")));
        Assert.Equal(("backup", "critical"), (Alert(alerts, "job-failed").Str("subjectKey"), Alert(alerts, "job-failed").Str("severity")));
        // DEC's champion's department logs usage: no alert for them.
        Assert.Single(alerts, a => a.Str("rule") == "champion-inactive");
    }

    [Fact]
    public async Task Each_alert_carries_the_facts_its_title_is_made_of_for_the_dashboard_to_word_it()
    {
        await FailAJobAsync("backup", "failed", "2030-01-01T00:00:00.0000000Z");
        await EvaluateAsync();
        var alerts = await AlertsAsync("open");
        Dictionary<string, string> Facts(string rule) =>
            Alert(alerts, rule).GetProperty("facts").EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetString()!);

        // The title's facts, then the detail's: its message (detail) and its figures, written invariantly.
        void Has(string rule, Dictionary<string, string> expected)
        {
            var facts = Facts(rule);
            foreach (var (name, value) in expected) Assert.True(facts.TryGetValue(name, out var found) && found == value, $"{rule}.{name}: {found ?? "missing"} ≠ {value}");
        }
        Has("department-declining", new() { ["department"] = "DEC department", ["code"] = "DEC", ["detail"] = "department-declining" });
        Has("champion-inactive", new() { ["champion"] = "Champion of QUIET", ["code"] = "QUIET", ["days"] = "30", ["detail"] = "champion-inactive", ["to"] = $"{Today:yyyy-MM-dd}" });
        Has("use-case-review-overdue", new() { ["code"] = "OLD", ["useCase"] = "OLD title" });
        Assert.Contains(Facts("use-case-review-overdue")["detail"], new[] { "use-case-review-overdue", "use-case-review-never" });
        Has("budget-overrun", new() { ["line"] = "Line INT", ["code"] = "INT", ["month"] = $"{Today:yyyy-MM}", ["tolerance"] = "0.1" });
        Assert.Contains(Facts("budget-overrun")["detail"], new[] { "budget-overrun", "budget-overrun-outside-period" });
        Has("wave-behind-target", new() { ["code"] = "W1", ["wave"] = "Wave W1", ["state"] = "projected", ["detail"] = "wave-behind-target" });
        Has("job-failed", new() { ["job"] = "backup", ["detail"] = "job-failed" });
        foreach (var alert in alerts)
            Assert.True(alert.GetProperty("facts").TryGetProperty("detail", out _), alert.Str("rule"));

        // Kept when an evaluation finds the condition again.
        await EvaluateAsync();
        Assert.Equal("DEC", (await AlertsAsync("open")).Single(a => a.Str("rule") == "department-declining").GetProperty("facts").Str("code"));
    }

    [Fact]
    public async Task An_alert_is_not_raised_again_while_open_or_acknowledged()
    {
        await EvaluateAsync();
        var first = await AlertsAsync();
        var again = await EvaluateAsync();
        Assert.Equal((0, first.Count, 0), (again.Int("raised"), again.Int("stillOpen"), again.Int("resolved")));
        Assert.Equal(first.Select(a => a.GetProperty("id").GetInt64()).Order(), (await AlertsAsync()).Select(a => a.GetProperty("id").GetInt64()).Order());

        var executive = await _app.AsRole("executive");
        var champion = Alert(first, "champion-inactive");
        var acknowledged = await executive.PostOkAsync($"/api/v1/alerts/{champion.GetProperty("id").GetInt64()}/acknowledge", new { note = "calling them" });
        Assert.Equal(("acknowledged", "test executive"), (acknowledged.Str("status"), acknowledged.Str("acknowledgedBy")));
        Assert.Equal(0, (await EvaluateAsync()).Int("raised"));
        Assert.Equal("acknowledged", Alert(await AlertsAsync(), "champion-inactive").Str("status"));
    }

    [Fact]
    public async Task Each_alert_resolves_itself_when_its_condition_clears_and_a_new_one_is_raised_if_it_returns()
    {
        await FailAJobAsync("backup", "failed", "2030-01-01T00:00:00.0000000Z");
        await EvaluateAsync();
        var raised = await AlertsAsync();
        var executive = await _app.AsRole("executive");
        await executive.PostOkAsync($"/api/v1/alerts/{Alert(raised, "champion-inactive").GetProperty("id").GetInt64()}/acknowledge");

        // DEC: everyone active in the last three weeks: growing, and the wave reaches its 90 %.
        await _app.UsageAsync(Weeks.Skip(5).SelectMany(w => _dec.Select(e => (e, "MAIL", w.Start.AddDays(2), 1))));
        await _app.ImportOkAsync("outcomes", $"report_id,occurred_on,department_code,tickets_avoided,employees_helped\nq1,{Today:yyyy-MM-dd},QUIET,0,1\n");
        await _app.UseCaseAsync("OLD", reviewEveryDays: 30, lastReviewedOn: Today.ToString("yyyy-MM-dd"), owner: "Paul");
        await _app.SpendAsync(("s1", new DateOnly(Today.Year, Today.Month, 1).ToString("yyyy-MM-dd"), "INT", 1000));
        await FailAJobAsync("backup", "succeeded", "2030-01-02T00:00:00.0000000Z");
        await _app.RecomputeKpisAsync();

        // The KPI run has already set off an evaluation; evaluating again finds every condition cleared.
        await EvaluateAsync();
        Assert.Empty(await AlertsAsync());
        var resolved = await AlertsAsync("resolved");
        Assert.Equal(6, resolved.Count);
        Assert.All(resolved, a => Assert.NotEqual(JsonValueKind.Null, a.GetProperty("resolvedAt").ValueKind));
        Assert.Equal(HttpStatusCode.Conflict,
            (await executive.PostAsJsonAsync($"/api/v1/alerts/{Alert(resolved, "champion-inactive").GetProperty("id").GetInt64()}/acknowledge", new { })).StatusCode);

        // The job fails again: a new alert, the resolved one stays resolved.
        await FailAJobAsync("backup", "failed", "2030-01-03T00:00:00.0000000Z");
        await EvaluateAsync();
        var again = Alert(await AlertsAsync(), "job-failed");
        Assert.NotEqual(Alert(resolved, "job-failed").GetProperty("id").GetInt64(), again.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Each_KPI_run_sets_off_an_alert_evaluation_recorded_as_a_job_run()
    {
        // InitializeAsync ran the KPIs once; nobody asked for an evaluation.
        var runs = (await _app.Admin().GetOkAsync("/api/v1/job-runs?job=alerts")).GetProperty("items").EnumerateArray().ToList();
        var run = Assert.Single(runs);
        Assert.Equal(("succeeded", "after-kpis"), (run.Str("status"), run.Str("reason")));
        Assert.Equal(5, (await AlertsAsync("open")).Count);
    }

    [Fact]
    public async Task Without_KPI_snapshots_for_the_week_the_declining_rule_leaves_its_alerts_alone()
    {
        var lastYear = await _app.Admin().PostOkAsync($"/api/v1/alerts/evaluate?asOf=2000-01-10");
        var declining = lastYear.GetProperty("rules").EnumerateArray().Single(r => r.Str("rule") == "department-declining");
        Assert.False(declining.GetProperty("evaluated").GetBoolean());
    }

    [Fact]
    public async Task Alerts_are_read_and_acknowledged_by_executives_and_admins_only()
    {
        await EvaluateAsync();
        var id = (await AlertsAsync())[0].GetProperty("id").GetInt64();
        var executive = await _app.AsRole("executive");
        await executive.GetOkAsync("/api/v1/alerts?status=open&rule=budget-overrun");
        foreach (var role in new[] { "hr", "champion" })
        {
            var client = await _app.AsRole(role, "DEC");
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/alerts")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/v1/alerts/{id}/acknowledge", new { })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await executive.PostAsync("/api/v1/alerts/evaluate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await executive.GetAsync("/api/v1/alerts?status=sleeping")).StatusCode);
    }
}
