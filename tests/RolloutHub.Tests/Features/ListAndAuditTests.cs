using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Features;

public sealed class ListAndAuditTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public async Task InitializeAsync() => await World.LoadAsync(_app);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Lists_page_with_a_cursor_until_every_row_is_seen_once()
    {
        var csv = "event_id,occurred_on,employee_key,use_case_code,uses\n" +
                  string.Concat(Enumerable.Range(0, 25).Select(i => $"p{i:D2},2026-01-{1 + i % 9:D2},S1,MAIL,1\n"));
        await _app.ImportOkAsync("usage-events", csv);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await (await _app.Admin().GetAsync($"/api/v1/usage-events?limit=7{(cursor is null ? "" : "&cursor=" + cursor)}"))
                .ReadJsonAsync(HttpStatusCode.OK);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.Str("eventId")!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        } while (cursor is not null);

        Assert.Equal(4, pages);
        Assert.Equal(25, seen.Distinct().Count());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Lists_answer_csv_when_asked()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/employees?departmentCode=SALES");
        request.Headers.Add("Accept", "text/csv");
        var response = await _app.Admin().SendAsync(request);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Trim().Split('\n');
        Assert.Equal("employeeKey,departmentCode,joinedOn,leftOn,trainingTier,hasSeat,email", lines[0].Trim());
        Assert.Equal(["S1,SALES,2025-01-01,,power,true,", "S2,SALES,2025-01-01,,casual,false,"], lines[1..].Select(l => l.Trim()));
    }

    [Fact]
    public async Task Champions_see_only_their_own_departments_employees()
    {
        var champion = await _app.AsRole("champion", "SALES");
        var page = await (await champion.GetAsync("/api/v1/employees")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.All(page.GetProperty("items").EnumerateArray(), e => Assert.Equal("SALES", e.Str("departmentCode")));
        Assert.Equal(HttpStatusCode.Forbidden, (await champion.GetAsync("/api/v1/employees?departmentCode=HR")).StatusCode);
    }

    [Fact]
    public async Task Every_write_is_in_the_audit_log_with_who_what_and_the_change()
    {
        var executive = await _app.AsRole("executive");
        await _app.Admin().PutAsJsonAsync("/api/v1/waves/W1", new
        {
            name = "Wave 1", kind = "rollout", sequence = 1, departmentCodes = new[] { "SALES" }, plannedStart = "2026-01-05",
            plannedEnd = "2026-06-30", status = "active", targetDepth = 0.4,
        });
        var review = await executive.PostAsJsonAsync("/api/v1/waves/W1/gate-reviews", new { decidedOn = "2026-02-01", decision = "go", rationale = "On target." });
        Assert.Equal(HttpStatusCode.Created, review.StatusCode);

        var audit = await (await _app.Admin().GetAsync("/api/v1/audit?limit=100")).ReadJsonAsync(HttpStatusCode.OK);
        var entries = audit.GetProperty("items").EnumerateArray().ToList();
        var gate = entries.First(e => e.Str("entity") == "gate-review");
        Assert.Equal(("decide", "executive", "test executive"), (gate.Str("action"), gate.Str("role"), gate.Str("actor")));
        Assert.Contains("On target.", gate.Str("changes"));

        var import = entries.First(e => e.Str("entity") == "use-cases" && e.Str("action") == "import");
        var changes = JsonDocument.Parse(import.Str("changes")!).RootElement;
        Assert.Equal(2, changes.GetProperty("inserted").GetInt32());
        Assert.Equal(64, changes.GetProperty("sha256").GetString()!.Length);

        var waves = await (await _app.Admin().GetAsync("/api/v1/audit?entity=wave")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("W1", Assert.Single(waves.GetProperty("items").EnumerateArray()).Str("entityKey"));
        Assert.Equal(HttpStatusCode.Forbidden, (await executive.GetAsync("/api/v1/audit")).StatusCode);
    }

    [Fact]
    public async Task A_failed_import_writes_no_audit_entry_and_a_dry_run_neither()
    {
        var before = await CountAuditAsync();
        await _app.ImportAsync("departments", "code,name\nX,\n");
        await _app.ImportAsync("departments", "code,name\nX,Y\n", dryRun: true);
        Assert.Equal(before, await CountAuditAsync());
    }

    [Fact]
    public async Task Executives_record_gate_decisions_and_champions_may_not()
    {
        await _app.Admin().PutAsJsonAsync("/api/v1/waves/W1", new
        {
            name = "Wave 1", kind = "rollout", sequence = 1, departmentCodes = new[] { "SALES", "HR" }, plannedStart = "2026-01-05",
            plannedEnd = "2026-06-30", status = "active", targetDepth = 0.4,
        });
        var champion = await _app.AsRole("champion", "SALES");
        var refused = await champion.PostAsJsonAsync("/api/v1/waves/W1/gate-reviews", new { decidedOn = "2026-02-01", decision = "go", rationale = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var invalid = await _app.Admin().PostAsJsonAsync("/api/v1/waves/W1/gate-reviews", new { decidedOn = "2026-02-01", decision = "maybe", rationale = "" });
        var problem = await invalid.ReadJsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("decision", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("rationale", out _));

        var wave = await (await champion.GetAsync("/api/v1/waves/W1")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["HR", "SALES"], wave.GetProperty("departmentCodes").EnumerateArray().Select(d => d.GetString()));
    }

    private async Task<int> CountAuditAsync() =>
        (await (await _app.Admin().GetAsync("/api/v1/audit?limit=5000")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength();
}
