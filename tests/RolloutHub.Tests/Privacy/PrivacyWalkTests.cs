using System.Net;
using System.Text;
using System.Text.Json;
using RolloutHub.Tests.Rollout;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Privacy;

/// <summary>
/// Every endpoint that answers figures, walked as an executive, a champion and HR, in a world where
/// a 4-person department (JUR) hides itself and, by complementary suppression, the smallest other
/// one (OPS, 8): no answer shows a figure about them, and no visible total minus the visible
/// departments leaves a group of 1 to 4 people. Admins still see everything.
/// </summary>
public sealed class PrivacyWalkTests : IAsyncLifetime
{
    private static JsonElement Department(JsonElement answer, string code) =>
        answer.GetProperty("departments").EnumerateArray().Single(d => d.Str("code") == code);

    private static JsonElement Period(JsonElement owner, string label) =>
        owner.GetProperty("periods").EnumerateArray().Single(p => p.Str("period") == label);

    private static bool IsNull(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null;

    private const int MinGroupSize = 5;
    private const string AsOf = "2026-03-01";
    private const string Weeks = "grain=week&from=2026-01-05&to=2026-02-23";
    private readonly TestApp _app = RolloutWorld.App();

    /// <summary>Keys, never figures: a suppressed row may show these and nothing else.</summary>
    private static readonly HashSet<string> Identity =
    [
        "code", "name", "departmentCode", "period", "start", "end", "headcount", "suppressed", "priority", "priorityReason",
        "waveCode", "waveStage", "breadth", "lineCode", "scope", "unitPricePerYear", "title", "category", "owner",
        "minutesSavedPerUse", "trainingUrl", "departmentsUsing", "from", "to", "candidates", "series",
    ];

    private static readonly (string Code, int People)[] Departments = [("JUR", 4), ("OPS", 8), ("IT", 12), ("SALES", 20), ("CS", 30)];

    public async Task InitializeAsync()
    {
        await _app.DepartmentsAsync(Departments.Select(d => d.Code).ToArray());
        var people = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (code, count) in Departments)
            people[code] = await _app.EmployeesAsync(code, count, code + "-", seat: true);
        await _app.UseCaseAsync("MAIL");
        await _app.UseCaseAsync("RARE", applicable: "JUR");
        await _app.UseCaseAsync("SHARED");

        // Eight weeks from Monday 5 January 2026. JUR and OPS stop after five weeks (declining), CS
        // declines too (visible), SALES grows, IT is active in January only.
        var events = new List<(string, string, DateOnly, int)>();
        for (var week = 0; week < 8; week++)
        {
            var day = new DateOnly(2026, 1, 6).AddDays(7 * week);
            if (week < 5) events.AddRange(people["JUR"].Select(e => (e, week % 2 == 0 ? "RARE" : "MAIL", day, 1)));
            if (week < 5) events.AddRange(people["OPS"].Take(6).Select(e => (e, "SHARED", day, 1)));
            events.AddRange(people["SALES"].Take(4 + 2 * week).Select(e => (e, "MAIL", day, 2)));
            events.AddRange(people["CS"].Take(Math.Max(2, 24 - 4 * week)).Select(e => (e, "SHARED", day, 1)));
            if (week < 4) events.AddRange(people["IT"].Take(6).Select(e => (e, "MAIL", day, 1)));
        }
        await _app.UsageAsync(events);
        await _app.ImportOkAsync("outcomes", """
            report_id,occurred_on,department_code,use_case_code,tickets_avoided,employees_helped,satisfaction,blockers,note
            r1,2026-02-03,JUR,RARE,3,2,2,slow,
            r2,2026-02-04,SALES,MAIL,10,8,4,,
            r3,2026-02-05,CS,SHARED,7,5,5,,
            """);
        await _app.TrainingsAsync(("JUR-1", "AI-BASICS"), ("JUR-2", "AI-BASICS"), ("JUR-3", "RARE"), ("SALES-1", "AI-BASICS"), ("CS-1", "AI-BASICS"));
        await _app.ChampionAsync("JUR", "equipped");
        await _app.ChampionAsync("IT", "equipped");
        await _app.WaveAsync("W1", ["SALES", "IT"], sequence: 1);
        await _app.WaveAsync("W2", ["JUR", "SALES", "CS"], sequence: 2);      // JUR's 4 hidden inside
        await _app.WaveAsync("W3", ["OPS", "CS"], sequence: 3);               // JUR's 4 hidden outside
        await _app.WaveAsync("W4", ["JUR", "OPS", "SALES"], sequence: 4);     // 12 hidden inside: shown
        await _app.WaveAsync("W5", ["JUR"], sequence: 5, status: "planned", plannedStart: "2026-04-01");
        await _app.BudgetLineAsync("SEATS-JUR", "per-seat", 30, 4, department: "JUR");
        await _app.BudgetLineAsync("SEATS-W2", "per-seat", 30, 54, wave: "W2");
        await _app.BudgetLineAsync("SEATS-W4", "per-seat", 30, 32, wave: "W4");
        await _app.BudgetLineAsync("SEATS-ALL", "per-seat", 30, 74);
        await _app.RecomputeKpisAsync();
        await _app.Admin().PostOkAsync($"/api/v1/alerts/evaluate?asOf={AsOf}");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static readonly string[] Urls =
    [
        $"/api/v1/kpis?{Weeks}", $"/api/v1/kpis/departments?{Weeks}", $"/api/v1/kpis/adoption?{Weeks}",
        $"/api/v1/kpis/adoption/departments?{Weeks}",
        "/api/v1/kpis?grain=month&from=2026-01-01&to=2026-02-01", "/api/v1/kpis/departments?grain=month&from=2026-01-01&to=2026-02-01",
        $"/api/v1/waves/W1/progress?asOf={AsOf}", $"/api/v1/waves/W2/progress?asOf={AsOf}", $"/api/v1/waves/W3/progress?asOf={AsOf}",
        $"/api/v1/waves/W4/progress?asOf={AsOf}", $"/api/v1/waves/W5/progress?asOf={AsOf}",
        $"/api/v1/waves/W2/readiness?asOf={AsOf}", $"/api/v1/waves/W5/readiness?asOf={AsOf}",
        $"/api/v1/training-needs?asOf={AsOf}", $"/api/v1/training-needs/employees?asOf={AsOf}&all=true&limit=500",
        $"/api/v1/use-cases/indicators?asOf={AsOf}", $"/api/v1/use-cases/RARE/indicators?asOf={AsOf}",
        $"/api/v1/use-cases/transfer-candidates?departmentCode=JUR&asOf={AsOf}",
        $"/api/v1/use-cases/transfer-candidates?departmentCode=IT&asOf={AsOf}",
        "/api/v1/alerts?limit=500", $"/api/v1/budget/summary?asOf={AsOf}&from=2026-01-01&to=2026-02-28",
    ];

    public static TheoryData<string> Readers => new() { "executive", "champion", "hr" };

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task No_answer_shows_a_figure_about_a_small_group_or_lets_a_subtraction_reveal_one(string role)
    {
        var reader = role == "champion" ? await _app.AsRole(role, "SALES") : await _app.AsRole(role);
        var answers = new Dictionary<string, JsonElement>();
        var read = 0;
        foreach (var url in Urls)
        {
            var response = await reader.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.Forbidden) continue;
            answers[url] = await response.ReadJsonAsync(HttpStatusCode.OK);
            read++;
            AssertSuppressedRowsHoldOnlyKeys(answers[url], url);
            // HR keeps the roster and the training records; other readers never get a hidden department's employee keys.
            if (role != "hr") Assert.DoesNotContain("\"JUR-", answers[url].GetRawText());

            using var csvRequest = new HttpRequestMessage(HttpMethod.Get, url);
            csvRequest.Headers.Accept.ParseAdd("text/csv");
            var csv = await reader.SendAsync(csvRequest);
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            if (csv.Content.Headers.ContentType?.MediaType == "text/csv")
                AssertSuppressedCsvLinesHoldOnlyKeys(await csv.Content.ReadAsStringAsync(), url);
        }
        Assert.True(read >= 10, $"{role} read only {read} answers");

        // The organisation, period by period: visible total − visible departments is 0 or ≥ 5 people.
        var hiddenByWeek = AssertTotalsHideNoSmallGroup(answers[$"/api/v1/kpis?{Weeks}"], answers[$"/api/v1/kpis/departments?{Weeks}"]);
        AssertTotalsHideNoSmallGroup(answers[$"/api/v1/kpis/adoption?{Weeks}"], answers[$"/api/v1/kpis/adoption/departments?{Weeks}"]);
        Assert.Contains(hiddenByWeek.Values, hidden => hidden > 0); // the world does hide something

        // Each wave, week by week, against its own departments and against the organisation.
        var suppressedWaveWeeks = 0;
        foreach (var wave in new[] { "W1", "W2", "W3", "W4", "W5" })
        {
            var progress = answers[$"/api/v1/waves/{wave}/progress?asOf={AsOf}"];
            var totals = progress.GetProperty("depth").GetProperty("series").EnumerateArray().ToList();
            for (var i = 0; i < totals.Count; i++)
            {
                if (totals[i].GetProperty("suppressed").GetBoolean()) { suppressedWaveWeeks++; continue; }
                var inside = progress.GetProperty("departments").EnumerateArray()
                    .Select(d => d.GetProperty("series")[i])
                    .Where(w => w.GetProperty("suppressed").GetBoolean()).Sum(w => w.GetProperty("headcount").GetInt64());
                Assert.False(inside is > 0 and < MinGroupSize, $"{wave} {totals[i].Str("period")}: {inside} hidden people inside a visible total");
                var outside = hiddenByWeek[totals[i].Str("period")!] - inside;
                Assert.False(outside is > 0 and < MinGroupSize, $"{wave} {totals[i].Str("period")}: {outside} hidden people outside a visible total");
            }
        }
        Assert.True(suppressedWaveWeeks > 0);

        // What the issue measured, one by one.
        var jur = Period(Department(answers[$"/api/v1/kpis/departments?{Weeks}"], "JUR"), "2026-W05");
        Assert.True(jur.GetProperty("suppressed").GetBoolean());
        Assert.Equal(4, jur.GetProperty("headcount").GetInt64());
        Assert.True(Period(Department(answers[$"/api/v1/kpis/departments?{Weeks}"], "OPS"), "2026-W05").GetProperty("suppressed").GetBoolean());
        Assert.False(Period(answers[$"/api/v1/kpis?{Weeks}"], "2026-W05").GetProperty("suppressed").GetBoolean());
        var w2 = answers[$"/api/v1/waves/W2/progress?asOf={AsOf}"];
        Assert.True(w2.GetProperty("depth").GetProperty("suppressed").GetBoolean());
        Assert.Equal("suppressed", w2.GetProperty("depth").GetProperty("projection").Str("status"));
        Assert.True(IsNull(w2.GetProperty("depth").GetProperty("projection"), "code") && IsNull(w2.GetProperty("depth").GetProperty("projection"), "facts"));
        Assert.DoesNotContain("JUR", w2.GetProperty("recommendation").GetRawText());
        Assert.False(answers[$"/api/v1/waves/W4/progress?asOf={AsOf}"].GetProperty("depth").GetProperty("suppressed").GetBoolean());
        var rare = answers[$"/api/v1/use-cases/RARE/indicators?asOf={AsOf}"];
        Assert.True(IsNull(rare, "uses") && IsNull(rare, "users") && IsNull(rare, "reports") && IsNull(rare, "perceivedImpact"));
        Assert.Empty(rare.GetProperty("departmentsUsing").EnumerateArray());
        if (answers.TryGetValue($"/api/v1/training-needs?asOf={AsOf}", out var needs))
        {
            var jurNeeds = needs.GetProperty("departments").EnumerateArray().Single(d => d.Str("departmentCode") == "JUR");
            Assert.True(IsNull(jurNeeds, "trained") && IsNull(jurNeeds, "untrained"));
            var employees = answers[$"/api/v1/training-needs/employees?asOf={AsOf}&all=true&limit=500"].GetProperty("items").EnumerateArray()
                .Select(e => e.Str("departmentCode")).ToHashSet();
            // HR keeps the roster and loads the training records: it gets every employee; executives not those of hidden departments.
            Assert.Equal(role == "hr", employees.Contains("JUR"));
            Assert.Contains("SALES", employees);
        }
        if (answers.TryGetValue("/api/v1/alerts?limit=500", out var alerts))
        {
            var subjects = alerts.GetProperty("items").EnumerateArray().Select(a => (a.Str("rule"), a.Str("subjectKey"))).ToList();
            Assert.Contains(("department-declining", "CS"), subjects);
            Assert.DoesNotContain(subjects, s => s.Item2 is "JUR" or "OPS" or "W2" or "W3");
            Assert.DoesNotContain("JUR", alerts.GetRawText());
        }
    }

    [Fact]
    public async Task Admins_still_see_every_figure()
    {
        var admin = _app.Admin();
        foreach (var url in Urls)
            Assert.DoesNotContain("\"suppressed\":true", (await admin.GetOkAsync(url)).GetRawText());
        var jur = Period(Department(await admin.GetOkAsync($"/api/v1/kpis/departments?{Weeks}"), "JUR"), "2026-W05");
        Assert.Equal(4, jur.GetProperty("activeEmployees").GetInt64());
        Assert.Equal(1, jur.GetProperty("useCasesInUse").GetInt64());
        var needs = await admin.GetOkAsync($"/api/v1/training-needs?asOf={AsOf}");
        var jurNeeds = needs.GetProperty("departments").EnumerateArray().Single(d => d.Str("departmentCode") == "JUR");
        Assert.Equal((3, 1), (jurNeeds.Int("trained"), jurNeeds.Int("untrained")));
    }

    /// <summary>Every object flagged suppressed holds only keys, the headcount and nulls (or empty lists).</summary>
    private static void AssertSuppressedRowsHoldOnlyKeys(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray()) AssertSuppressedRowsHoldOnlyKeys(item, $"{path}[{i++}]");
            return;
        }
        if (element.ValueKind != JsonValueKind.Object) return;
        if (element.TryGetProperty("suppressed", out var flag) && flag.ValueKind == JsonValueKind.True)
            foreach (var property in element.EnumerateObject().Where(p => !Identity.Contains(p.Name)))
                AssertHoldsNoFigure(property.Value, $"{path}.{property.Name}");
        foreach (var property in element.EnumerateObject()) AssertSuppressedRowsHoldOnlyKeys(property.Value, $"{path}.{property.Name}");
    }

    private static void AssertHoldsNoFigure(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return;
            case JsonValueKind.Array:
                Assert.True(value.GetArrayLength() == 0, $"{path} lists {value.GetRawText()}");
                return;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject().Where(p => !Identity.Contains(p.Name)))
                    if (property.Name == "status") Assert.Equal("suppressed", property.Value.GetString());
                    else AssertHoldsNoFigure(property.Value, $"{path}.{property.Name}");
                return;
            default:
                Assert.Fail($"{path} shows {value.GetRawText()} on a suppressed row");
                return;
        }
    }

    private static readonly HashSet<string> CsvKeys =
        ["code", "name", "departmentCode", "period", "start", "end", "headcount", "suppressed", "priority", "priorityReason", "waveCode", "waveStage",
         "missingModules", "adoptingDepartments", "departments", "breadthRatio"];

    private static void AssertSuppressedCsvLinesHoldOnlyKeys(string csv, string url)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        var flag = Array.IndexOf(header, "suppressed");
        if (flag < 0) return;
        foreach (var line in lines.Skip(1))
        {
            // Figures are numbers and codes without commas; the reason sentence is last or quoted.
            var cells = line.Split(',');
            if (cells.Length <= flag || cells[flag] != "true") continue;
            for (var i = 0; i < header.Length && i < cells.Length; i++)
                Assert.True(CsvKeys.Contains(header[i]) || cells[i] == "", $"{url}: {header[i]} = {cells[i]} on a suppressed line");
        }
    }

    /// <summary>The hidden headcount of each period; asserts the visible organisation totals leave 0 or ≥ minGroupSize hidden.</summary>
    private static Dictionary<string, long> AssertTotalsHideNoSmallGroup(JsonElement organisation, JsonElement departments)
    {
        var hidden = new Dictionary<string, long>();
        foreach (var department in departments.GetProperty("departments").EnumerateArray())
            foreach (var period in department.GetProperty("periods").EnumerateArray())
            {
                var label = period.Str("period")!;
                hidden[label] = hidden.GetValueOrDefault(label)
                    + (period.GetProperty("suppressed").GetBoolean() ? period.GetProperty("headcount").GetInt64() : 0);
            }
        foreach (var period in organisation.GetProperty("periods").EnumerateArray())
            if (!period.GetProperty("suppressed").GetBoolean())
                Assert.False(hidden[period.Str("period")!] is > 0 and < MinGroupSize, $"{period.Str("period")}: the organisation total reveals {hidden[period.Str("period")!]} people");
        return hidden;
    }
}
