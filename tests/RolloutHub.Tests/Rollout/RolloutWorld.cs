using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Rollout;

/// <summary>Builds small organisations for the rollout-management tests, through the public API.</summary>
public static class RolloutWorld
{
    /// <summary>
    /// A test app whose scheduled alert evaluation and automatic KPI runs are out of the way: the
    /// test decides when the KPIs are computed (<see cref="RecomputeKpisAsync"/>) and alerts evaluated.
    /// </summary>
    public static TestApp App(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Alerts:EvaluateCron"] = "-", ["Kpis:DebounceSeconds"] = "100000", ["Kpis:MaxDelaySeconds"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        return new TestApp(settings: all);
    }

    public static async Task<JsonElement> GetOkAsync(this HttpClient client, string url) =>
        await (await client.GetAsync(url)).ReadJsonAsync(HttpStatusCode.OK);

    public static async Task<JsonElement> PutOkAsync(this HttpClient client, string url, object body) =>
        await (await client.PutAsJsonAsync(url, body)).ReadJsonAsync(HttpStatusCode.OK);

    public static async Task<JsonElement> PostOkAsync(this HttpClient client, string url, object? body = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.PostAsJsonAsync(url, body ?? new { })).ReadJsonAsync(expected);

    public static async Task DepartmentsAsync(this TestApp app, params string[] codes) =>
        await app.ImportOkAsync("departments", "code,name\n" + string.Join("", codes.Select(c => $"{c},{c} department\n")));

    /// <summary>Employees <c>{prefix}1…{prefix}n</c> of one department, employed since 2020, with a tier and a seat.</summary>
    public static async Task<IReadOnlyList<string>> EmployeesAsync(this TestApp app, string department, int count, string prefix,
        string? tier = "casual", bool seat = true, string joinedOn = "2020-01-01")
    {
        var keys = Enumerable.Range(1, count).Select(i => $"{prefix}{i}").ToList();
        var csv = new StringBuilder("employee_key,department_code,joined_on,left_on,training_tier,has_seat\n");
        foreach (var key in keys) csv.Append($"{key},{department},{joinedOn},,{tier},{(seat ? "true" : "false")}\n");
        await app.ImportOkAsync("employees", csv.ToString());
        return keys;
    }

    public static async Task UseCaseAsync(this TestApp app, string code, string status = "production", string applicable = "",
        string trainingUrl = "https://intranet/training", int? reviewEveryDays = null, string lastReviewedOn = "", string owner = "Claire") =>
        await app.ImportOkAsync("use-cases",
            "code,title,category,status,minutes_saved_per_use,owner,applicable_departments,training_url,review_every_days,last_reviewed_on\n" +
            $"{code},{code} title,writing,{status},10,{owner},{applicable},{trainingUrl},{reviewEveryDays},{lastReviewedOn}\n");

    private static int _events;

    /// <summary>One usage event per employee on each given day.</summary>
    public static async Task UsageAsync(this TestApp app, IEnumerable<string> employees, string useCase, DateOnly day, int uses = 1)
    {
        var csv = new StringBuilder("event_id,occurred_on,employee_key,use_case_code,uses,minutes_saved\n");
        var any = false;
        foreach (var employee in employees)
        {
            csv.Append($"ev{Interlocked.Increment(ref _events)},{day:yyyy-MM-dd},{employee},{useCase},{uses},\n");
            any = true;
        }
        if (any) await app.ImportOkAsync("usage-events", csv.ToString());
    }

    /// <summary>Usage events in one import: (employee, use case, day, uses).</summary>
    public static async Task UsageAsync(this TestApp app, IEnumerable<(string Employee, string UseCase, DateOnly Day, int Uses)> events)
    {
        var csv = new StringBuilder("event_id,occurred_on,employee_key,use_case_code,uses,minutes_saved\n");
        foreach (var e in events)
            csv.Append($"ev{Interlocked.Increment(ref _events)},{e.Day:yyyy-MM-dd},{e.Employee},{e.UseCase},{e.Uses},\n");
        await app.ImportOkAsync("usage-events", csv.ToString());
    }

    public static async Task TrainingsAsync(this TestApp app, params (string Employee, string Module)[] completions) =>
        await app.ImportOkAsync("trainings", "employee_key,module_code,completed_on\n" +
            string.Join("", completions.Select(c => $"{c.Employee},{c.Module},2026-01-02\n")));

    public static async Task ChampionAsync(this TestApp app, string department, string status, string since = "2025-01-01") =>
        await (await app.Admin().PostAsJsonAsync("/api/v1/champions",
            new { displayName = $"Champion of {department}", contact = "c@example.com", departmentCode = department, status, since }))
            .ReadJsonAsync(HttpStatusCode.Created);

    public static async Task WaveAsync(this TestApp app, string code, string[] departments, string plannedStart = "2026-01-05",
        string plannedEnd = "2026-06-30", string status = "active", double? targetDepth = 0.6, double? targetBreadth = null,
        string? sponsor = "Isabelle", string? technical = "Hugo", string? adoption = "Nadia", string? content = "Claire",
        string? governance = "Marc", int sequence = 1) =>
        await app.Admin().PutOkAsync($"/api/v1/waves/{code}", new
        {
            name = $"Wave {code}", kind = "rollout", sequence, departmentCodes = departments, plannedStart, plannedEnd, status,
            targetDepth, targetBreadth, executiveSponsor = sponsor, technicalOwner = technical, adoptionOwner = adoption,
            contentOwner = content, governanceOwner = governance,
        });

    public static async Task BudgetLineAsync(this TestApp app, string code, string pricingModel, double unitPrice, double plannedUnits,
        string? wave = null, string? department = null, string category = "licenses", string periodStart = "2026-01-01",
        string periodEnd = "2026-12-31", double? plannedAmount = null) =>
        await app.Admin().PutOkAsync($"/api/v1/budget/lines/{code}", new
        {
            name = $"Line {code}", waveCode = wave, departmentCode = department, category, pricingModel, unitPrice, plannedUnits,
            plannedAmount, periodStart, periodEnd,
        });

    public static async Task SpendAsync(this TestApp app, params (string Id, string Day, string Line, double Amount)[] spend) =>
        await app.ImportOkAsync("spend", "spend_id,occurred_on,budget_line_code,amount\n" +
            string.Join("", spend.Select(s => FormattableString.Invariant($"{s.Id},{s.Day},{s.Line},{s.Amount}\n"))));

    /// <summary>
    /// POST /kpis/recompute and wait for the run to succeed, so that the KPI snapshots hold the
    /// data, then for the alert evaluation the KPI run sets off to finish.
    /// </summary>
    public static async Task RecomputeKpisAsync(this TestApp app)
    {
        var admin = app.Admin();
        var alertRuns = await FinishedAlertRunsAsync(admin);
        var accepted = await admin.PostOkAsync("/api/v1/kpis/recompute", expected: HttpStatusCode.Accepted);
        for (var i = 0; ; i++)
        {
            if (i == 600) throw new TimeoutException("The KPI run did not finish.");
            var run = await admin.GetOkAsync($"/api/v1/job-runs/{accepted.Str("runId")}");
            if (run.Str("status") == "succeeded") break;
            Assert.NotEqual("failed", run.Str("status"));
            await Task.Delay(100);
        }
        for (var i = 0; await FinishedAlertRunsAsync(admin) == alertRuns; i++)
        {
            if (i == 600) throw new TimeoutException("The alert evaluation after the KPI run did not finish.");
            await Task.Delay(100);
        }
    }

    private static async Task<int> FinishedAlertRunsAsync(HttpClient admin) =>
        (await admin.GetOkAsync("/api/v1/job-runs?job=alerts&limit=1000")).GetProperty("items").EnumerateArray()
            .Count(r => r.Str("status") is "succeeded" or "failed");

    public static JsonElement Item(this JsonElement readiness, string key) =>
        readiness.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("key").GetString() == key);

    public static JsonElement Department(this JsonElement progress, string code) =>
        progress.GetProperty("departments").EnumerateArray().Single(d => d.GetProperty("code").GetString() == code);

    public static IReadOnlyList<string> Strings(this JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();

    /// <summary>A code and its facts (readiness item, gap, projection, reason) as one comparable value.</summary>
    public static (string? Code, IReadOnlyDictionary<string, string?> Facts) Said(this JsonElement message) =>
        (message.Str("code"), message.GetProperty("facts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()));

    /// <summary>The recommendation's reasons with this code, as their facts.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string?>> Reasons(this JsonElement recommendation, string code) =>
        recommendation.GetProperty("reasons").EnumerateArray().Select(Said).Where(r => r.Code == code).Select(r => r.Facts).ToList();
}
