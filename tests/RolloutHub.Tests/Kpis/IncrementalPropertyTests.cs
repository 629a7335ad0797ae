using System.Globalization;
using System.Text;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Kpis;

/// <summary>
/// Property: whatever the sequence of imports between runs, the snapshots that incremental runs
/// leave behind are identical, figure for figure, to those of one full recompute.
/// </summary>
public sealed class IncrementalPropertyTests
{
    [Theory]
    [InlineData(20261125)]
    [InlineData(7)]
    [InlineData(42)]
    public async Task Incremental_runs_after_random_imports_equal_a_full_recompute(int seed)
    {
        var random = new Random(seed);
        var today = new DateOnly(2026, 6, 28);
        await using var app = new KpiApp(today);
        await app.ImportOkAsync("departments", "code,name\nA,Alpha\nB,Beta\nC,Gamma\nD,Delta\n");
        var employees = new StringBuilder("employee_key,department_code,joined_on,left_on,has_seat\n");
        for (var i = 0; i < 14; i++)
        {
            var joined = random.Next(3) == 0 ? "" : $"{new DateOnly(2025, 10, 1).AddDays(random.Next(200)):yyyy-MM-dd}";
            var left = random.Next(4) == 0 ? $"{new DateOnly(2026, 2, 1).AddDays(random.Next(120)):yyyy-MM-dd}" : "";
            if (joined != "" && left != "" && string.CompareOrdinal(left, joined) < 0) left = "";
            employees.Append(CultureInfo.InvariantCulture, $"E{i},{"ABC"[i % 3]},{joined},{left},{(random.Next(2) == 0 ? "oui" : "non")}\n");
        }
        await app.ImportOkAsync("employees", employees.ToString());
        await app.ImportOkAsync("use-cases", """
            code,title,category,status,minutes_saved_per_use,tool
            U1,One,writing,production,6,Copilot
            U2,Two,sales,pilot,20.5,ChatGPT
            U3,Three,support,production,0.3,
            """);
        await app.Admin().PutAsync("/api/v1/waves/W1", System.Net.Http.Json.JsonContent.Create(new
        {
            name = "Wave 1", kind = "pilot", sequence = 1, departmentCodes = new[] { "A", "B" },
            plannedStart = "2026-02-02", plannedEnd = "2026-04-30", status = "active",
        }));

        var nextEvent = 0;
        var nextReport = 0;
        async Task ImportRandomBatchAsync(bool recentOnly = false)
        {
            var events = new StringBuilder("event_id,occurred_on,employee_key,use_case_code,uses,minutes_saved\n");
            for (var i = 0; i < 25; i++)
            {
                // Mostly new events, some rewriting an earlier one (moving its date back or forth).
                var id = nextEvent > 0 && random.Next(5) == 0 && !recentOnly ? random.Next(nextEvent) : nextEvent++;
                var date = recentOnly ? new DateOnly(2026, 6, 1).AddDays(random.Next(37)) : new DateOnly(2026, 1, 1).AddDays(random.Next(179));
                var minutes = random.Next(3) == 0 ? (random.Next(100) / 4.0).ToString(CultureInfo.InvariantCulture) : "";
                if (events.ToString().Contains($"\nev{id},", StringComparison.Ordinal)) continue;
                events.Append(CultureInfo.InvariantCulture, $"ev{id},{date:yyyy-MM-dd},E{random.Next(14)},U{random.Next(1, 4)},{random.Next(1, 5)},{minutes}\n");
            }
            await app.ImportOkAsync("usage-events", events.ToString());
            var reports = new StringBuilder("report_id,occurred_on,department_code,tickets_avoided,employees_helped\n");
            for (var i = 0; i < 3; i++)
                reports.Append(CultureInfo.InvariantCulture, $"r{nextReport++},{(recentOnly ? new DateOnly(2026, 6, 1).AddDays(random.Next(37)) : new DateOnly(2026, 1, 1).AddDays(random.Next(179))):yyyy-MM-dd},{"ABCD"[random.Next(4)]},{random.Next(5)},{random.Next(5)}\n");
            await app.ImportOkAsync("outcomes", reports.ToString());
        }

        await ImportRandomBatchAsync();
        Assert.Equal("full", (await app.RecomputeAsync()).Str("mode"));
        for (var round = 0; round < 8; round++)
        {
            // Some rounds touch only recent dates, as telemetry usually does: then only the last
            // periods are rewritten and the older active counts come from the stored snapshots.
            await ImportRandomBatchAsync(recentOnly: round % 2 == 1);
            if (round == 3) app.Clock.Today = today.AddDays(9); // new periods appear without any data change
            var run = await app.RecomputeAsync();
            Assert.Equal("succeeded", run.Str("status"));
            Assert.Equal("incremental", run.Str("mode"));
        }
        var incremental = await SnapshotsAsync(app);

        var full = await app.RecomputeAsync(full: true);
        Assert.Equal("full", full.Str("mode"));
        var recomputed = await SnapshotsAsync(app);

        Assert.True(recomputed.Count > 100, $"only {recomputed.Count} snapshot rows");
        Assert.Contains(recomputed, r => r.StartsWith("tool_snapshots: ", StringComparison.Ordinal) && r.Contains("| ChatGPT |", StringComparison.Ordinal));
        Assert.Contains(recomputed, r => r.StartsWith("tool_period_snapshots: ", StringComparison.Ordinal) && !r.EndsWith("| 0", StringComparison.Ordinal));
        Assert.Equal(recomputed, incremental);

        // Band counts and transitions each add up to the headcount, in every scope and period.
        await using var connection = await app.Database.OpenAsync();
        await using var check = connection.CreateCommand();
        check.CommandText = """
            SELECT
              (SELECT COUNT(*) FROM adoption_snapshots WHERE grain = 'week' AND habitual + regular + occasional + non_user <> headcount),
              (SELECT COUNT(*) FROM adoption_snapshots WHERE retained + new_active + reactivated + lapsed + dormant <> headcount),
              (SELECT COUNT(*) FROM adoption_snapshots WHERE grain = 'month' AND habitual IS NOT NULL),
              (SELECT COUNT(*) FROM adoption_snapshots WHERE headcount > 0)
            """;
        await using var reader = await check.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(0, Convert.ToInt64(reader.GetValue(0)));
        Assert.Equal(0, Convert.ToInt64(reader.GetValue(1)));
        Assert.Equal(0, Convert.ToInt64(reader.GetValue(2)));
        Assert.True(Convert.ToInt64(reader.GetValue(3)) > 50);
    }

    private static async Task<List<string>> SnapshotsAsync(KpiApp app)
    {
        var rows = new List<string>();
        await using var connection = await app.Database.OpenAsync();
        foreach (var table in new[] { "kpi_snapshots", "adoption_snapshots", "tool_snapshots", "tool_period_snapshots" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY grain, department_code, period_start{(table == "tool_snapshots" ? ", tool" : "")}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rows.Add(table + ": " + string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i =>
                    reader.IsDBNull(i) ? "null" : reader.GetValue(i) is double d ? d.ToString("R", CultureInfo.InvariantCulture) : reader.GetValue(i).ToString())));
        }
        return rows;
    }
}
