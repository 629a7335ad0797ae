using System.Net;
using System.Net.Http.Json;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Security;

/// <summary>
/// Usage events and outcome reports are their department's data: a champion reads and writes
/// them for their own departments only, also through an upsert that would replace another
/// department's row, and learns nothing about keys elsewhere. Runs on the suite's provider.
/// </summary>
public sealed class DepartmentScopeTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private HttpClient _champion = null!;

    public async Task InitializeAsync()
    {
        await World.LoadAsync(_app);
        await _app.ImportOkAsync("usage-events", "event_id,occurred_on,employee_key,use_case_code,uses\nhr-1,2026-01-05,H1,MAIL,1\n");
        await _app.ImportOkAsync("outcomes", """
            report_id,occurred_on,department_code,use_case_code,tickets_avoided,employees_helped,blockers
            hr-report,2026-01-05,HR,MAIL,3,2,The payroll tool is slow
            sales-report,2026-01-06,SALES,MAIL,1,1,
            """);
        _champion = await _app.AsRole("champion", "SALES");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<string> ScalarAsync(string sql)
    {
        await using var connection = await _app.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [Fact]
    public async Task A_champion_cannot_take_over_another_departments_usage_event_through_a_CSV_upsert()
    {
        const string csv = "event_id,occurred_on,employee_key,use_case_code,uses\nmine-1,2026-01-06,S1,MAIL,1\nhr-1,2026-01-05,S1,MAIL,1\n";
        foreach (var dryRun in new[] { true, false })
        {
            var refused = await (await _app.ImportAsync("usage-events", csv, dryRun, _champion)).ReadJsonAsync(HttpStatusCode.Forbidden);
            Assert.Contains("Line 3", refused.Str("detail"));
        }
        Assert.Equal("H1", await ScalarAsync("SELECT employee_key FROM usage_events WHERE event_id = 'hr-1'"));
        Assert.Equal("0", await ScalarAsync("SELECT COUNT(*) FROM usage_events WHERE event_id = 'mine-1'"));

        // Their own events they may rewrite.
        await _app.ImportOkAsync("usage-events", "event_id,occurred_on,employee_key,use_case_code,uses\nsales-1,2026-01-05,S1,MAIL,1\n");
        var own = await (await _app.ImportAsync("usage-events", "event_id,occurred_on,employee_key,use_case_code,uses\nsales-1,2026-01-05,S2,MAIL,2\n",
            client: _champion)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, own.Int("updated"));
    }

    [Fact]
    public async Task A_champion_cannot_take_over_another_departments_outcome_report_through_a_CSV_upsert()
    {
        const string csv = "report_id,occurred_on,department_code,tickets_avoided,employees_helped\nhr-report,2026-01-05,SALES,9,9\n";
        await (await _app.ImportAsync("outcomes", csv, client: _champion)).ReadJsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("HR", await ScalarAsync("SELECT department_code FROM outcome_reports WHERE report_id = 'hr-report'"));

        var own = await (await _app.ImportAsync("outcomes",
            "report_id,occurred_on,department_code,tickets_avoided,employees_helped\nsales-report,2026-01-06,SALES,5,1\n", client: _champion))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, own.Int("updated"));
    }

    [Fact]
    public async Task The_JSON_endpoints_refuse_the_same_takeovers()
    {
        var usage = await _champion.PostAsJsonAsync("/api/v1/usage-events",
            new { events = new[] { new { eventId = "hr-1", occurredOn = "2026-01-05", employeeKey = "S1", useCaseCode = "MAIL", uses = 1 } } });
        Assert.Equal(HttpStatusCode.Forbidden, usage.StatusCode);
        var outcome = await _champion.PostAsJsonAsync("/api/v1/outcomes",
            new { reportId = "hr-report", occurredOn = "2026-01-05", departmentCode = "SALES", ticketsAvoided = 1, employeesHelped = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, outcome.StatusCode);
        Assert.Equal("H1", await ScalarAsync("SELECT employee_key FROM usage_events WHERE event_id = 'hr-1'"));
        Assert.Equal("HR", await ScalarAsync("SELECT department_code FROM outcome_reports WHERE report_id = 'hr-report'"));

        // Their own they may rewrite.
        var first = await _champion.PostAsJsonAsync("/api/v1/usage-events",
            new { events = new[] { new { eventId = "sales-j", occurredOn = "2026-01-05", employeeKey = "S1", useCaseCode = "MAIL", uses = 1 } } });
        Assert.Equal(1, (await first.ReadJsonAsync(HttpStatusCode.OK)).Int("inserted"));
        var again = await _champion.PostAsJsonAsync("/api/v1/usage-events",
            new { events = new[] { new { eventId = "sales-j", occurredOn = "2026-01-05", employeeKey = "S2", useCaseCode = "MAIL", uses = 1 } } });
        Assert.Equal(1, (await again.ReadJsonAsync(HttpStatusCode.OK)).Int("updated"));
    }

    [Fact]
    public async Task A_champion_cannot_tell_an_unknown_employee_from_another_departments()
    {
        async Task<(HttpStatusCode, string?)> Json(string employee)
        {
            var response = await _champion.PostAsJsonAsync("/api/v1/usage-events",
                new { events = new[] { new { occurredOn = "2026-01-05", employeeKey = employee, useCaseCode = "MAIL", uses = 1 } } });
            var body = await response.ReadJsonAsync(response.StatusCode);
            return (response.StatusCode, body.TryGetProperty("detail", out var d) ? d.GetString() : body.GetRawText());
        }
        async Task<(HttpStatusCode, string?)> Csv(string employee)
        {
            var response = await _app.ImportAsync("usage-events",
                $"event_id,occurred_on,employee_key,use_case_code,uses\nx-1,2026-01-05,{employee},MAIL,1\n", client: _champion);
            var body = await response.ReadJsonAsync(response.StatusCode);
            return (response.StatusCode, body.TryGetProperty("detail", out var d) ? d.GetString() : body.GetRawText());
        }

        var elsewhere = await Json("H1");
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.Item1);
        Assert.Equal(elsewhere, await Json("NOBODY"));
        var elsewhereCsv = await Csv("H1");
        Assert.Equal(HttpStatusCode.Forbidden, elsewhereCsv.Item1);
        Assert.Equal(elsewhereCsv, await Csv("NOBODY"));

        // An admin, who sees every employee anyway, is told the key is unknown.
        var admin = await _app.Admin().PostAsJsonAsync("/api/v1/usage-events",
            new { events = new[] { new { occurredOn = "2026-01-05", employeeKey = "NOBODY", useCaseCode = "MAIL", uses = 1 } } });
        var problem = await admin.ReadJsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("events[0].employeeKey", out _));
    }

    [Fact]
    public async Task Champions_read_their_own_departments_outcome_reports_only()
    {
        var listed = await (await _champion.GetAsync("/api/v1/outcomes")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["sales-report"], listed.GetProperty("items").EnumerateArray().Select(r => r.Str("reportId")));
        Assert.DoesNotContain("payroll", await (await _champion.GetAsync("/api/v1/outcomes?withBlockers=true")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await _champion.GetAsync("/api/v1/outcomes?departmentCode=HR")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _champion.GetAsync("/api/v1/outcomes?departmentCode=SALES")).StatusCode);
        var csv = await _champion.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/outcomes") { Headers = { { "Accept", "text/csv" } } });
        Assert.DoesNotContain("hr-report", await csv.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Forbidden, (await _champion.GetAsync("/api/v1/usage-events?departmentCode=HR")).StatusCode);
        var events = await (await _champion.GetAsync("/api/v1/usage-events")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Empty(events.GetProperty("items").EnumerateArray());

        var executive = await (await (await _app.AsRole("executive")).GetAsync("/api/v1/outcomes")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, executive.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task The_champions_directory_is_readable_by_every_role()
    {
        await (await _app.Admin().PostAsJsonAsync("/api/v1/champions",
            new { displayName = "Léa", departmentCode = "HR", status = "active", since = "2026-01-05" })).ReadJsonAsync(HttpStatusCode.Created);
        foreach (var role in new[] { "executive", "champion", "hr" })
        {
            var client = await _app.AsRole(role, role == "champion" ? ["SALES"] : []);
            var page = await (await client.GetAsync("/api/v1/champions")).ReadJsonAsync(HttpStatusCode.OK);
            Assert.Contains(page.GetProperty("items").EnumerateArray(), c => c.Str("displayName") == "Léa");
        }
    }
}
