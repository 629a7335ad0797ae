using System.Net;
using System.Text.Json;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Rollout;

/// <summary>The budget summary on hand-worked numbers.</summary>
public sealed class BudgetSummaryTests : IAsyncLifetime
{
    private readonly TestApp _app = RolloutWorld.App();
    private const string Query = "/api/v1/budget/summary?from=2026-01-01&to=2026-03-31&asOf=2026-03-31";

    /// <summary>
    /// Ten employees: A1–A6 with seats, BS1–BS2 with seats, BN1–BN2 without. A1–A4 used it 10 times each
    /// on 20 March (40 uses by 4 people in the 28 days up to 31 March); A5 once in February.
    /// Lines for 2026: SEATS per-seat 120 a seat × 10 (wave W1, target depth 0.5), API usage 0.50 a use ×
    /// 2,000, TRAIN fixed 600 over January–June.
    /// </summary>
    public async Task InitializeAsync()
    {
        await _app.DepartmentsAsync("A", "B");
        var a = await _app.EmployeesAsync("A", 6, "A");
        await _app.EmployeesAsync("B", 2, "BS");
        await _app.EmployeesAsync("B", 2, "BN", seat: false);
        await _app.UseCaseAsync("MAIL");
        await _app.UsageAsync(a.Take(4), "MAIL", new DateOnly(2026, 3, 20), uses: 10);
        await _app.UsageAsync(["A5"], "MAIL", new DateOnly(2026, 2, 10));
        await _app.WaveAsync("W1", ["A", "B"], targetDepth: 0.5);
        await _app.BudgetLineAsync("SEATS", "per-seat", 120, 10, wave: "W1");
        await _app.BudgetLineAsync("API", "usage", 0.5, 2000);
        await _app.BudgetLineAsync("TRAIN", "fixed", 600, 1, category: "training", periodEnd: "2026-06-30");
        await _app.SpendAsync(
            ("s1", "2026-01-28", "SEATS", 100), ("s2", "2026-02-28", "SEATS", 100), ("s3", "2026-03-28", "SEATS", 100),
            ("a1", "2026-01-28", "API", 50), ("a2", "2026-02-28", "API", 60), ("a3", "2026-03-28", "API", 150),
            ("t1", "2026-01-15", "TRAIN", 300));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static (string Key, double Planned, double Actual) Row(JsonElement row) =>
        (row.Str("key")!, Math.Round(row.GetProperty("planned").GetDouble(), 2), Math.Round(row.GetProperty("actual").GetDouble(), 2));

    [Theory]
    [InlineData("GET", Query)]
    [InlineData("GET", "/api/v1/training-needs?asOf=2026-03-31")]
    [InlineData("GET", "/api/v1/budget/summary?from=2026-03-31&to=2026-01-01")]
    [InlineData("POST", "/api/v1/imports/spend")]
    public async Task An_answer_is_the_same_bytes_whatever_language_the_request_asks_for(string method, string path)
    {
        async Task<(HttpStatusCode, string)> AskIn(string language)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            request.Headers.AcceptLanguage.ParseAdd(language);
            // A spend import with a date that is not one on line 2: the CSV error answer.
            if (method == "POST")
                request.Content = new StringContent("spend_id,occurred_on,budget_line_code,amount\nx1,not-a-date,SEATS,10\n", System.Text.Encoding.UTF8, "text/csv");
            var response = await _app.Admin().SendAsync(request);
            // A problem's trace id names the request, not its language.
            var body = System.Text.RegularExpressions.Regex.Replace(await response.Content.ReadAsStringAsync(), "\"traceId\":\"[^\"]*\"", "\"traceId\":\"\"");
            return (response.StatusCode, body);
        }

        var english = await AskIn("en");
        Assert.Equal(english, await AskIn("fr"));
        Assert.Equal(english, await AskIn("fr-FR, fr;q=0.9"));
        var expected = method == "POST" ? HttpStatusCode.UnprocessableEntity
            : path.Contains("from=2026-03-31", StringComparison.Ordinal) ? HttpStatusCode.BadRequest : HttpStatusCode.OK;
        Assert.Equal(expected, english.Item1);
    }

    [Fact]
    public async Task Planned_is_spread_evenly_over_the_months_of_each_line_and_compared_with_spend()
    {
        var summary = await _app.Admin().GetOkAsync(Query);
        Assert.Equal(("2026-01-01", "2026-03-31"), (summary.Str("from"), summary.Str("to")));
        Assert.Equal([("licenses", 550.0, 560.0), ("training", 300.0, 300.0)], summary.GetProperty("rows").EnumerateArray().Select(Row).ToList());

        var byMonth = await _app.Admin().GetOkAsync(Query + "&groupBy=month");
        Assert.Equal([("2026-01", 283.33, 450.0), ("2026-02", 283.33, 160.0), ("2026-03", 283.33, 250.0)],
            byMonth.GetProperty("rows").EnumerateArray().Select(Row).ToList());

        var byWave = await _app.Admin().GetOkAsync(Query + "&groupBy=wave");
        Assert.Equal([("W1", 300.0, 300.0), ("none", 550.0, 560.0)], byWave.GetProperty("rows").EnumerateArray().Select(Row).ToList());

        var totals = summary.GetProperty("totals");
        Assert.Equal((850.0, 860.0), (Math.Round(totals.GetProperty("planned").GetDouble(), 6), totals.GetProperty("actual").GetDouble()));
        Assert.Equal(10.0 / 850, totals.GetProperty("varianceRatio").GetDouble(), 10);
    }

    [Fact]
    public async Task Unit_costs_divide_spend_by_the_active_employees_and_by_the_headcount_over_a_year()
    {
        var totals = (await _app.Admin().GetOkAsync(Query)).GetProperty("totals");
        Assert.Equal((10, 5), (totals.Int("headcount"), totals.Int("activeEmployees")));
        Assert.Equal(860.0 / 5, totals.GetProperty("costPerActiveEmployee").GetDouble(), 10);
        // 860 over the 90 days of January–March is 3,487.78 a year, for 10 employees.
        Assert.Equal(860.0 * 365 / 90 / 10, totals.GetProperty("costPerEmployeePerYear").GetDouble(), 10);
    }

    [Fact]
    public async Task At_full_scale_per_seat_prices_every_employee_and_usage_prices_the_target_share_at_todays_usage()
    {
        var fullScale = (await _app.Admin().GetOkAsync(Query)).GetProperty("fullScale");
        Assert.Equal(10, fullScale.Int("employeesInScope"));
        Assert.Equal(("waves", 0.5), (fullScale.Str("targetDepthSource"), fullScale.GetProperty("targetDepth").GetDouble()));
        var perActive = 40.0 / 4 * 365 / 28; // 130.36 uses a year
        Assert.Equal(perActive, fullScale.GetProperty("usesPerActiveEmployeePerYear").GetDouble(), 10);

        // Per seat: 10 employees × 120 = 1,200 a year.
        Assert.Equal(1200.0, fullScale.GetProperty("perSeat").GetProperty("yearlyCost").GetDouble(), 10);
        // Usage: 10 × 0.5 = 5 active × 130.36 uses × 0.50 = 325.89 a year.
        Assert.Equal(5 * perActive * 0.5, fullScale.GetProperty("usage").GetProperty("yearlyCost").GetDouble(), 10);
        // The basis is a code and its figures, never a sentence in one language.
        var seatBasis = fullScale.GetProperty("perSeat").GetProperty("basis");
        Assert.Equal(("per-seat", 10, 120.0), (seatBasis.Str("code"), seatBasis.Int("employees"), seatBasis.GetProperty("unitPrice").GetDouble()));
        var usageBasis = fullScale.GetProperty("usage").GetProperty("basis");
        Assert.Equal(("usage", 10, 0.5, 5.0), (usageBasis.Str("code"), usageBasis.Int("employees"),
            usageBasis.GetProperty("targetDepth").GetDouble(), usageBasis.GetProperty("activeEmployees").GetDouble()));
        Assert.Equal(perActive, usageBasis.GetProperty("usesPerActiveEmployeePerYear").GetDouble(), 10);
        Assert.Equal(0.5, usageBasis.GetProperty("unitPrice").GetDouble(), 10);
        Assert.Equal("usage", fullScale.Str("cheaperModel"));
        Assert.Equal(1200 - 5 * perActive * 0.5, fullScale.GetProperty("yearlySaving").GetDouble(), 10);
        // Both cost the same at 1,200 ÷ (5 × 0.50) = 480 uses per active employee a year.
        Assert.Equal(480.0, fullScale.GetProperty("breakEvenUsesPerActiveEmployeePerYear").GetDouble(), 10);
        // TRAIN: 600 over 181 days.
        Assert.Equal(600.0 * 365 / 181, fullScale.GetProperty("fixedPerYear").GetDouble(), 10);

        // At a 100 % target usage costs 651.79, still below the seats.
        var everyone = (await _app.Admin().GetOkAsync(Query + "&targetDepth=1")).GetProperty("fullScale");
        Assert.Equal(10 * perActive * 0.5, everyone.GetProperty("usage").GetProperty("yearlyCost").GetDouble(), 10);
    }

    [Fact]
    public async Task Idle_seats_are_seat_holders_in_the_lines_scope_without_usage_in_the_last_28_days()
    {
        var idle = (await _app.Admin().GetOkAsync(Query)).GetProperty("idleSeats");
        var line = Assert.Single(idle.GetProperty("lines").EnumerateArray());
        Assert.Equal(("SEATS", "wave W1"), (line.Str("lineCode"), line.Str("scope")));
        // 8 seats (A1–A6, BS1–BS2); A1–A4 used it on 20 March; A5's February use is too old.
        Assert.Equal((8, 4), (line.Int("seatsHeld"), line.Int("idle")));
        Assert.Equal(480.0, idle.GetProperty("yearlyCost").GetDouble(), 10);
    }

    [Fact]
    public async Task The_summary_is_for_executives_and_admins_and_checks_its_parameters()
    {
        var executive = await _app.AsRole("executive");
        await executive.GetOkAsync(Query);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _app.AsRole("hr")).GetAsync(Query)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _app.Admin().GetAsync(Query + "&groupBy=colour")).StatusCode);
    }
}
