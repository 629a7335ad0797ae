using System.Net;
using System.Net.Http.Json;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Security;

/// <summary>
/// POST /usage-events stages its batch and merges it in one statement; the answers are those
/// of an upsert by event id. Runs on the suite's provider (SQLite, PostgreSQL, SQL Server).
/// </summary>
public sealed class LogUsageBatchTests : IAsyncLifetime
{
    // No KPI run in the background: the test reads which dates the batch marked stale.
    private readonly TestApp _app = new(settings: new Dictionary<string, string?> { ["Kpis:DebounceSeconds"] = "100000", ["Kpis:MaxDelaySeconds"] = "100000" });

    public async Task InitializeAsync() => await World.LoadAsync(_app);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static object Event(string id, string date, string employee = "S1", int uses = 1, double? minutes = null) =>
        new { eventId = id, occurredOn = date, employeeKey = employee, useCaseCode = "MAIL", uses, minutesSaved = minutes };

    private async Task<System.Text.Json.JsonElement> LogAsync(HttpStatusCode expected, params object[] events) =>
        await (await _app.Admin().PostAsJsonAsync("/api/v1/usage-events", new { events })).ReadJsonAsync(expected);

    private async Task<string> ScalarAsync(string sql)
    {
        await using var connection = await _app.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [Fact]
    public async Task A_batch_counts_inserted_updated_and_unchanged_events_as_an_upsert_by_event_id()
    {
        var first = await LogAsync(HttpStatusCode.OK, Event("a", "2026-01-05"), Event("b", "2026-01-06", minutes: 4.5), Event("c", "2026-01-07"));
        Assert.Equal((3, 0, 0), (first.Int("inserted"), first.Int("updated"), first.Int("unchanged")));
        Assert.Equal(["a", "b", "c"], first.GetProperty("eventIds").EnumerateArray().Select(e => e.GetString()));

        var again = await LogAsync(HttpStatusCode.OK, Event("a", "2026-01-05"), Event("b", "2026-01-06", minutes: 4.5), Event("c", "2026-01-07"));
        Assert.Equal((0, 0, 3), (again.Int("inserted"), again.Int("updated"), again.Int("unchanged")));

        await ScalarAsync("DELETE FROM kpi_dirty_dates");
        var changed = await LogAsync(HttpStatusCode.OK, Event("a", "2026-01-05"), Event("b", "2026-01-06", minutes: null), Event("c", "2026-02-02", "S2", 3), Event("d", "2026-01-08"));
        Assert.Equal((1, 2, 1), (changed.Int("inserted"), changed.Int("updated"), changed.Int("unchanged")));
        Assert.Equal("1", await ScalarAsync(
            "SELECT COUNT(*) FROM usage_events WHERE event_id = 'c' AND employee_key = 'S2' AND uses = 3 AND occurred_on = '2026-02-02'"));
        Assert.Equal("0", await ScalarAsync("SELECT COUNT(*) FROM usage_events WHERE event_id = 'b' AND minutes_saved IS NOT NULL"));
        Assert.Equal("4", await ScalarAsync("SELECT COUNT(*) FROM usage_events"));

        // A moved event makes both its old and its new date stale.
        Assert.Equal("2", await ScalarAsync("SELECT COUNT(*) FROM kpi_dirty_dates WHERE occurred_on IN ('2026-01-07', '2026-02-02')"));
        Assert.Equal("4", await ScalarAsync("SELECT COUNT(*) FROM kpi_dirty_dates")); // b (changed), c (old and new date), d (new)
    }

    [Fact]
    public async Task Events_without_an_id_get_one_each()
    {
        var logged = await (await _app.Admin().PostAsJsonAsync("/api/v1/usage-events", new
        {
            events = new[] { new { occurredOn = "2026-01-05", employeeKey = "S1", useCaseCode = "MAIL", uses = 1 }, new { occurredOn = "2026-01-05", employeeKey = "S1", useCaseCode = "MAIL", uses = 1 } },
        })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, logged.Int("inserted"));
        Assert.Equal(2, logged.GetProperty("eventIds").EnumerateArray().Select(e => e.GetString()).Distinct().Count());
    }

    [Fact]
    public async Task The_same_event_id_twice_in_one_batch_is_refused_naming_the_item_and_nothing_is_written()
    {
        var refused = await LogAsync(HttpStatusCode.BadRequest, Event("a", "2026-01-05"), Event("b", "2026-01-06"), Event("a", "2026-01-07"));
        var error = refused.GetProperty("errors").GetProperty("events[2].eventId");
        Assert.Contains("events[0]", error[0].GetString());
        Assert.Equal("0", await ScalarAsync("SELECT COUNT(*) FROM usage_events"));
    }

    [Fact]
    public async Task Unknown_use_cases_and_employees_are_named_and_nothing_is_written()
    {
        var refused = await LogAsync(HttpStatusCode.BadRequest, Event("a", "2026-01-05"),
            new { eventId = "b", occurredOn = "2026-01-05", employeeKey = "S1", useCaseCode = "NOPE", uses = 1 }, Event("c", "2026-01-05", "NOBODY"));
        Assert.Equal(["events[1].useCaseCode", "events[2].employeeKey"], refused.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal("0", await ScalarAsync("SELECT COUNT(*) FROM usage_events"));
    }
}
