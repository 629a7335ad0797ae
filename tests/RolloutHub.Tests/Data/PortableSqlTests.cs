using System.Net;
using System.Net.Http.Json;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Data;

/// <summary>
/// The requests whose SQL goes through the dialect seam (upserts, generated ids, list
/// parameters, flags), run on the provider of this run of the suite.
/// </summary>
public sealed class PortableSqlTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public async Task InitializeAsync() => await World.LoadAsync(_app);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Saving_twice_updates_in_place_and_new_rows_get_their_generated_ids()
    {
        var admin = _app.Admin();
        var wave = new
        {
            name = "Wave 1", kind = "rollout", sequence = 1, departmentCodes = new[] { "SALES", "HR" }, plannedStart = "2026-01-05",
            plannedEnd = "2026-03-29", status = "active", targetDepth = 0.4,
        };
        await (await admin.PutAsJsonAsync("/api/v1/waves/W1", wave)).ReadJsonAsync(HttpStatusCode.OK);
        var renamed = await (await admin.PutAsJsonAsync("/api/v1/waves/W1", wave with { name = "Wave one", departmentCodes = new[] { "OPS" } }))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Wave one", renamed.Str("name"));
        Assert.Equal(["OPS"], renamed.GetProperty("departmentCodes").EnumerateArray().Select(d => d.GetString()));

        var first = await (await admin.PostAsJsonAsync("/api/v1/waves/W1/gate-reviews", new { decidedOn = "2026-02-01", decision = "go", rationale = "On track" }))
            .ReadJsonAsync(HttpStatusCode.Created);
        var second = await (await admin.PostAsJsonAsync("/api/v1/waves/W1/gate-reviews", new { decidedOn = "2026-03-01", decision = "adjust", rationale = "Slower" }))
            .ReadJsonAsync(HttpStatusCode.Created);
        Assert.True(second.GetProperty("id").GetInt64() > first.GetProperty("id").GetInt64());

        var champion = await (await admin.PostAsJsonAsync("/api/v1/champions", new { displayName = "Léa", departmentCode = "SALES", status = "active", since = "2026-01-05" }))
            .ReadJsonAsync(HttpStatusCode.Created);
        Assert.True(champion.GetProperty("id").GetInt64() > 0);

        var line = new
        {
            name = "Licences", waveCode = "W1", category = "licenses", pricingModel = "per-seat", unitPrice = 30.0, plannedUnits = 10.0,
            periodStart = "2026-01-01", periodEnd = "2026-12-31",
        };
        await (await admin.PutAsJsonAsync("/api/v1/budget/lines/LIC", line)).ReadJsonAsync(HttpStatusCode.OK);
        await (await admin.PutAsJsonAsync("/api/v1/budget/lines/LIC", line with { plannedUnits = 12.0 })).ReadJsonAsync(HttpStatusCode.OK);
        var lines = await (await admin.GetAsync("/api/v1/budget/lines")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(360.0, Assert.Single(lines.GetProperty("items").EnumerateArray()).GetProperty("plannedAmount").GetDouble());

        await (await admin.PutAsJsonAsync("/api/v1/departments/SALES", new { name = "Ventes" })).ReadJsonAsync(HttpStatusCode.OK);
        var sales = await (await admin.GetAsync("/api/v1/departments/SALES")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(("Ventes", 2), (sales.Str("name"), sales.Int("headcount")));
    }

    [Fact]
    public async Task Outcomes_filter_on_blockers_both_ways_and_an_upsert_by_report_id_keeps_one_row()
    {
        var admin = _app.Admin();
        object Report(string id, string? blockers) => new
        {
            reportId = id, occurredOn = "2026-02-02", departmentCode = "SALES", ticketsAvoided = 3, employeesHelped = 1, blockers,
        };
        await (await admin.PostAsJsonAsync("/api/v1/outcomes", Report("r1", "No licence"))).ReadJsonAsync(HttpStatusCode.OK);
        await (await admin.PostAsJsonAsync("/api/v1/outcomes", Report("r2", null))).ReadJsonAsync(HttpStatusCode.OK);
        await (await admin.PostAsJsonAsync("/api/v1/outcomes", Report("r2", null))).ReadJsonAsync(HttpStatusCode.OK);

        async Task<string[]> Ids(string query) =>
            (await (await admin.GetAsync($"/api/v1/outcomes{query}")).ReadJsonAsync(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(r => r.Str("reportId")!).Order().ToArray();
        Assert.Equal(["r1", "r2"], await Ids(""));
        Assert.Equal(["r1"], await Ids("?withBlockers=true"));
        Assert.Equal(["r2"], await Ids("?withBlockers=false"));
    }

    [Fact]
    public async Task A_champion_logs_and_lists_usage_of_their_own_departments_only()
    {
        var champion = await _app.AsRole("champion", "SALES", "OPS");
        var logged = await (await champion.PostAsJsonAsync("/api/v1/usage-events", new
        {
            events = new[]
            {
                new { eventId = "u1", occurredOn = "2026-01-05", employeeKey = "S1", useCaseCode = "MAIL", uses = 2 },
                new { eventId = "u2", occurredOn = "2026-01-06", employeeKey = "O1", useCaseCode = "QUOTE", uses = 1 },
            },
        })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, logged.Int("inserted"));
        await _app.ImportOkAsync("usage-events", "event_id,occurred_on,employee_key,use_case_code,uses\nh1,2026-01-05,H1,MAIL,1\n");

        var own = await (await champion.GetAsync("/api/v1/usage-events")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["u1", "u2"], own.GetProperty("items").EnumerateArray().Select(e => e.Str("eventId")!).Order());
        var employees = await (await champion.GetAsync("/api/v1/employees")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["O1", "S1", "S2"], employees.GetProperty("items").EnumerateArray().Select(e => e.Str("employeeKey")!).Order());
    }

    [Fact]
    public async Task A_batch_naming_more_employees_than_SQL_Server_takes_parameters_is_checked_whole()
    {
        // 2,500 distinct employees: more than the 2,100 parameters SQL Server takes in one command.
        const int count = 2_500;
        await _app.ImportOkAsync("employees", "employee_key,department_code\n" +
                                              string.Concat(Enumerable.Range(0, count).Select(i => $"bulk{i:D4},OPS\n")));
        object Event(int i, string employee) => new { eventId = $"b{i}", occurredOn = "2026-01-05", employeeKey = employee, useCaseCode = "MAIL", uses = 1 };

        // An unknown key in the last slice is found, and nothing is written.
        var withUnknown = Enumerable.Range(0, count).Select(i => Event(i, i == count - 1 ? "nobody" : $"bulk{i:D4}")).ToArray();
        var refused = await (await _app.Admin().PostAsJsonAsync("/api/v1/usage-events", new { events = withUnknown }))
            .ReadJsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal([$"events[{count - 1}].employeeKey"], refused.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal("0", await ScalarAsync("SELECT COUNT(*) FROM usage_events"));

        var logged = await (await _app.Admin().PostAsJsonAsync("/api/v1/usage-events",
            new { events = Enumerable.Range(0, count).Select(i => Event(i, $"bulk{i:D4}")).ToArray() })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(count, logged.Int("inserted"));
        Assert.Equal(count.ToString(), await ScalarAsync("SELECT COUNT(DISTINCT employee_key) FROM usage_events"));
    }

    [Fact]
    public async Task Instants_are_stored_as_fixed_width_ISO_8601_UTC_text()
    {
        await _app.AsRole("hr");
        var stored = await ScalarAsync("SELECT MAX(created_at) FROM api_tokens");
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$", stored);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$", await ScalarAsync("SELECT changed_at FROM data_version"));
    }

    private async Task<string> ScalarAsync(string sql)
    {
        await using var connection = await _app.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
