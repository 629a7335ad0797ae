using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Rollout;

/// <summary>The seven items of the readiness checklist, each met and unmet, said as codes and facts.</summary>
public sealed class WaveReadinessTests : IAsyncLifetime
{
    private readonly TestApp _app = RolloutWorld.App();
    private const string Url = "/api/v1/waves/W1/readiness?asOf=2026-01-01";

    public async Task InitializeAsync()
    {
        await _app.DepartmentsAsync("SALES", "HR");
        await _app.EmployeesAsync("SALES", 3, "S", tier: "power");
        await _app.EmployeesAsync("HR", 2, "H", tier: "casual");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task PrepareFullyAsync()
    {
        await _app.UseCaseAsync("MAIL");
        await _app.ChampionAsync("SALES", "active");
        await _app.ChampionAsync("HR", "equipped");
        await _app.WaveAsync("W1", ["SALES", "HR"]);
        await _app.BudgetLineAsync("LIC", "per-seat", 300, 5, wave: "W1");
    }

    [Fact]
    public async Task A_fully_prepared_wave_meets_all_seven_items_and_is_ready_once_the_human_items_are_confirmed()
    {
        await PrepareFullyAsync();
        var readiness = await _app.Admin().GetOkAsync(Url);

        Assert.Equal(7, readiness.Int("itemCount"));
        Assert.Equal(7, readiness.Int("metCount"));
        Assert.Equal(1.0, readiness.GetProperty("score").GetDouble());
        Assert.Equal(["budget", "champions", "use-cases", "training", "support-model", "sponsor", "targets"],
            readiness.GetProperty("items").EnumerateArray().Select(i => i.Str("key")!).ToList());
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], readiness.GetProperty("items").EnumerateArray().Select(i => i.Int("number")).ToList());
        AssertSaid(readiness.Item("budget"), "budget-seats-cover", ("seats", "5"), ("headcount", "5"));
        // The data can show a line, a link or a name; a person vouches for the rest.
        Assert.Equal(4, readiness.Int("pendingConfirmations"));
        Assert.False(readiness.GetProperty("ready").GetBoolean());
        Assert.False(readiness.Item("champions").GetProperty("needsConfirmation").GetBoolean());

        var executive = await _app.AsRole("executive");
        foreach (var item in new[] { "budget", "training", "support-model", "sponsor" })
            await executive.PostOkAsync($"/api/v1/waves/W1/readiness/{item}/confirmation", new { note = "checked at the steering committee" });
        readiness = await _app.Admin().GetOkAsync(Url);
        Assert.True(readiness.GetProperty("ready").GetBoolean());
        Assert.Equal("test executive", readiness.Item("sponsor").GetProperty("confirmation").Str("confirmedBy"));
    }

    [Fact]
    public async Task Item_1_is_unmet_without_a_licence_line_with_too_few_seats_or_with_a_line_ending_before_the_wave()
    {
        await PrepareFullyAsync();
        await _app.Admin().PutOkAsync("/api/v1/budget/lines/LIC", new
        {
            name = "Too few", waveCode = "W1", category = "licenses", pricingModel = "per-seat", unitPrice = 300, plannedUnits = 3,
            periodStart = "2026-01-01", periodEnd = "2026-12-31",
        });
        var tooFew = (await _app.Admin().GetOkAsync(Url)).Item("budget");
        Assert.False(tooFew.GetProperty("met").GetBoolean());
        AssertSaid(tooFew.GetProperty("gaps")[0], "gap-budget-seats-short", ("seats", "3"), ("headcount", "5"));
        Assert.Equal(2, tooFew.GetProperty("gaps")[0].Int("count"));

        await _app.BudgetLineAsync("LIC", "per-seat", 300, 10, wave: "W1", periodEnd: "2026-03-31");
        var ending = (await _app.Admin().GetOkAsync(Url)).Item("budget");
        Assert.False(ending.GetProperty("met").GetBoolean());
        AssertSaid(ending.GetProperty("gaps")[0], "gap-budget-line-ends-early", ("line", "LIC"), ("endsOn", "2026-03-31"), ("plannedEndOn", "2026-06-30"));
    }

    [Fact]
    public async Task Item_1_sizes_a_usage_line_on_todays_usage_per_active_employee_at_the_target_depth()
    {
        await PrepareFullyAsync();
        await _app.BudgetLineAsync("LIC", "fixed", 1000, 1, wave: "W1", category: "integration");
        // Two active employees used it 14 times each in the 28 days before asOf: 14 × 365 / 28 = 182.5 uses a year each.
        foreach (var day in new[] { "2025-12-10", "2025-12-20" })
            await _app.UsageAsync(["S1", "S2"], "MAIL", DateOnly.Parse(day), uses: 7);
        // 5 employees × target 0.6 = 3 active × 182.5 = 547.5 uses a year needed.
        await _app.BudgetLineAsync("API", "usage", 0.05, 500, wave: "W1");
        var small = (await _app.Admin().GetOkAsync(Url)).Item("budget");
        Assert.False(small.GetProperty("met").GetBoolean());
        AssertSaid(small.GetProperty("gaps")[0], "gap-budget-usage-short",
            ("usesPerYear", "500"), ("targetActive", "3"), ("usesPerActive", "183"), ("usesNeeded", "548"));

        await _app.BudgetLineAsync("API", "usage", 0.05, 600, wave: "W1");
        Assert.True((await _app.Admin().GetOkAsync(Url)).Item("budget").GetProperty("met").GetBoolean());
    }

    [Fact]
    public async Task Item_2_names_the_departments_without_an_equipped_or_active_champion()
    {
        await PrepareFullyAsync();
        var hr = (await _app.Admin().GetOkAsync("/api/v1/champions?departmentCode=HR")).GetProperty("items")[0];
        await _app.Admin().PutOkAsync($"/api/v1/champions/{hr.GetProperty("id").GetInt64()}",
            new { displayName = "Former", departmentCode = "HR", status = "inactive" });
        await _app.ChampionAsync("HR", "identified");

        var item = (await _app.Admin().GetOkAsync(Url)).Item("champions");
        Assert.False(item.GetProperty("met").GetBoolean());
        Assert.Equal("HR", Assert.Single(item.GetProperty("gaps").EnumerateArray()).Str("subject"));
    }

    [Fact]
    public async Task Readiness_is_the_same_whatever_language_is_asked_for_and_says_codes_and_facts_the_dashboard_words()
    {
        await PrepareFullyAsync();
        await _app.DepartmentsAsync("OPS");
        await _app.WaveAsync("W1", ["SALES", "HR", "OPS"], targetDepth: 0.625, targetBreadth: 1.0);
        var french = new HttpRequestMessage(HttpMethod.Get, Url);
        french.Headers.AcceptLanguage.ParseAdd("fr"); // as the dashboard used to send it
        var answer = await (await _app.Admin().SendAsync(french)).ReadJsonAsync(HttpStatusCode.OK);
        AssertSaid(answer.Item("champions"), "champions-missing", ("missing", "1"), ("departments", "3"), ("codes", "OPS"));
        AssertSaid(answer.Item("targets"), "targets-depth-breadth", ("depthRatio", "0.625"), ("breadthRatio", "1"), ("plannedEndOn", "2026-06-30"));

        var english = await _app.Admin().GetOkAsync(Url);
        Assert.Equal(english.GetProperty("items").GetRawText(), answer.GetProperty("items").GetRawText());
    }

    [Fact]
    public async Task Item_3_names_the_departments_no_production_use_case_applies_to()
    {
        await _app.UseCaseAsync("QUOTE", applicable: "SALES");
        await _app.UseCaseAsync("PILOTED", status: "pilot");
        await _app.WaveAsync("W1", ["SALES", "HR"]);

        var item = (await _app.Admin().GetOkAsync(Url)).Item("use-cases");
        Assert.False(item.GetProperty("met").GetBoolean());
        AssertSaid(item, "use-cases-missing", ("codes", "HR"));
        AssertSaid(Assert.Single(item.GetProperty("gaps").EnumerateArray()), "gap-no-use-case");
    }

    [Fact]
    public async Task Item_4_lists_use_cases_without_material_and_the_employees_without_a_tier()
    {
        await PrepareFullyAsync();
        await _app.UseCaseAsync("NOMAT", trainingUrl: "");
        await _app.ImportOkAsync("employees", "employee_key,department_code,training_tier\nH3,HR,\nH4,HR,\n");

        var item = (await _app.Admin().GetOkAsync(Url)).Item("training");
        Assert.False(item.GetProperty("met").GetBoolean());
        var gaps = item.GetProperty("gaps").EnumerateArray().ToList();
        Assert.Equal("NOMAT", gaps[0].Str("subject"));
        Assert.Equal(("HR", 2), (gaps[1].Str("subject"), gaps[1].Int("count")));
        AssertSaid(gaps[0], "gap-no-training-material");
        AssertSaid(gaps[1], "gap-untiered", ("count", "2"));
        Assert.Equal(["H3", "H4"], gaps[1].GetProperty("employeeKeys").Strings());

        // HR's 4 employees are fewer than minGroupSize: a champion of another department learns
        // neither how many nor who, only that some employees lack a tier.
        var champion = await _app.AsRole("champion", "SALES");
        var seen = (await champion.GetOkAsync(Url)).Item("training").GetProperty("gaps")[1];
        Assert.Equal("HR", seen.Str("subject"));
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("count").ValueKind);
        Assert.Empty(seen.GetProperty("employeeKeys").EnumerateArray());
        AssertSaid(seen, "gap-untiered-hidden");
    }

    [Fact]
    public async Task Items_5_6_and_7_need_the_owners_the_sponsor_and_a_target_depth()
    {
        await PrepareFullyAsync();
        await _app.WaveAsync("W1", ["SALES", "HR"], adoption: null, governance: " ", sponsor: null, targetDepth: null);

        var readiness = await _app.Admin().GetOkAsync(Url);
        AssertSaid(readiness.Item("support-model"), "support-model-missing", ("fields", "adoptionOwner, governanceOwner"));
        Assert.False(readiness.Item("sponsor").GetProperty("met").GetBoolean());
        Assert.False(readiness.Item("targets").GetProperty("met").GetBoolean());
        Assert.Equal(4, readiness.Int("metCount"));
        Assert.Equal(4.0 / 7, readiness.GetProperty("score").GetDouble(), 10);
    }

    [Fact]
    public async Task Only_the_items_a_person_vouches_for_can_be_confirmed_and_only_by_executives_and_admins()
    {
        await PrepareFullyAsync();
        var refused = await _app.Admin().PostAsJsonAsync("/api/v1/waves/W1/readiness/champions/confirmation", new { });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var hr = await _app.AsRole("hr");
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.PostAsJsonAsync("/api/v1/waves/W1/readiness/budget/confirmation", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Admin().GetAsync("/api/v1/waves/NOPE/readiness")).StatusCode);
    }

    private static void AssertSaid(JsonElement message, string code, params (string Key, string Value)[] facts)
    {
        var (said, saidFacts) = message.Said();
        Assert.Equal(code, said);
        Assert.Equal(facts.ToDictionary(f => f.Key, f => (string?)f.Value), saidFacts);
    }
}
