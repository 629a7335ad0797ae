using System.Net;
using System.Text.Json;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Kpis;

/// <summary>
/// GET /kpis/departments/heatmap is GET /kpis/departments cut to what a heatmap draws: the same
/// figures, the same privacy, the periods listed once and each department's figures in arrays
/// aligned with them. January 2026: W02 = 5–11, W03 = 12–18, W04 = 19–25 (today is Sunday the 25th).
/// </summary>
public sealed class DepartmentHeatmapTests : IAsyncLifetime
{
    private const string Range = "grain=week&from=2026-01-05&to=2026-01-25";
    private const string Heatmap = $"/api/v1/kpis/departments/heatmap?{Range}";
    private const string Departments = $"/api/v1/kpis/departments?{Range}";

    private readonly KpiApp _app = new(new DateOnly(2026, 1, 25));

    public async Task InitializeAsync()
    {
        await _app.ImportOkAsync("departments", """
            code,name
            SALES,Sales
            OPS,Operations
            HR,Human resources
            EMPTY,Nobody yet
            """);
        // HR (2 people) is hidden from non-admins, and OPS (5, the smallest other) with it, so that the
        // organisation's total minus SALES does not give HR's figures. S6 joins in W03.
        await _app.ImportOkAsync("employees", """
            employee_key,department_code,joined_on,left_on
            S1,SALES,2025-01-01,
            S2,SALES,2025-01-01,
            S3,SALES,2025-01-01,
            S4,SALES,2025-01-01,
            S5,SALES,2025-01-01,
            S6,SALES,2026-01-14,
            S7,SALES,2025-01-01,
            O1,OPS,2025-01-01,
            O2,OPS,2025-01-01,
            O3,OPS,2025-01-01,
            O4,OPS,2025-01-01,
            O5,OPS,2025-01-01,
            H1,HR,2025-06-01,
            H2,HR,2025-06-01,
            """);
        await _app.ImportOkAsync("use-cases", """
            code,title,category,status,minutes_saved_per_use
            MAIL,Draft e-mails,writing,production,6
            """);
        await _app.ImportOkAsync("usage-events", """
            event_id,occurred_on,employee_key,use_case_code,uses
            e1,2026-01-05,S1,MAIL,3
            e2,2026-01-11,S2,MAIL,1
            e3,2026-01-06,S7,MAIL,1
            e4,2026-01-09,H1,MAIL,2
            e5,2026-01-12,S1,MAIL,1
            e6,2026-01-16,S6,MAIL,1
            e7,2026-01-20,S3,MAIL,1
            e8,2026-01-21,O1,MAIL,1
            e9,2026-01-22,O2,MAIL,1
            """);
        Assert.Equal("succeeded", (await _app.RecomputeAsync()).Str("status"));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_heatmap_agrees_with_the_department_read_figure_by_figure()
    {
        foreach (var client in new[] { _app.Admin(), await _app.AsRole("executive") })
        {
            var heatmap = await _app.GetAsync(Heatmap, client);
            var full = await _app.GetAsync(Departments, client);
            Assert.Equal(full.Str("grain"), heatmap.Str("grain"));
            Assert.Equal(full.Str("computedAt"), heatmap.Str("computedAt"));
            Assert.Equal(full.GetProperty("stale").GetBoolean(), heatmap.GetProperty("stale").GetBoolean());

            var periods = heatmap.GetProperty("periods").EnumerateArray().ToList();
            Assert.Equal(["2026-W02", "2026-W03", "2026-W04"], periods.Select(p => p.Str("period")!).ToArray());
            Assert.Equal(full.GetProperty("departments").EnumerateArray().Select(d => d.Str("code")!).ToArray(),
                heatmap.GetProperty("departments").EnumerateArray().Select(d => d.Str("code")!).ToArray());

            foreach (var department in full.GetProperty("departments").EnumerateArray())
            {
                var row = heatmap.Department(department.Str("code")!);
                Assert.Equal(department.Str("name"), row.Str("name"));
                var suppressed = row.GetProperty("suppressed").EnumerateArray().Select(i => i.GetInt32()).ToHashSet();
                var expected = department.GetProperty("periods").EnumerateArray().ToList();
                Assert.Equal(periods.Count, expected.Count);
                for (var i = 0; i < periods.Count; i++)
                {
                    var where = $"{department.Str("code")} {periods[i].Str("period")}";
                    Assert.Equal(expected[i].Str("period"), periods[i].Str("period"));
                    Assert.Equal(expected[i].Str("start"), periods[i].Str("start"));
                    Assert.Equal(expected[i].Str("end"), periods[i].Str("end"));
                    Assert.True(expected[i].Long("headcount") == At(row, "headcount", i), where);
                    Assert.True(expected[i].Long("activeEmployees") == At(row, "activeEmployees", i), where);
                    Assert.True(expected[i].GetProperty("suppressed").GetBoolean() == suppressed.Contains(i), where);
                }
                Assert.Equal(expected[^1].Str("trend"), row.Str("trend"));
            }
        }
    }

    [Fact]
    public async Task Hidden_departments_show_only_their_headcount_to_an_executive_and_everything_to_an_admin()
    {
        var executive = await _app.AsRole("executive");
        for (var round = 0; round < 2; round++) // the second round is served from the kept answers
        {
            var hidden = await _app.GetAsync(Heatmap, executive);
            var hr = hidden.Department("HR");
            Assert.Equal([0, 1, 2], hr.GetProperty("suppressed").EnumerateArray().Select(i => i.GetInt32()).ToArray());
            Assert.Equal([2L, 2L, 2L], Longs(hr, "headcount"));
            Assert.Equal([null, null, null], Longs(hr, "activeEmployees"));
            Assert.True(hr.IsNull("trend"));
            var ops = hidden.Department("OPS");
            Assert.Equal([0, 1, 2], ops.GetProperty("suppressed").EnumerateArray().Select(i => i.GetInt32()).ToArray());
            Assert.Equal([5L, 5L, 5L], Longs(ops, "headcount"));
            Assert.Equal([null, null, null], Longs(ops, "activeEmployees"));
            var sales = hidden.Department("SALES");
            Assert.Empty(sales.GetProperty("suppressed").EnumerateArray());
            Assert.Equal([6L, 7L, 7L], Longs(sales, "headcount"));
            Assert.Equal([3L, 2L, 1L], Longs(sales, "activeEmployees"));
            var empty = hidden.Department("EMPTY");
            Assert.Equal([0L, 0L, 0L], Longs(empty, "headcount"));
            Assert.Empty(empty.GetProperty("suppressed").EnumerateArray());

            var admin = await _app.GetAsync(Heatmap);
            var hrForAdmin = admin.Department("HR");
            Assert.Empty(hrForAdmin.GetProperty("suppressed").EnumerateArray());
            Assert.Equal([1L, 0L, 0L], Longs(hrForAdmin, "activeEmployees"));
            Assert.Equal("insufficient-data", hrForAdmin.Str("trend"));
            Assert.Equal([0L, 0L, 2L], Longs(admin.Department("OPS"), "activeEmployees"));
        }
    }

    [Theory]
    [InlineData("champion")]
    [InlineData("hr")]
    public async Task Champions_and_hr_read_the_heatmap_with_small_groups_hidden_like_executives(string role)
    {
        var reader = await _app.AsRole(role, role == "champion" ? ["HR"] : []);
        var answer = await _app.GetAsync(Heatmap, reader);
        Assert.Equal((await _app.GetAsync(Heatmap, await _app.AsRole("executive"))).GetRawText(), answer.GetRawText());
        // Championing a small department does not lift the rule: the heatmap is a dashboard read.
        Assert.Equal([null, null, null], Longs(answer.Department("HR"), "activeEmployees"));
    }

    [Fact]
    public async Task Without_a_token_it_is_401()
    {
        var response = await _app.CreateClient().GetAsync(Heatmap);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("?grain=day", "grain")]
    [InlineData("?grain=week&from=2026-02-30", "from")]
    [InlineData("?grain=week&from=2026-02-01&to=2026-01-01", "from")]
    [InlineData("?to=01/02/2026", "to")]
    public async Task Bad_queries_are_400_problems_naming_the_field(string query, string field)
    {
        var response = await _app.Admin().GetAsync($"/api/v1/kpis/departments/heatmap{query}");
        var problem = await response.ReadJsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private static long? At(JsonElement row, string figure, int i)
    {
        var value = row.GetProperty(figure)[i];
        return value.ValueKind == JsonValueKind.Null ? null : value.GetInt64();
    }

    private static long?[] Longs(JsonElement row, string figure) =>
        row.GetProperty(figure).EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (long?)null : v.GetInt64()).ToArray();
}
