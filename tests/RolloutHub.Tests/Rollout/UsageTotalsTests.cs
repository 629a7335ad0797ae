using System.Net;
using System.Net.Http.Json;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Features.UsageEvents;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Rollout;

/// <summary>
/// The department page's usage by use case and the champion's recent activity are added up by the
/// server, over every event of the span, instead of by the browser over pages of raw events.
/// </summary>
public sealed class UsageTotalsTests : IAsyncLifetime
{
    private readonly TestApp _app = RolloutWorld.App();
    private static readonly DateOnly Day = new(2026, 3, 10);

    public async Task InitializeAsync()
    {
        // TINY is below the privacy threshold of 5; MID, the smallest other department, is hidden with it
        // (so that the organisation's total minus BIG does not give TINY's figures), BIG stays visible.
        await _app.DepartmentsAsync("BIG", "MID", "TINY");
        await _app.EmployeesAsync("BIG", 8, "b");
        await _app.EmployeesAsync("MID", 6, "m");
        await _app.EmployeesAsync("TINY", 2, "t");
        await _app.UseCaseAsync("MAIL");
        await _app.UseCaseAsync("QUOTE");
        await _app.UsageAsync([
            ("b1", "MAIL", Day, 3), ("b1", "MAIL", Day.AddDays(1), 2), ("b2", "MAIL", Day, 1),
            ("b3", "QUOTE", Day.AddDays(1), 4),
            ("b4", "MAIL", Day.AddDays(-40), 9), // outside the span asked below
            ("t1", "MAIL", Day, 5),              // another department
        ]);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<UsageTotals> Totals(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/usage-events/totals?{query}");
        await response.ReadJsonAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<UsageTotals>())!;
    }

    [Fact]
    public async Task Uses_and_distinct_employees_are_added_up_per_use_case_for_the_department_and_span_only()
    {
        var totals = await Totals(_app.Admin(), "departmentCode=BIG&from=2026-03-01&to=2026-03-31");

        Assert.False(totals.Suppressed);
        Assert.Equal((new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)), (totals.From, totals.To));
        Assert.Equal(["MAIL 6 2 MAIL title", "QUOTE 4 1 QUOTE title"],
            totals.Rows.Select(r => $"{r.UseCaseCode} {r.Uses} {r.ActiveEmployees} {r.Title}"));
        Assert.All(totals.Rows, r => Assert.Null(r.OccurredOn));
    }

    [Fact]
    public async Task By_day_each_day_and_use_case_is_a_row_newest_day_first()
    {
        var totals = await Totals(_app.Admin(), "departmentCode=BIG&from=2026-03-01&to=2026-03-31&groupBy=day");

        Assert.Equal(["2026-03-11 MAIL 2 1", "2026-03-11 QUOTE 4 1", "2026-03-10 MAIL 4 2"],
            totals.Rows.Select(r => $"{r.OccurredOn:yyyy-MM-dd} {r.UseCaseCode} {r.Uses} {r.ActiveEmployees}"));
    }

    [Fact]
    public async Task A_champion_reads_their_own_department_and_is_refused_any_other_known_or_not()
    {
        var champion = await _app.AsRole(Roles.Champion, "BIG");

        var own = await Totals(champion, "departmentCode=BIG&from=2026-03-01&to=2026-03-31");
        Assert.Equal(10, own.Rows.Sum(r => r.Uses));
        Assert.Equal(HttpStatusCode.Forbidden, (await champion.GetAsync("/api/v1/usage-events/totals?departmentCode=TINY")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await champion.GetAsync("/api/v1/usage-events/totals?departmentCode=NOPE")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Admin().GetAsync("/api/v1/usage-events/totals?departmentCode=NOPE")).StatusCode);
    }

    [Fact]
    public async Task A_department_below_the_privacy_threshold_is_suppressed_for_its_champion_but_not_for_admins()
    {
        var champion = await _app.AsRole(Roles.Champion, "TINY");

        var hidden = await Totals(champion, "departmentCode=TINY&from=2026-03-01&to=2026-03-31");
        Assert.True(hidden.Suppressed);
        Assert.Empty(hidden.Rows);

        var admin = await Totals(_app.Admin(), "departmentCode=TINY&from=2026-03-01&to=2026-03-31");
        Assert.False(admin.Suppressed);
        Assert.Equal(5, Assert.Single(admin.Rows).Uses);
    }

    [Theory]
    [InlineData("from=2026-03-01", "departmentCode")]
    [InlineData("departmentCode=BIG&groupBy=week", "groupBy")]
    [InlineData("departmentCode=BIG&from=2026-03-31&to=2026-03-01", "from")]
    [InlineData("departmentCode=BIG&from=2020-01-01&to=2026-03-01", "to")]
    public async Task Bad_parameters_are_a_400_naming_the_field(string query, string field)
    {
        var problem = await (await _app.Admin().GetAsync($"/api/v1/usage-events/totals?{query}")).ReadJsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Executives_and_hr_may_not_read_usage_totals_as_they_may_not_read_usage_events()
    {
        foreach (var role in new[] { Roles.Executive, Roles.Hr })
            Assert.Equal(HttpStatusCode.Forbidden,
                (await (await _app.AsRole(role)).GetAsync("/api/v1/usage-events/totals?departmentCode=BIG")).StatusCode);
    }
}
