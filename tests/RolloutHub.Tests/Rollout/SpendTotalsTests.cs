using System.Net;
using System.Net.Http.Json;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Features.Budget;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Rollout;

/// <summary>
/// Actual spend per budget line and per period is added up by the server, exactly (decimals), over
/// every spend entry, instead of by the budget page and the overview over pages of spend rows.
/// </summary>
public sealed class SpendTotalsTests : IAsyncLifetime
{
    private readonly TestApp _app = RolloutWorld.App();

    public async Task InitializeAsync()
    {
        await _app.DepartmentsAsync("A");
        await _app.BudgetLineAsync("SEATS", "per-seat", 30, 100);
        await _app.BudgetLineAsync("TRAIN", "fixed", 1000, 1, category: "training");
        await _app.BudgetLineAsync("IDLE", "fixed", 10, 1);
        await _app.ImportOkAsync("spend", """
            spend_id,occurred_on,budget_line_code,amount
            s1,2026-03-02,SEATS,0.10
            s2,2026-03-08,SEATS,0.20
            s3,2026-03-09,SEATS,100
            t1,2026-03-20,TRAIN,250.5
            t2,2025-12-31,TRAIN,1000
            """);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<SpendTotals> Totals(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/budget/spend/totals?{query}");
        await response.ReadJsonAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<SpendTotals>())!;
    }

    [Fact]
    public async Task Every_line_gets_its_spend_ever_recorded_exactly_lines_without_spend_included()
    {
        var totals = await Totals(_app.Admin(), "groupBy=line");

        Assert.Equal(["IDLE 0 0", "SEATS 100.3 3", "TRAIN 1250.5 2"], totals.Rows.Select(r => $"{r.Key} {r.Amount} {r.Entries}"));
        Assert.Equal("Line SEATS", totals.Rows[1].Name);
        Assert.Equal(1350.8m, totals.Total);
        Assert.Equal("EUR", totals.Currency);
    }

    [Fact]
    public async Task A_span_limits_the_spend_counted_per_line()
    {
        var totals = await Totals(_app.Admin(), "from=2026-01-01&to=2026-03-08");

        Assert.Equal(["IDLE 0", "SEATS 0.3", "TRAIN 0"], totals.Rows.Select(r => $"{r.Key} {r.Amount}"));
    }

    [Fact]
    public async Task By_iso_week_every_week_of_the_span_is_a_row_with_its_running_total()
    {
        var totals = await Totals(_app.Admin(), "groupBy=week&from=2026-03-02&to=2026-03-22");

        Assert.Equal(["2026-W10 2026-03-02 2026-03-08 0.3 0.3", "2026-W11 2026-03-09 2026-03-15 100 100.3", "2026-W12 2026-03-16 2026-03-22 250.5 350.8"],
            totals.Rows.Select(r => $"{r.Key} {r.Start:yyyy-MM-dd} {r.End:yyyy-MM-dd} {r.Amount} {r.Cumulative}"));
    }

    [Fact]
    public async Task By_month_the_span_counts_only_its_own_days_of_a_partial_month()
    {
        var totals = await Totals(_app.Admin(), "groupBy=month&from=2025-12-15&to=2026-03-10");

        Assert.Equal(["2025-12 1000", "2026-01 0", "2026-02 0", "2026-03 100.3"], totals.Rows.Select(r => $"{r.Key} {r.Amount}"));
        Assert.Equal(1100.3m, totals.Rows[^1].Cumulative);
    }

    [Theory]
    [InlineData("groupBy=day", "groupBy")]
    [InlineData("from=2026-03-31&to=2026-03-01", "from")]
    [InlineData("groupBy=week&from=2000-01-01&to=2026-03-01", "to")]
    public async Task Bad_parameters_are_a_400_naming_the_field(string query, string field)
    {
        var problem = await (await _app.Admin().GetAsync($"/api/v1/budget/spend/totals?{query}")).ReadJsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Executives_read_spend_totals_and_champions_and_hr_do_not()
    {
        Assert.Equal(1350.8m, (await Totals(await _app.AsRole(Roles.Executive), "")).Total);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _app.AsRole(Roles.Champion, "A")).GetAsync("/api/v1/budget/spend/totals")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _app.AsRole(Roles.Hr)).GetAsync("/api/v1/budget/spend/totals")).StatusCode);
    }
}
