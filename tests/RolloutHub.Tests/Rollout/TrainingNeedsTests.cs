using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Rollout;

/// <summary>Training needs for HR: per department and per employee, for each tier.</summary>
public sealed class TrainingNeedsTests : IAsyncLifetime
{
    private readonly TestApp _app = RolloutWorld.App();
    private const string AsOf = "asOf=2026-03-31";

    /// <summary>
    /// SALES (current wave W1): S1 power, S2 casual, S3 without a tier; FIN (W1): 10 casual; HR (next
    /// wave W2): 6 casual; OPS (no wave): 5 power. Production use cases: MAIL (everyone), QUOTE and
    /// CRM (SALES); PILOTED is a pilot. SALES used QUOTE most in the last 90 days.
    /// </summary>
    public async Task InitializeAsync()
    {
        await _app.DepartmentsAsync("SALES", "FIN", "HR", "OPS");
        await _app.ImportOkAsync("employees", """
            employee_key,department_code,training_tier
            S1,SALES,power
            S2,SALES,casual
            S3,SALES,
            """);
        await _app.EmployeesAsync("FIN", 10, "F");
        await _app.EmployeesAsync("HR", 6, "H");
        await _app.EmployeesAsync("OPS", 5, "O", tier: "power");
        await _app.UseCaseAsync("MAIL");
        await _app.UseCaseAsync("QUOTE", applicable: "SALES");
        await _app.UseCaseAsync("CRM", applicable: "SALES");
        await _app.UseCaseAsync("PILOTED", status: "pilot", applicable: "SALES");
        await _app.UsageAsync(["S1"], "QUOTE", new DateOnly(2026, 3, 20), uses: 5);
        await _app.UsageAsync(["S2"], "MAIL", new DateOnly(2026, 3, 25));
        await _app.TrainingsAsync(("S1", "MAIL"), ("S1", "QUOTE"), ("S2", "AI-BASICS"), ("H1", "AI-BASICS"), ("H1", "MAIL"));
        await _app.WaveAsync("W1", ["SALES", "FIN"], status: "active");
        await _app.WaveAsync("W2", ["HR"], status: "planned", sequence: 2);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static JsonElement Department(JsonElement needs, string code) =>
        needs.GetProperty("departments").EnumerateArray().Single(d => d.Str("departmentCode") == code);

    [Fact]
    public async Task Each_department_shows_headcount_activity_training_and_the_modules_it_lacks()
    {
        var needs = await _app.Admin().GetOkAsync($"/api/v1/training-needs?{AsOf}");
        var sales = Department(needs, "SALES");
        Assert.Equal((3, 2, 2, 1), (sales.Int("headcount"), sales.Int("active"), sales.Int("trained"), sales.Int("untrained")));
        Assert.Equal(2.0 / 3, sales.GetProperty("depth").GetDouble(), 10);
        // The general module first, then the production use cases applicable to SALES, most missing first; not the pilot.
        Assert.Equal([("AI-BASICS", 2), ("CRM", 3), ("MAIL", 2), ("QUOTE", 2)],
            sales.GetProperty("missingModules").EnumerateArray().Select(m => (m.Str("moduleCode")!, m.Int("employeesMissing"))).ToList());

        var hr = Department(needs, "HR");
        Assert.Equal((6, 0, 1, 5), (hr.Int("headcount"), hr.Int("active"), hr.Int("trained"), hr.Int("untrained")));
        Assert.Equal([("AI-BASICS", 5), ("MAIL", 5)],
            hr.GetProperty("missingModules").EnumerateArray().Select(m => (m.Str("moduleCode")!, m.Int("employeesMissing"))).ToList());
    }

    [Fact]
    public async Task Departments_of_the_current_wave_come_first_then_the_next_wave_with_many_untrained_non_users_first()
    {
        var needs = await _app.Admin().GetOkAsync($"/api/v1/training-needs?{AsOf}");
        // FIN: 10 untrained × (1 − 0) beats SALES: 1 × (1 − 2/3); HR is in the next wave; OPS in none.
        Assert.Equal(["FIN", "SALES", "HR", "OPS"], needs.GetProperty("departments").EnumerateArray().Select(d => d.Str("departmentCode")!).ToList());
        Assert.Equal([1, 2, 3, 4], needs.GetProperty("departments").EnumerateArray().Select(d => d.Int("priority")).ToList());
        Assert.Equal(("W2", "next"), (Department(needs, "HR").Str("waveCode"), Department(needs, "HR").Str("waveStage")));
        Assert.Equal("In the current wave W1: 10 of 10 employees untrained, depth 0%.", Department(needs, "FIN").Str("priorityReason"));

        var filtered = await _app.Admin().GetOkAsync($"/api/v1/training-needs?{AsOf}&waveCode=W2");
        Assert.Equal(3, Assert.Single(filtered.GetProperty("departments").EnumerateArray()).Int("priority"));
    }

    [Fact]
    public async Task Power_users_need_every_applicable_production_use_case_and_casual_users_a_quick_start()
    {
        var page = await _app.Admin().GetOkAsync($"/api/v1/training-needs/employees?{AsOf}&departmentCode=SALES");
        var employees = page.GetProperty("items").EnumerateArray().ToDictionary(e => e.Str("employeeKey")!);

        Assert.Equal(["CRM", "MAIL", "QUOTE"], employees["S1"].GetProperty("requiredModules").Strings());
        Assert.Equal(["CRM"], employees["S1"].GetProperty("missingModules").Strings());
        // Casual: the general module and the use case SALES used most lately (QUOTE).
        Assert.Equal(["AI-BASICS", "QUOTE"], employees["S2"].GetProperty("requiredModules").Strings());
        Assert.Equal(["QUOTE"], employees["S2"].GetProperty("missingModules").Strings());
        // No tier: treated as casual, and said so.
        Assert.Equal(("casual", true), (employees["S3"].Str("appliedTier"), employees["S3"].GetProperty("tierAssumed").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, employees["S3"].GetProperty("tier").ValueKind);
        Assert.Equal(["AI-BASICS", "QUOTE"], employees["S3"].GetProperty("missingModules").Strings());
        Assert.Equal("No training tier recorded: treated as a casual user.", employees["S3"].Str("note"));
    }

    [Fact]
    public async Task A_department_without_usage_takes_the_organisations_most_used_use_case_and_the_trained_are_listed_only_on_request()
    {
        var hr = await _app.Admin().GetOkAsync($"/api/v1/training-needs/employees?{AsOf}&departmentCode=HR");
        var keys = hr.GetProperty("items").EnumerateArray().Select(e => e.Str("employeeKey")).ToList();
        Assert.Equal(["H2", "H3", "H4", "H5", "H6"], keys);
        Assert.Equal(["AI-BASICS", "MAIL"], hr.GetProperty("items")[0].GetProperty("requiredModules").Strings());

        var all = await _app.Admin().GetOkAsync($"/api/v1/training-needs/employees?{AsOf}&departmentCode=HR&all=true&limit=2");
        Assert.Equal(["H1", "H2"], all.GetProperty("items").EnumerateArray().Select(e => e.Str("employeeKey")!).ToList());
        Assert.Empty(all.GetProperty("items")[0].GetProperty("missingModules").EnumerateArray());
        var next = await _app.Admin().GetOkAsync($"/api/v1/training-needs/employees?{AsOf}&departmentCode=HR&all=true&limit=2&cursor={all.Str("nextCursor")}");
        Assert.Equal(["H3", "H4"], next.GetProperty("items").EnumerateArray().Select(e => e.Str("employeeKey")!).ToList());
    }

    [Fact]
    public async Task Both_views_answer_CSV_and_are_for_HR_executives_and_admins()
    {
        var hr = await _app.AsRole("hr");
        hr.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var departments = await (await hr.GetAsync($"/api/v1/training-needs?{AsOf}&departmentCode=HR")).Content.ReadAsStringAsync();
        var lines = departments.Trim().Split('\n');
        Assert.StartsWith("priority,departmentCode,name,waveCode,waveStage,headcount,active,depth,suppressed,trained,untrained,missingModules", lines[0]);
        Assert.StartsWith("3,HR,HR department,W2,next,6,0,0,false,1,5,AI-BASICS:5|MAIL:5,", lines[1]);

        var employees = await (await hr.GetAsync($"/api/v1/training-needs/employees?{AsOf}&departmentCode=SALES")).Content.ReadAsStringAsync();
        Assert.Contains("S3,SALES,,casual,true,AI-BASICS|QUOTE,AI-BASICS|QUOTE,", employees);

        var champion = await _app.AsRole("champion", "SALES");
        Assert.Equal(HttpStatusCode.Forbidden, (await champion.GetAsync("/api/v1/training-needs")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Admin().GetAsync("/api/v1/training-needs?departmentCode=NOPE")).StatusCode);
    }

    [Fact]
    public async Task A_small_department_hides_its_activity_from_everyone_but_admins()
    {
        var hr = await _app.AsRole("hr");
        var sales = Department(await hr.GetOkAsync($"/api/v1/training-needs?{AsOf}"), "SALES");
        Assert.True(sales.GetProperty("suppressed").GetBoolean());
        Assert.Equal(3, sales.Int("headcount"));
        foreach (var figure in new[] { "active", "depth", "trained", "untrained" })
            Assert.Equal(JsonValueKind.Null, sales.GetProperty(figure).ValueKind);
        Assert.Empty(sales.GetProperty("missingModules").EnumerateArray());
        Assert.Equal(1, Department(await _app.Admin().GetOkAsync($"/api/v1/training-needs?{AsOf}"), "SALES").Int("untrained"));
    }
}
