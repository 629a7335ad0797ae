using System.Net;
using System.Text.Json;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Rollout;

/// <summary>Use-case governance indicators and transfer candidates.</summary>
public sealed class UseCaseGovernanceTests : IAsyncLifetime
{
    private readonly TestApp _app = RolloutWorld.App();
    private const string Period = "from=2026-01-01&to=2026-03-31&asOf=2026-03-31";

    public async Task InitializeAsync()
    {
        await _app.DepartmentsAsync("SALES", "HR", "OPS");
        await _app.EmployeesAsync("SALES", 2, "S");
        await _app.EmployeesAsync("HR", 1, "H");
        await _app.EmployeesAsync("OPS", 1, "O");
        await _app.UseCaseAsync("MAIL", reviewEveryDays: 90, lastReviewedOn: "2026-01-10");
        await _app.UseCaseAsync("QUOTE", applicable: "SALES|OPS", reviewEveryDays: 30, lastReviewedOn: "2026-01-01", owner: "Marc");
        await _app.UseCaseAsync("NEVER", status: "pilot", reviewEveryDays: 60);
        await _app.UseCaseAsync("IDEA", status: "idea", reviewEveryDays: 30);
        await _app.UsageAsync([("S1", "MAIL", new DateOnly(2026, 2, 2), 3), ("S2", "MAIL", new DateOnly(2026, 2, 3), 2),
            ("H1", "MAIL", new DateOnly(2026, 3, 4), 1), ("S1", "QUOTE", new DateOnly(2026, 3, 5), 4), ("S1", "NEVER", new DateOnly(2026, 3, 5), 1),
            ("O1", "MAIL", new DateOnly(2025, 12, 1), 9)]);
        await _app.ImportOkAsync("outcomes", """
            report_id,occurred_on,department_code,use_case_code,tickets_avoided,employees_helped,satisfaction,blockers,note
            r1,2026-01-15,SALES,MAIL,1,1,5,,
            r2,2026-02-15,SALES,MAIL,0,1,4,Licences missing,
            r3,2026-03-15,HR,MAIL,0,1,,Too generic,
            r4,2026-03-20,HR,MAIL,0,1,3," ",
            r5,2025-12-20,HR,MAIL,0,1,1,Old blocker,
            r6,2026-03-20,SALES,,0,1,1,Not about a use case,
            """);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Volume_exception_rate_and_perceived_impact_come_from_the_usage_and_reports_of_the_period()
    {
        var mail = await _app.Admin().GetOkAsync($"/api/v1/use-cases/MAIL/indicators?{Period}");
        Assert.Equal((6, 3), (mail.Int("uses"), mail.Int("users")));
        Assert.Equal(["HR", "SALES"], mail.GetProperty("departmentsUsing").Strings());
        // Four reports name MAIL in the period; two report blockers (a blank one does not count).
        Assert.Equal((4, 2), (mail.Int("reports"), mail.Int("reportsWithBlockers")));
        Assert.Equal(0.5, mail.GetProperty("exceptionRate").GetDouble());
        Assert.Equal(3, mail.Int("ratedReports"));
        Assert.Equal(4.0, mail.GetProperty("perceivedImpact").GetDouble());

        var quote = await _app.Admin().GetOkAsync($"/api/v1/use-cases/QUOTE/indicators?{Period}");
        Assert.Equal(JsonValueKind.Null, quote.GetProperty("exceptionRate").ValueKind);
        Assert.Equal(JsonValueKind.Null, quote.GetProperty("perceivedImpact").ValueKind);
    }

    [Fact]
    public async Task A_review_is_due_after_its_cadence_and_overdue_once_past_or_when_a_governed_use_case_was_never_reviewed()
    {
        var report = await _app.Admin().GetOkAsync($"/api/v1/use-cases/indicators?{Period}");
        var byCode = report.GetProperty("useCases").EnumerateArray().ToDictionary(u => u.Str("code")!);

        Assert.Equal(("2026-04-10", false), (byCode["MAIL"].Str("reviewDueOn"), byCode["MAIL"].GetProperty("reviewOverdue").GetBoolean()));
        Assert.Equal(("2026-01-31", true, 59), (byCode["QUOTE"].Str("reviewDueOn"), byCode["QUOTE"].GetProperty("reviewOverdue").GetBoolean(), byCode["QUOTE"].Int("daysOverdue")));
        Assert.True(byCode["NEVER"].GetProperty("reviewOverdue").GetBoolean());
        Assert.Equal(JsonValueKind.Null, byCode["NEVER"].GetProperty("reviewDueOn").ValueKind);
        Assert.False(byCode["IDEA"].GetProperty("reviewOverdue").GetBoolean());

        var pilots = await _app.Admin().GetOkAsync($"/api/v1/use-cases/indicators?{Period}&status=pilot");
        Assert.Equal("NEVER", Assert.Single(pilots.GetProperty("useCases").EnumerateArray()).Str("code"));
    }

    [Fact]
    public async Task Transfer_candidates_are_production_use_cases_applicable_here_used_elsewhere_and_not_here()
    {
        var ops = await _app.Admin().GetOkAsync("/api/v1/use-cases/transfer-candidates?departmentCode=OPS&asOf=2026-03-31");
        var candidates = ops.GetProperty("candidates").EnumerateArray().ToList();
        // OPS's December use of MAIL is outside the 90 days; NEVER is a pilot.
        Assert.Equal(["MAIL", "QUOTE"], candidates.Select(c => c.Str("code")!).ToList());
        Assert.Equal(["HR", "SALES"], candidates[0].GetProperty("departmentsUsing").Strings());
        Assert.Equal((3, 6), (candidates[0].Int("employeesUsing"), candidates[0].Int("uses")));

        // QUOTE does not apply to HR, which uses MAIL already.
        var hr = await _app.Admin().GetOkAsync("/api/v1/use-cases/transfer-candidates?departmentCode=HR&asOf=2026-03-31");
        Assert.Empty(hr.GetProperty("candidates").EnumerateArray());

        Assert.Equal(HttpStatusCode.BadRequest, (await _app.Admin().GetAsync("/api/v1/use-cases/transfer-candidates")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Admin().GetAsync("/api/v1/use-cases/transfer-candidates?departmentCode=NOPE")).StatusCode);
    }
}
