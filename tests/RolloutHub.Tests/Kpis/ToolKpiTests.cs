using System.Net;
using System.Text.Json;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Kpis;

/// <summary>
/// The tools' figures on a small organisation worked out by hand. January 2026: W02 = 5–11,
/// W03 = 12–18, W04 = 19–25 (today is Sunday the 25th). Tools: ChatGPT (CHAT) and Copilot (MAIL,
/// CODE); NOTE has no tool. S1 uses both tools in W03; S7 left on the 7th and keeps using ChatGPT;
/// S6 joins on the 14th.
/// </summary>
public sealed class ToolKpiTests : IAsyncLifetime
{
    private readonly KpiApp _app = new(new DateOnly(2026, 1, 25));

    public async Task InitializeAsync()
    {
        await _app.ImportOkAsync("departments", """
            code,name
            SALES,Sales
            HR,Human resources
            SMALL,Two people
            """);
        await _app.ImportOkAsync("employees", """
            employee_key,department_code,joined_on,left_on
            S1,SALES,2025-01-01,
            S2,SALES,2025-01-01,
            S3,SALES,2025-01-01,
            S4,SALES,2025-01-01,
            S5,SALES,2025-01-01,
            S6,SALES,2026-01-14,
            S7,SALES,2025-01-01,2026-01-07
            H1,HR,,
            H2,HR,,
            H3,HR,,
            H4,HR,,
            H5,HR,,
            M1,SMALL,,
            M2,SMALL,,
            """);
        await _app.ImportOkAsync("use-cases", """
            code,title,category,status,minutes_saved_per_use,tool
            MAIL,Draft e-mails,writing,production,6,Copilot
            CODE,Write code,it,production,10,Copilot
            CHAT,Ask the assistant,general,production,2,ChatGPT
            NOTE,Take notes,writing,production,5,
            """);
        await _app.ImportOkAsync("usage-events", """
            event_id,occurred_on,employee_key,use_case_code,uses,minutes_saved
            e1,2026-01-12,S1,MAIL,3,
            e2,2026-01-13,S1,CHAT,2,7.5
            e3,2026-01-14,S2,CODE,1,
            e4,2026-01-15,S7,CHAT,4,
            e5,2026-01-16,H1,CHAT,1,0
            e6,2026-01-16,H1,NOTE,5,
            e7,2026-01-17,M1,MAIL,2,
            e8,2026-01-18,S6,MAIL,1,4
            e9,2026-01-06,S1,MAIL,1,
            """);
        Assert.Equal("succeeded", (await _app.RecomputeAsync()).Str("status"));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static JsonElement Tool(JsonElement period, string tool) =>
        period.GetProperty("tools").EnumerateArray().Single(t => t.Str("tool") == tool);

    [Fact]
    public async Task Each_tool_counts_its_active_employees_depth_uses_and_hours_by_hand()
    {
        var tools = await _app.GetAsync("/api/v1/kpis/tools?grain=week&from=2026-01-05&to=2026-01-25");
        Assert.Equal("week", tools.Str("grain"));
        Assert.False(tools.GetProperty("stale").GetBoolean());
        Assert.Equal(["2026-W02", "2026-W03", "2026-W04"], tools.GetProperty("periods").EnumerateArray().Select(p => p.Str("period")!).ToArray());

        // W03: headcount 13 (S1–S6, H1–H5, M1–M2; S7 left before it). Ordered by tool.
        var w03 = tools.Period("2026-W03");
        Assert.Equal(["ChatGPT", "Copilot"], w03.GetProperty("tools").EnumerateArray().Select(t => t.Str("tool")!).ToArray());
        Assert.False(w03.GetProperty("suppressed").GetBoolean());
        Assert.Equal(1, w03.Long("multiToolEmployees")); // S1
        var copilot = Tool(w03, "Copilot");
        Assert.Equal(4, copilot.Long("activeEmployees")); // S1, S2, S6, M1
        Assert.Equal(4.0 / 13, copilot.Num("depth"));
        Assert.Equal(7, copilot.Long("uses")); // 3 + 1 + 2 + 1
        Assert.Equal(44.0 / 60, copilot.Num("hoursSaved")!.Value, 12); // 3 × 6 + 1 × 10 + 2 × 6 + 4 given
        var chatGpt = Tool(w03, "ChatGPT");
        Assert.Equal(2, chatGpt.Long("activeEmployees")); // S1, H1; S7 is not employed in W03
        Assert.Equal(2.0 / 13, chatGpt.Num("depth"));
        Assert.Equal(7, chatGpt.Long("uses")); // 2 + 4 + 1: S7's events count for uses and hours
        Assert.Equal(15.5 / 60, chatGpt.Num("hoursSaved")!.Value, 12); // 7.5 given + 4 × 2 + 0 given

        // W02: S1's e-mail on the 6th; nobody used ChatGPT, which is still listed.
        var w02 = tools.Period("2026-W02");
        Assert.Equal(1, Tool(w02, "Copilot").Long("activeEmployees"));
        Assert.Equal(1.0 / 13, Tool(w02, "Copilot").Num("depth"));
        Assert.Equal(0.1, Tool(w02, "Copilot").Num("hoursSaved")!.Value, 12);
        Assert.Equal((0L, 0.0, 0L, 0.0), (Tool(w02, "ChatGPT").Long("activeEmployees")!.Value, Tool(w02, "ChatGPT").Num("depth")!.Value,
            Tool(w02, "ChatGPT").Long("uses")!.Value, Tool(w02, "ChatGPT").Num("hoursSaved")!.Value));
        Assert.Equal(0, w02.Long("multiToolEmployees"));

        // January: S7 is employed from the 1st to the 7th, so their ChatGPT use in W03 makes them active in the month.
        var month = (await _app.GetAsync("/api/v1/kpis/tools?grain=month&from=2026-01-01&to=2026-01-01")).Period("2026-01");
        Assert.Equal(3, Tool(month, "ChatGPT").Long("activeEmployees")); // S1, S7, H1
        Assert.Equal(3.0 / 14, Tool(month, "ChatGPT").Num("depth"));
        Assert.Equal(4, Tool(month, "Copilot").Long("activeEmployees"));
        Assert.Equal(8, Tool(month, "Copilot").Long("uses"));
        Assert.Equal(1, month.Long("multiToolEmployees"));
    }

    [Fact]
    public async Task A_department_shows_its_own_employees_and_headcount()
    {
        var sales = (await _app.GetAsync("/api/v1/kpis/tools?grain=week&from=2026-01-12&to=2026-01-12&departmentCode=SALES")).Period("2026-W03");
        Assert.Equal(3, Tool(sales, "Copilot").Long("activeEmployees")); // S1, S2, S6
        Assert.Equal(0.5, Tool(sales, "Copilot").Num("depth"));
        Assert.Equal(5, Tool(sales, "Copilot").Long("uses"));
        Assert.Equal(1, Tool(sales, "ChatGPT").Long("activeEmployees"));
        Assert.Equal(1.0 / 6, Tool(sales, "ChatGPT").Num("depth"));
        Assert.Equal(6, Tool(sales, "ChatGPT").Long("uses")); // S7 is still on SALES's record
        Assert.Equal(1, sales.Long("multiToolEmployees"));

        var unknown = await _app.Admin().GetAsync("/api/v1/kpis/tools?departmentCode=NOPE");
        // One answer for an unknown department wherever it is asked (as on /seats/idle): a 404 naming it.
        var problem = await unknown.ReadJsonAsync(HttpStatusCode.NotFound);
        Assert.Contains("NOPE", problem.GetRawText());
    }

    [Fact]
    public async Task A_small_department_is_suppressed_for_non_admins_and_shown_to_admins()
    {
        var executive = await _app.AsRole("executive");
        const string query = "/api/v1/kpis/tools?grain=week&from=2026-01-12&to=2026-01-12&departmentCode=SMALL";
        var hidden = (await _app.GetAsync(query, executive)).Period("2026-W03");
        Assert.True(hidden.GetProperty("suppressed").GetBoolean());
        Assert.True(hidden.IsNull("multiToolEmployees"));
        Assert.All(hidden.GetProperty("tools").EnumerateArray(), t =>
        {
            Assert.True(t.IsNull("activeEmployees"));
            Assert.True(t.IsNull("depth"));
            Assert.True(t.IsNull("uses"));
            Assert.True(t.IsNull("hoursSaved"));
        });
        // HR (5 people) is hidden too, so that SMALL cannot be found by subtracting it from the organisation.
        Assert.True((await _app.GetAsync(query.Replace("SMALL", "HR"), executive)).Period("2026-W03").GetProperty("suppressed").GetBoolean());
        Assert.False((await _app.GetAsync(query.Replace("SMALL", "SALES"), executive)).Period("2026-W03").GetProperty("suppressed").GetBoolean());
        var organisation = (await _app.GetAsync("/api/v1/kpis/tools?grain=week&from=2026-01-12&to=2026-01-12", executive)).Period("2026-W03");
        Assert.False(organisation.GetProperty("suppressed").GetBoolean());
        Assert.Equal(4, Tool(organisation, "Copilot").Long("activeEmployees"));

        var shown = (await _app.GetAsync(query)).Period("2026-W03");
        Assert.False(shown.GetProperty("suppressed").GetBoolean());
        Assert.Equal(1, Tool(shown, "Copilot").Long("activeEmployees")); // M1
        Assert.Equal(0.5, Tool(shown, "Copilot").Num("depth"));
        Assert.Equal(0.2, Tool(shown, "Copilot").Num("hoursSaved")!.Value, 12);
    }

    [Fact]
    public async Task The_tools_answer_CSV_one_line_per_period_and_tool()
    {
        var client = _app.Admin();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/csv");
        var response = await client.GetAsync("/api/v1/kpis/tools?grain=week&from=2026-01-12&to=2026-01-18");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal("period,start,end,tool,activeEmployees,depth,uses,hoursSaved,multiToolEmployees,suppressed", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("2026-W03,2026-01-12,2026-01-18,ChatGPT,2,", lines[1]);
        Assert.StartsWith("2026-W03,2026-01-12,2026-01-18,Copilot,4,", lines[2]);
    }

    [Fact]
    public async Task A_new_tool_appearing_without_a_full_recompute_is_listed_in_every_period_at_zero_where_unused()
    {
        // As a source import does: a use case of a new tool created, and only its events' dates marked.
        await using (var connection = await _app.Database.OpenAsync())
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = """
                INSERT INTO use_cases (code, title, category, status, minutes_saved_per_use, tool)
                VALUES ('github-code-completion', 'code completion', 'tool', 'production', 0, 'GitHub Copilot'),
                       ('m365-copilot-chat', 'Copilot Chat', 'tool', 'production', 0, ' copilot ')
                """;
            await insert.ExecuteNonQueryAsync();
        }
        await _app.ImportOkAsync("usage-events", """
            event_id,occurred_on,employee_key,use_case_code,uses
            g1,2026-01-20,S2,github-code-completion,3
            g2,2026-01-21,H2,m365-copilot-chat,1
            """);
        // Only the changed periods are rewritten; the earlier ones list the new tool, unused.
        var run = await _app.RecomputeAsync();
        Assert.Equal("incremental", run.Str("mode"));

        var tools = await _app.GetAsync("/api/v1/kpis/tools?grain=week&from=2026-01-05&to=2026-01-25");
        Assert.All(tools.GetProperty("periods").EnumerateArray(), p =>
            Assert.Equal(["ChatGPT", "Copilot", "GitHub Copilot"], p.GetProperty("tools").EnumerateArray().Select(t => t.Str("tool")!).ToArray()));
        Assert.Equal(1, Tool(tools.Period("2026-W04"), "GitHub Copilot").Long("activeEmployees"));
        Assert.Equal((0L, 1.0 * 0, 0L), (Tool(tools.Period("2026-W03"), "GitHub Copilot").Long("activeEmployees")!.Value,
            Tool(tools.Period("2026-W03"), "GitHub Copilot").Num("depth")!.Value, Tool(tools.Period("2026-W03"), "GitHub Copilot").Long("uses")!.Value));
        // A tool spelled in another case is the same tool.
        Assert.Equal(1, Tool(tools.Period("2026-W04"), "Copilot").Long("activeEmployees"));
    }

    [Fact]
    public async Task The_openapi_document_explains_the_tools_endpoint_and_its_figures()
    {
        var document = await (await _app.CreateClient().GetAsync("/openapi/v1.json")).ReadJsonAsync(HttpStatusCode.OK);
        var get = document.GetProperty("paths").GetProperty("/api/v1/kpis/tools").GetProperty("get");
        Assert.Contains("multiToolEmployees", get.GetProperty("description").GetString());
        Assert.Contains(get.GetProperty("parameters").EnumerateArray(), p => p.Str("name") == "departmentCode");
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Contains("headcount", schemas.GetProperty("ToolFigures").GetProperty("properties").GetProperty("activeEmployees").GetProperty("description").GetString());
        Assert.Contains("minGroupSize", schemas.GetProperty("ToolPeriod").GetProperty("properties").GetProperty("suppressed").GetProperty("description").GetString());
    }
}
