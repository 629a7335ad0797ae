using System.Text.Json;
using RolloutHub.Api.Features.UseCases;
using RolloutHub.Tests.Kpis;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Rollout;

/// <summary>
/// The review schedule has one definition (docs/DEFINITIONS.md#use-case-reviews). Before, the
/// library page, its API answer and the overdue-review alert each had their own: the page flagged
/// an idea past its date and never a use case that had never been reviewed, the API dated a
/// never-reviewed one to the wall clock's today, and the alert flagged the never-reviewed one.
/// The alert's definition won; the page and the alert now read the same answer.
/// </summary>
public sealed class ReviewScheduleTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 3, 31);
    private readonly KpiApp _app = new(Today, new Dictionary<string, string?> { ["Alerts:EvaluateCron"] = "-" });

    public async Task InitializeAsync()
    {
        await _app.ImportOkAsync("departments", "code,name\nSALES,Sales\n");
        await _app.ImportOkAsync("use-cases", """
            code,title,category,status,minutes_saved_per_use,review_every_days,last_reviewed_on
            LATE,Late,writing,production,5,30,2026-01-01
            TODAY,Due today,writing,pilot,5,30,2026-03-01
            FRESH,Fresh,writing,production,5,90,2026-03-01
            NEVER,Never reviewed,writing,pilot,5,60,
            IDEA,An idea past its date,writing,idea,5,30,2025-01-01
            RETIRED,Retired,writing,retired,5,30,2025-01-01
            FREE,No cadence,writing,production,5,,
            """);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public void Only_governed_use_cases_fall_due_and_a_never_reviewed_one_is_overdue()
    {
        Assert.Equal(new ReviewState(new DateOnly(2026, 1, 31), true, true, 59), ReviewSchedule.On(UseCaseStatus.Production, 30, new DateOnly(2026, 1, 1), Today));
        Assert.Equal(new ReviewState(Today, true, false, null), ReviewSchedule.On(UseCaseStatus.Pilot, 30, new DateOnly(2026, 3, 1), Today));
        Assert.Equal(new ReviewState(null, true, true, null), ReviewSchedule.On(UseCaseStatus.Pilot, 60, null, Today));
        Assert.Equal(new ReviewState(new DateOnly(2025, 1, 31), false, false, null), ReviewSchedule.On(UseCaseStatus.Idea, 30, new DateOnly(2025, 1, 1), Today));
        Assert.Equal(new ReviewState(null, false, false, null), ReviewSchedule.On(UseCaseStatus.Production, null, null, Today));
    }

    [Fact]
    public async Task The_library_page_and_the_overdue_review_alert_agree_on_which_reviews_are_overdue()
    {
        var library = (await _app.GetAsync("/api/v1/use-cases")).GetProperty("items").EnumerateArray().ToDictionary(u => u.Str("code")!);
        var overdue = library.Values.Where(u => u.GetProperty("reviewOverdue").GetBoolean()).Select(u => u.Str("code")).Order().ToList();
        var due = library.Values.Where(u => u.GetProperty("reviewDue").GetBoolean()).Select(u => u.Str("code")).Order().ToList();
        Assert.Equal(["LATE", "NEVER"], overdue);
        Assert.Equal(["LATE", "NEVER", "TODAY"], due);
        // A never-reviewed use case has no due day (it was "today" by the wall clock before).
        Assert.Equal(JsonValueKind.Null, library["NEVER"].GetProperty("reviewDueOn").ValueKind);
        Assert.Equal("2026-03-31", library["TODAY"].Str("reviewDueOn"));

        await _app.Admin().PostOkAsync("/api/v1/alerts/evaluate");
        var alerts = await _app.GetAsync("/api/v1/alerts?rule=use-case-review-overdue");
        var alerted = alerts.GetProperty("items").EnumerateArray()
            .Where(a => a.Str("rule") == "use-case-review-overdue").Select(a => a.Str("subjectKey")).Order().ToList();
        Assert.Equal(overdue, alerted);
    }
}
