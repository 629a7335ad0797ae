using System.Net;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Kpis;

/// <summary>Runs are queued, run and recorded; snapshots reflect imports once a later run succeeded; stale says when they do not.</summary>
public sealed class RecomputeFlowTests
{
    private const string Departments = "code,name\nSALES,Sales\n";
    private const string Employees = "employee_key,department_code,joined_on\nS1,SALES,2026-01-01\nS2,SALES,2026-01-01\n";
    private const string UseCases = "code,title,category,status,minutes_saved_per_use\nMAIL,Mail,writing,production,6\n";

    [Fact]
    public async Task A_run_requested_after_an_import_makes_the_kpis_reflect_it_and_stale_follows_the_data()
    {
        await using var app = new KpiApp(new DateOnly(2026, 1, 25));
        var before = await app.GetAsync("/api/v1/kpis?grain=week&from=2026-01-01&to=2026-01-31");
        Assert.True(before.GetProperty("stale").GetBoolean());
        Assert.True(before.IsNull("computedAt"));
        Assert.Equal(0, before.GetProperty("periods").GetArrayLength());

        await app.ImportOkAsync("departments", Departments);
        await app.ImportOkAsync("employees", Employees);
        await app.ImportOkAsync("use-cases", UseCases);
        var first = await app.RecomputeAsync();
        Assert.Equal("succeeded", first.Str("status"));
        Assert.Equal("kpis", first.Str("job"));
        Assert.Equal("full", first.Str("mode"));
        Assert.False(first.IsNull("startedAt"));
        Assert.False(first.IsNull("finishedAt"));
        Assert.True(first.IsNull("error"));

        var empty = await app.GetAsync("/api/v1/kpis?grain=week&from=2026-01-12&to=2026-01-12");
        Assert.False(empty.GetProperty("stale").GetBoolean());
        Assert.Equal(0, empty.Period("2026-W03").GetProperty("depth").Long("activeEmployees"));

        await app.ImportOkAsync("usage-events", "event_id,occurred_on,employee_key,use_case_code,uses\ne1,2026-01-13,S1,MAIL,1\n");
        var stale = await app.GetAsync("/api/v1/kpis?grain=week&from=2026-01-12&to=2026-01-12");
        Assert.True(stale.GetProperty("stale").GetBoolean());
        Assert.Equal(0, stale.Period("2026-W03").GetProperty("depth").Long("activeEmployees"));

        var second = await app.RecomputeAsync();
        Assert.Equal("incremental", second.Str("mode"));
        var fresh = await app.GetAsync("/api/v1/kpis?grain=week&from=2026-01-12&to=2026-01-12");
        Assert.False(fresh.GetProperty("stale").GetBoolean());
        Assert.Equal(1, fresh.Period("2026-W03").GetProperty("depth").Long("activeEmployees"));

        var runs = await app.GetAsync("/api/v1/job-runs");
        Assert.Equal([second.Str("runId")!, first.Str("runId")!],
            runs.GetProperty("items").EnumerateArray().Where(r => r.Str("reason") == "request").Select(r => r.Str("runId")!).ToArray());
    }

    [Fact]
    public async Task A_change_schedules_a_run_by_itself_after_the_debounce_delay()
    {
        await using var app = new KpiApp(new DateOnly(2026, 1, 25), new Dictionary<string, string?>
        {
            ["Kpis:DebounceSeconds"] = "0.5", ["Kpis:MaxDelaySeconds"] = "5", ["Kpis:PollSeconds"] = "0.2",
        });
        await app.ImportOkAsync("departments", Departments);
        await app.ImportOkAsync("employees", Employees);
        await app.ImportOkAsync("use-cases", UseCases);
        await app.ImportOkAsync("usage-events", "event_id,occurred_on,employee_key,use_case_code,uses\ne1,2026-01-13,S1,MAIL,1\n");

        // No request: the watcher sees the change and the after-change trigger fires.
        for (var i = 0; i < 600; i++)
        {
            var kpis = await app.GetAsync("/api/v1/kpis?grain=week&from=2026-01-12&to=2026-01-12");
            if (!kpis.GetProperty("stale").GetBoolean() && kpis.GetProperty("periods").GetArrayLength() == 1)
            {
                Assert.Equal(1, kpis.Period("2026-W03").GetProperty("depth").Long("activeEmployees"));
                var runs = await app.GetAsync("/api/v1/job-runs?status=succeeded");
                Assert.Contains(runs.GetProperty("items").EnumerateArray(), r => r.Str("reason") == "change");
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail("no run followed the change");
    }

    [Fact]
    public async Task Job_runs_page_newest_first_without_repeating_a_run()
    {
        await using var app = new KpiApp(new DateOnly(2026, 1, 25));
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add((await app.RecomputeAsync()).Str("runId")!);
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await app.GetAsync($"/api/v1/job-runs?job=kpis&status=succeeded&limit=1{(cursor is null ? "" : "&cursor=" + cursor)}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.Str("runId")!));
            cursor = page.Str("nextCursor");
        } while (cursor is not null && seen.Count < 10);
        Assert.Equal(Enumerable.Reverse(ids).ToArray(), seen.Where(ids.Contains).ToArray());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Job_runs_are_for_admins_and_executives_and_unknown_runs_are_404()
    {
        await using var app = new KpiApp(new DateOnly(2026, 1, 25));
        var run = await app.RecomputeAsync();
        var executive = await app.AsRole("executive");
        Assert.Equal(HttpStatusCode.OK, (await executive.GetAsync($"/api/v1/job-runs/{run.Str("runId")}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.AsRole("hr")).GetAsync("/api/v1/job-runs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await executive.PostAsync("/api/v1/kpis/recompute", null)).StatusCode);
        await (await app.Admin().GetAsync("/api/v1/job-runs/nope")).ReadJsonAsync(HttpStatusCode.NotFound);
    }
}
