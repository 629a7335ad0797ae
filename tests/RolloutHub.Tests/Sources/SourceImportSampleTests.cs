using System.Net;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Sources;

/// <summary>
/// The vendors' own example files (Sources/samples, unchanged) through the import endpoint, with
/// a roster whose identities name some of their users. The per-row figures were counted from
/// the files by hand (see ParserSampleTests); here they become stored usage events.
/// </summary>
public sealed class SourceImportSampleTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public async Task InitializeAsync() => await World.LoadAsync(_app);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task GitHub_28_day_report_counts_unknown_logins_then_imports_them_once_identities_exist()
    {
        var report = SourceCalls.Sample("github-copilot-metrics-viewer-new-api-organization-users-28-day-report.json");

        var before = await _app.ImportSourceOkAsync("github-copilot", report, "application/json");
        Assert.Equal((107, 0, 8, 0, 0, 0), before.Counts());
        Assert.Equal(["alicechen", "bobmartinez", "codertocat", "defunkt", "hubot", "monalisa", "octocat", "octokitten"], before.Sample());
        Assert.True(before.GetProperty("firstDate").ValueKind == System.Text.Json.JsonValueKind.Null);

        await _app.ExecuteAsync("""
            INSERT INTO identities (system, external_id, employee_key) VALUES
              ('github', 'alicechen', 'S1'), ('github', 'bobmartinez', 'S2'), ('github', 'codertocat', 'H1'), ('github', 'defunkt', 'O1'),
              ('github', 'hubot', 'S1'), ('github', 'monalisa', 'S2'), ('github', 'octocat', 'H1'), ('github', 'octokitten', 'O1')
            """);
        var after = await _app.ImportSourceOkAsync("github-copilot", report, "application/json");
        Assert.Equal((107, 0, 0, 189, 0, 0), after.Counts());
        Assert.Equal(("2026-03-29", "2026-04-25"), (after.Str("firstDate"), after.Str("lastDate")));
        Assert.Equal([6653L], await _app.QueryAsync<long>("SELECT SUM(uses) FROM usage_events"));

        var again = await _app.ImportSourceOkAsync("github-copilot", report, "application/json");
        Assert.Equal((107, 0, 0, 0, 0, 189), again.Counts());
    }

    [Fact]
    public async Task GitHub_documented_user_record_imports_its_one_feature()
    {
        await _app.ExecuteAsync("INSERT INTO identities (system, external_id, employee_key) VALUES ('github', 'login1', 'S2')");
        var answer = await _app.ImportSourceOkAsync("github-copilot",
            SourceCalls.Sample("github-copilot-usage-metrics-docs-example-user-level.json"), "application/json");
        Assert.Equal((1, 0, 0, 1, 0, 0), answer.Counts());
        Assert.Equal([("github-copilot:login1:2025-10-01:github-code-completion", "S2")],
            await _app.QueryAsync<(string, string)>("SELECT event_id, employee_key FROM usage_events"));
    }

    [Fact]
    public async Task ChatGPT_weekly_report_imports_the_weeks_of_known_addresses_and_counts_the_others()
    {
        await _app.ExecuteAsync("UPDATE employees SET email = 'alice.johnson@example.com' WHERE employee_key = 'S1'");
        await _app.ExecuteAsync("INSERT INTO identities (system, external_id, employee_key) VALUES ('email', 'bob.smith@example.com', 'O1')");
        var answer = await _app.ImportSourceOkAsync("chatgpt-enterprise",
            SourceCalls.Sample("chatgpt-enterprise-user-report-weekly-SYNTHETIC-by-repo-author.csv"), "text/csv");
        // Alice and Bob: four weeks each; Carol, David and Emma are not in the roster.
        Assert.Equal((20, 0, 3, 8, 0, 0), answer.Counts());
        Assert.Equal(["carol.white@example.com", "david.brown@example.com", "emma.davis@example.com"], answer.Sample());
        Assert.Equal([("O1", 200L), ("S1", 150L)], await _app.QueryAsync<(string, long)>(
            "SELECT employee_key, SUM(uses) FROM usage_events GROUP BY employee_key ORDER BY employee_key"));
    }

    [Fact]
    public async Task Viva_person_query_sample_imports_the_apps_of_the_person_it_knows()
    {
        await _app.ExecuteAsync("INSERT INTO identities (system, external_id, employee_key) VALUES ('viva', '7d99f98f-c0a6-4df9-b2c3-ec9507caf781', 'H1')");
        var answer = await _app.ImportSourceOkAsync("viva-copilot",
            SourceCalls.Sample("viva-vivainsights-R-pq_data.DERIVED-first30rows.csv"), "text/csv");
        // The first person: Teams 5, Copilot chat (work) 1, Outlook 2 actions in the week of Sunday 2024-04-28.
        Assert.Equal((30, 0, 29, 3, 0, 0), answer.Counts());
        Assert.Equal(("2024-04-29", "2024-04-29"), (answer.Str("firstDate"), answer.Str("lastDate")));
        Assert.Equal([8L], await _app.QueryAsync<long>("SELECT SUM(uses) FROM usage_events WHERE employee_key = 'H1'"));
        Assert.Equal(["Microsoft 365 Copilot"], await _app.QueryAsync<string>("SELECT DISTINCT tool FROM use_cases WHERE code LIKE 'm365-%'"));
    }

    [Fact]
    public async Task Usage_report_doc_example_with_its_concealed_user_is_refused_naming_the_setting()
    {
        var response = await _app.ImportSourceAsync("m365-copilot-usage", SourceCalls.Sample("m365-graph-usageuserdetail-v1-doc-example.csv"), "text/csv");
        var problem = await response.ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Display concealed user, group, and site names in all reports", problem.Str("detail"));
        Assert.Equal(0, (await _app.QueryAsync<long>("SELECT COUNT(*) FROM source_imports")).Single());
    }

    [Fact]
    public async Task Purview_export_of_the_documented_interactions_gives_one_event_per_app()
    {
        await _app.ExecuteAsync("UPDATE employees SET email = 'admin@moderncomms975184.onmicrosoft.com' WHERE employee_key = 'S2'");
        string Row(string recordId, string date, string sample) =>
            $"{recordId},{date},261,CopilotInteraction,admin@MODERNCOMMS975184.onmicrosoft.com,\"{SourceCalls.Sample(sample).Trim().Replace("\"", "\"\"")}\",,";
        var file = string.Join("\r\n",
            SourceFiles.PurviewHeader,
            Row("99b0a960-13a0-461f-8c5c-cb2316ea273d", "12/13/2023 17:12", "purview-copilotinteraction-auditdata-doc-example1.json"),
            Row("537312b6-dce7-4d9b-8b12-58283204b720", "12/14/2023 2:11", "purview-copilotinteraction-auditdata-doc-example2.json")) + "\r\n";

        var answer = await _app.ImportSourceOkAsync("m365-copilot-audit", file, "text/csv");

        Assert.Equal((2, 0, 0, 2, 0, 0), answer.Counts());
        Assert.Equal(
        [
            ("m365-copilot-audit:537312b6-dce7-4d9b-8b12-58283204b720", "2023-12-14", "m365-bing", 1),
            ("m365-copilot-audit:99b0a960-13a0-461f-8c5c-cb2316ea273d", "2023-12-13", "m365-word", 1),
        ], await _app.QueryAsync<(string, string, string, int)>(
            "SELECT event_id, CAST(occurred_on AS VARCHAR(10)), use_case_code, uses FROM usage_events ORDER BY event_id"));
    }
}
