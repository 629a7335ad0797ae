using System.Net;
using System.Net.Http.Json;
using Dapper;
using RolloutHub.Tests.Sources;
using RolloutHub.Tests.Support;
using static RolloutHub.Tests.Sources.SourceFiles;

namespace RolloutHub.Tests.Kpis;

/// <summary>
/// The activity rollup (each employee's active days per ISO week) is what every write of usage
/// events leaves it: the same rows as a recount of usage_events, after first loads, upserts that
/// move events to another employee or week, a champion's logging, the AI tools' imports and dry
/// runs. Runs on the suite's provider.
/// </summary>
public sealed class ActivityRollupTests : IAsyncLifetime
{
    private readonly TestApp _app = new(settings: new Dictionary<string, string?> { ["Kpis:DebounceSeconds"] = "100000", ["Kpis:MaxDelaySeconds"] = "100000" });

    public async Task InitializeAsync()
    {
        await World.LoadAsync(_app);
        await _app.ExecuteAsync("INSERT INTO identities (system, external_id, employee_key) VALUES ('github', 'octo-s2', 'S2')");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private sealed record RollupRow(string WeekStart, string EmployeeKey, int DayMask, int ActiveDays, int Events);

    private async Task<List<RollupRow>> StoredAsync()
    {
        await using var connection = await _app.Database.OpenAsync();
        var rows = await connection.QueryAsync("SELECT week_start, employee_key, day_mask, active_days, events FROM activity_rollup");
        return rows.Cast<IDictionary<string, object>>()
            .Select(r => new RollupRow(Day(r["week_start"]), (string)r["employee_key"], Convert.ToInt32(r["day_mask"]), Convert.ToInt32(r["active_days"]), Convert.ToInt32(r["events"])))
            .OrderBy(r => r.WeekStart, StringComparer.Ordinal).ThenBy(r => r.EmployeeKey, StringComparer.Ordinal).ToList();
    }

    /// <summary>The rollup counted again in C# from the stored events: ISO weeks start on Monday, bit 0 is Monday.</summary>
    private async Task<List<RollupRow>> RecountedAsync()
    {
        await using var connection = await _app.Database.OpenAsync();
        var events = await connection.QueryAsync("SELECT occurred_on, employee_key FROM usage_events");
        return events.Cast<IDictionary<string, object>>()
            .Select(e => (Day: DateOnly.ParseExact(Day(e["occurred_on"]), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), EmployeeKey: (string)e["employee_key"]))
            .GroupBy(e => (Week: e.Day.AddDays(-(((int)e.Day.DayOfWeek + 6) % 7)), e.EmployeeKey))
            .Select(g => new RollupRow($"{g.Key.Week:yyyy-MM-dd}", g.Key.EmployeeKey,
                g.Select(e => 1 << (e.Day.DayNumber - g.Key.Week.DayNumber)).Distinct().Sum(),
                g.Select(e => e.Day).Distinct().Count(), g.Count()))
            .OrderBy(r => r.WeekStart, StringComparer.Ordinal).ThenBy(r => r.EmployeeKey, StringComparer.Ordinal).ToList();
    }

    // A date column comes back as text on SQLite, as a date elsewhere.
    private static string Day(object value) => value switch
    {
        DateTime d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };

    private static object Event(string id, string date, string employee, int uses = 1) =>
        new { eventId = id, occurredOn = date, employeeKey = employee, useCaseCode = "MAIL", uses };

    [Fact]
    public async Task Every_write_of_usage_events_leaves_the_rollup_equal_to_a_recount_of_the_events()
    {
        // A first load: Monday, Wednesday twice and Sunday of one week for S1, a Sunday of the next year's week 1 for H1.
        await _app.ImportOkAsync("usage-events", """
            event_id,occurred_on,employee_key,use_case_code,uses
            a,2026-01-05,S1,MAIL,1
            b,2026-01-07,S1,MAIL,2
            c,2026-01-07,S1,QUOTE,1
            d,2026-01-11,S1,MAIL,1
            e,2027-01-10,H1,MAIL,1
            """);
        Assert.Equal(
        [
            new RollupRow("2026-01-05", "S1", 0b1000101, 3, 4),
            new RollupRow("2027-01-04", "H1", 0b1000000, 1, 1),
        ], await StoredAsync());

        // An upsert: d moves to another employee and week, b to another day of its week, f is new.
        await _app.ImportOkAsync("usage-events", """
            event_id,occurred_on,employee_key,use_case_code,uses
            b,2026-01-06,S1,MAIL,2
            d,2026-01-12,S2,MAIL,1
            f,2026-01-13,S2,MAIL,1
            """);
        Assert.Equal(
        [
            new RollupRow("2026-01-05", "S1", 0b0000111, 3, 3),
            new RollupRow("2026-01-12", "S2", 0b0000011, 2, 2),
            new RollupRow("2027-01-04", "H1", 0b1000000, 1, 1),
        ], await StoredAsync());

        // A champion's logging (here the admin's: the same handler), moving a and c out of S1's week entirely.
        var logged = await _app.Admin().PostAsJsonAsync("/api/v1/usage-events", new { events = new[] { Event("a", "2026-02-02", "O1"), Event("c", "2026-02-03", "O1"), Event("g", "2026-01-04", "S1") } });
        Assert.Equal(HttpStatusCode.OK, logged.StatusCode);
        Assert.Equal(await RecountedAsync(), await StoredAsync());
        Assert.Contains(new RollupRow("2025-12-29", "S1", 0b1000000, 1, 1), await StoredAsync());
        Assert.Contains(new RollupRow("2026-01-05", "S1", 0b0000010, 1, 1), await StoredAsync());

        // A dry run changes nothing.
        var before = await StoredAsync();
        var dry = await _app.Admin().PostAsync("/api/v1/imports/usage-events?dryRun=true", new StringContent(
            "event_id,occurred_on,employee_key,use_case_code,uses\nb,2026-03-02,H1,MAIL,1\nz,2026-03-03,H1,MAIL,1\n", System.Text.Encoding.UTF8, "text/csv"));
        Assert.True(dry.IsSuccessStatusCode, await dry.Content.ReadAsStringAsync());
        Assert.Equal(before, await StoredAsync());

        // An AI tool's export, then the same export again with another day.
        await _app.ImportSourceOkAsync("github-copilot", GitHub("octo-s2", "2026-01-14", ("code_completion", 0, 3, 1)) + "\n", "application/x-ndjson");
        await _app.ImportSourceOkAsync("github-copilot", GitHub("octo-s2", "2026-01-18", ("code_completion", 0, 3, 1)) + "\n", "application/x-ndjson");
        Assert.Contains(new RollupRow("2026-01-12", "S2", 0b1000111, 4, 4), await StoredAsync());
        Assert.Equal(await RecountedAsync(), await StoredAsync());
    }
}
