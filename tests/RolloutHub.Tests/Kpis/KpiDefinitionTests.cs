using System.Net;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Kpis;

/// <summary>
/// Figures on a small organisation where every number is worked out by hand.
/// January 2026: W02 = 5–11, W03 = 12–18, W04 = 19–25 (today is Sunday the 25th).
/// </summary>
public sealed class KpiDefinitionTests : IAsyncLifetime
{
    private readonly KpiApp _app = new(new DateOnly(2026, 1, 25));

    public async Task InitializeAsync()
    {
        await _app.ImportOkAsync("departments", """
            code,name
            SALES,Sales
            HR,Human resources
            EMPTY,Nobody yet
            """);
        // S6 joins on Wednesday of W03; S7 leaves on Wednesday of W02 and keeps using AI afterwards.
        await _app.ImportOkAsync("employees", """
            employee_key,department_code,joined_on,left_on,has_seat
            S1,SALES,2025-01-01,,true
            S2,SALES,2025-01-01,,false
            S3,SALES,2025-01-01,,
            S4,SALES,2025-01-01,,
            S5,SALES,2025-01-01,,
            S6,SALES,2026-01-14,,
            S7,SALES,2025-01-01,2026-01-07,
            H1,HR,2025-06-01,,
            H2,HR,2025-06-01,,
            """);
        await _app.ImportOkAsync("use-cases", """
            code,title,category,status,minutes_saved_per_use
            MAIL,Draft e-mails,writing,production,6
            QUOTE,Prepare quotes,sales,pilot,20.5
            """);
        await _app.ImportOkAsync("usage-events", """
            event_id,occurred_on,employee_key,use_case_code,uses,minutes_saved
            e1,2026-01-05,S1,MAIL,3,
            e2,2026-01-11,S2,QUOTE,1,12.5
            e3,2026-01-06,S7,MAIL,1,
            e4,2026-01-09,H1,MAIL,2,
            e5,2026-01-12,S1,MAIL,1,
            e6,2026-01-15,S7,QUOTE,2,
            e7,2026-01-16,S6,MAIL,1,
            e8,2026-01-20,S3,QUOTE,1,0
            """);
        await _app.ImportOkAsync("outcomes", """
            report_id,occurred_on,department_code,tickets_avoided,employees_helped
            r1,2026-01-07,SALES,4,2
            r2,2026-01-19,HR,1,0
            r3,2026-01-13,EMPTY,2,3
            """);
        var run = await _app.RecomputeAsync();
        Assert.Equal("succeeded", run.Str("status"));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Organisation_weeks_count_headcount_active_diversity_and_impact_by_hand()
    {
        var kpis = await _app.GetAsync("/api/v1/kpis?grain=week&from=2026-01-05&to=2026-01-25");
        Assert.Equal("week", kpis.Str("grain"));
        Assert.False(kpis.GetProperty("stale").GetBoolean());
        Assert.Equal(["2026-W02", "2026-W03", "2026-W04"], kpis.GetProperty("periods").EnumerateArray().Select(p => p.Str("period")!).ToArray());

        // W02: S1–S5 and S7 (leaves on the 7th, after the week starts) in SALES, H1–H2 in HR; S6 not yet.
        var w02 = kpis.Period("2026-W02");
        Assert.Equal("2026-01-05", w02.Str("start"));
        Assert.Equal("2026-01-11", w02.Str("end"));
        Assert.Equal(8, w02.GetProperty("depth").Long("headcount"));
        Assert.Equal(4, w02.GetProperty("depth").Long("activeEmployees")); // S1, S2 (on the Sunday), S7, H1
        Assert.Equal(0.5, w02.GetProperty("depth").Num("ratio"));
        Assert.Equal(2, w02.GetProperty("breadth").Long("departments")); // EMPTY has nobody
        Assert.Equal(2, w02.GetProperty("breadth").Long("adoptingDepartments"));
        Assert.Equal(1.0, w02.GetProperty("breadth").Num("ratio"));
        Assert.Equal(2, w02.GetProperty("diversity").Long("useCasesInUse"));
        // 3 × 6 (default) + 12.5 (explicit) + 1 × 6 + 2 × 6 = 48.5 minutes.
        Assert.Equal(48.5 / 60, w02.GetProperty("impact").Num("hoursSaved")!.Value, 12);
        Assert.Equal(48.5 / 60 * 45, w02.GetProperty("impact").Num("valueSaved")!.Value, 12);
        Assert.Equal(4, w02.GetProperty("impact").Long("ticketsAvoided"));
        Assert.Equal(2, w02.GetProperty("impact").Long("employeesHelped"));

        // W03: S6 joined, S7 gone; S7's event after leaving counts for diversity and impact, not as active.
        var w03 = kpis.Period("2026-W03");
        Assert.Equal(8, w03.GetProperty("depth").Long("headcount"));
        Assert.Equal(2, w03.GetProperty("depth").Long("activeEmployees")); // S1, S6
        Assert.Equal(0.25, w03.GetProperty("depth").Num("ratio"));
        Assert.Equal(1, w03.GetProperty("breadth").Long("adoptingDepartments")); // SALES 2/6; HR 0/2
        Assert.Equal(0.5, w03.GetProperty("breadth").Num("ratio"));
        Assert.Equal(2, w03.GetProperty("diversity").Long("useCasesInUse"));
        Assert.Equal(53.0 / 60, w03.GetProperty("impact").Num("hoursSaved")!.Value, 12); // 6 + 2 × 20.5 + 6
        Assert.Equal(2, w03.GetProperty("impact").Long("ticketsAvoided")); // EMPTY's report
        Assert.Equal(3, w03.GetProperty("impact").Long("employeesHelped"));

        // W04: an explicit minutes_saved of 0 wins over the use case's 20.5.
        var w04 = kpis.Period("2026-W04");
        Assert.Equal(1, w04.GetProperty("depth").Long("activeEmployees"));
        Assert.Equal(0.125, w04.GetProperty("depth").Num("ratio"));
        Assert.Equal(0.0, w04.GetProperty("impact").Num("hoursSaved"));
        Assert.Equal(1, w04.GetProperty("diversity").Long("useCasesInUse"));
        Assert.Equal(1, w04.GetProperty("impact").Long("ticketsAvoided"));
        // Only W02–W04 have events: three periods are not enough for a trend.
        Assert.Equal("insufficient-data", w04.GetProperty("sustainability").Str("trend"));
        Assert.True(w04.GetProperty("sustainability").IsNull("slope"));
    }

    [Fact]
    public async Task Months_count_everyone_employed_at_some_time_in_the_month()
    {
        var kpis = await _app.GetAsync("/api/v1/kpis?grain=month&from=2026-01-01&to=2026-01-31");
        var january = Assert.Single(kpis.GetProperty("periods").EnumerateArray());
        Assert.Equal("2026-01", january.Str("period"));
        Assert.Equal("2026-01-31", january.Str("end"));
        Assert.Equal(9, january.GetProperty("depth").Long("headcount"));
        // S1, S2, S3, S6, S7 (employed until the 7th: his event of the 6th counts) and H1.
        Assert.Equal(6, january.GetProperty("depth").Long("activeEmployees"));
        Assert.Equal(6.0 / 9, january.GetProperty("depth").Num("ratio")!.Value, 12);
        Assert.Equal(101.5 / 60, january.GetProperty("impact").Num("hoursSaved")!.Value, 12);
        Assert.Equal(7, january.GetProperty("impact").Long("ticketsAvoided"));
        Assert.Equal(5, january.GetProperty("impact").Long("employeesHelped"));
    }

    [Fact]
    public async Task Departments_are_all_listed_and_small_ones_are_suppressed_for_executives_only()
    {
        const string url = "/api/v1/kpis/departments?grain=week&from=2026-01-05&to=2026-01-11";
        var executive = await _app.GetAsync(url, await _app.AsRole("executive"));
        Assert.Equal(["EMPTY", "HR", "SALES"], executive.GetProperty("departments").EnumerateArray().Select(d => d.Str("code")!).ToArray());

        // HR's 2 employees would be the organisation's total minus SALES: SALES is hidden with them.
        var hiddenSales = executive.Department("SALES").Period("2026-W02");
        Assert.True(hiddenSales.GetProperty("suppressed").GetBoolean());
        Assert.Equal(6, hiddenSales.Long("headcount"));
        Assert.True(hiddenSales.IsNull("activeEmployees"));

        var admin = await _app.GetAsync(url);
        var sales = admin.Department("SALES").Period("2026-W02");
        Assert.Equal(6, sales.Long("headcount"));
        Assert.Equal(3, sales.Long("activeEmployees"));
        Assert.Equal(0.5, sales.Num("depth"));
        Assert.True(sales.GetProperty("adopting").GetBoolean());
        Assert.Equal(2, sales.Long("useCasesInUse"));
        Assert.Equal(36.5 / 60, sales.Num("hoursSaved")!.Value, 12);
        Assert.Equal(4, sales.Long("ticketsAvoided"));
        Assert.False(sales.GetProperty("suppressed").GetBoolean());

        var hr = executive.Department("HR").Period("2026-W02");
        Assert.True(hr.GetProperty("suppressed").GetBoolean());
        Assert.Equal(2, hr.Long("headcount"));
        Assert.True(hr.IsNull("activeEmployees"));
        Assert.True(hr.IsNull("depth"));
        Assert.True(hr.IsNull("trend"));
        Assert.True(hr.IsNull("slope"));
        foreach (var figure in new[] { "adopting", "useCasesInUse", "hoursSaved", "ticketsAvoided", "employeesHelped", "valueSaved" })
            Assert.True(hr.IsNull(figure), figure);

        var empty = executive.Department("EMPTY").Period("2026-W02");
        Assert.Equal(0, empty.Long("headcount"));
        Assert.False(empty.GetProperty("suppressed").GetBoolean());
        Assert.False(empty.GetProperty("adopting").GetBoolean());

        var hrForAdmin = admin.Department("HR").Period("2026-W02");
        Assert.False(hrForAdmin.GetProperty("suppressed").GetBoolean());
        Assert.Equal(1, hrForAdmin.Long("activeEmployees"));
        Assert.Equal(0.5, hrForAdmin.Num("depth"));
        Assert.Equal("insufficient-data", hrForAdmin.Str("trend"));
        Assert.Equal(0.2, hrForAdmin.Num("hoursSaved")!.Value, 12);
    }

    [Fact]
    public async Task Kpis_answer_csv_when_asked()
    {
        var client = _app.Admin();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/csv");
        var response = await client.GetAsync("/api/v1/kpis/departments?grain=week&from=2026-01-05&to=2026-01-11");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("code,name,period,start,end,headcount,activeEmployees,depth", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("SALES,Sales,2026-W02,2026-01-05,2026-01-11,6,3,0.5,true,2,", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("?grain=day", "grain")]
    [InlineData("?grain=week&from=2026-02-30", "from")]
    [InlineData("?grain=week&from=2026-02-01&to=2026-01-01", "from")]
    [InlineData("?to=01/02/2026", "to")]
    public async Task Bad_queries_are_400_problems_naming_the_field(string query, string field)
    {
        var response = await _app.Admin().GetAsync($"/api/v1/kpis{query}");
        var problem = await response.ReadJsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Kpis_need_a_token_and_recompute_needs_an_admin()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient().GetAsync("/api/v1/kpis")).StatusCode);
        var champion = await _app.AsRole("champion", "SALES");
        Assert.Equal(HttpStatusCode.OK, (await champion.GetAsync("/api/v1/kpis")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await champion.PostAsync("/api/v1/kpis/recompute", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await champion.GetAsync("/api/v1/job-runs")).StatusCode);
    }
}
