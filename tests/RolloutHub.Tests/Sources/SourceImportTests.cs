using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RolloutHub.Tests.Support;
using static RolloutHub.Tests.Sources.SourceFiles;

namespace RolloutHub.Tests.Sources;

/// <summary>
/// The AI tools' exports go in as exported: users matched by e-mail or identity, unmatched users
/// counted, events upserted by their stable ids, all or nothing.
/// </summary>
public sealed class SourceImportTests : IAsyncLifetime
{
    private const string Ndjson = "application/x-ndjson";
    private const string Csv = "text/csv";
    private readonly TestApp _app = new();

    public async Task InitializeAsync()
    {
        await World.LoadAsync(_app);
        // As the employees and identities imports store them: trimmed and lowercased.
        await _app.ExecuteAsync("UPDATE employees SET email = LOWER(employee_key) || '@contoso.com' WHERE employee_key IN ('S1', 'S2', 'H1')");
        await _app.ExecuteAsync("""
            INSERT INTO identities (system, external_id, employee_key) VALUES
              ('github', 'octo-s1', 'S1'), ('github', 'octo-s2', 'S2'), ('github', 'octo-o1', 'O1'), ('github', 'octo-h1', 'H1'),
              ('email', 'o1.alias@contoso.com', 'O1'),
              ('viva', '11111111-aaaa-4bbb-8ccc-000000000001', 'S1'), ('viva', '11111111-aaaa-4bbb-8ccc-000000000002', 'O1')
            """);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_GitHub_record_without_features_counts_as_the_feature_copilot_for_its_matched_user()
    {
        var answer = await _app.ImportSourceOkAsync("github-copilot",
            """{"user_login":"octo-s1","day":"2026-01-05","user_initiated_interaction_count":4,"code_generation_activity_count":0,"code_acceptance_activity_count":0}""" + "\n",
            Ndjson);
        Assert.Equal((1, 0, 0, 1, 0, 0), answer.Counts());
        Assert.Equal(("2026-01-05", "2026-01-05"), (answer.Str("firstDate"), answer.Str("lastDate")));
        var stored = Assert.Single(await _app.QueryAsync<(string, string, string, int, double?)>(
            "SELECT event_id, employee_key, use_case_code, uses, minutes_saved FROM usage_events"));
        Assert.Equal(("github-copilot:octo-s1:2026-01-05:github-copilot", "S1", "github-copilot", 4, (double?)null), stored);
    }

    [Fact]
    public async Task Identifiers_match_identities_and_emails_without_case_or_spaces_and_unmatched_users_are_counted_not_refused()
    {
        var file = string.Join("\n",
            GitHub("  Octo-S1 ", "2026-01-05", ("code_completion", 0, 4, 2), ("chat_panel_ask_mode", 3, 0, 0)),
            GitHub("OCTO-O1", "2026-01-06", ("code_completion", 0, 1, 0)),
            GitHub("ghost-b", "2026-01-05", ("code_completion", 1, 0, 0)),
            GitHub("Ghost-A", "2026-01-06", ("code_completion", 2, 0, 0)),
            GitHub("ghost-a ", "2026-01-07", ("code_completion", 2, 0, 0)),
            // Nothing qualifies: neither skipped nor unmatched, and no event.
            GitHub("octo-s2", "2026-01-05", ("code_completion", 0, 0, 0))) + "\n";

        var answer = await _app.ImportSourceOkAsync("github-copilot", file, Ndjson);

        Assert.Equal((6, 0, 2, 3, 0, 0), answer.Counts());
        Assert.Equal(["ghost-a", "ghost-b"], answer.Sample());
        Assert.Equal(("2026-01-05", "2026-01-06"), (answer.Str("firstDate"), answer.Str("lastDate")));
        var events = await _app.QueryAsync<(string, string, int)>("SELECT event_id, employee_key, uses FROM usage_events ORDER BY event_id");
        Assert.Equal(
        [
            ("github-copilot:octo-o1:2026-01-06:github-code-completion", "O1", 1),
            ("github-copilot:octo-s1:2026-01-05:github-chat-panel-ask-mode", "S1", 3),
            ("github-copilot:octo-s1:2026-01-05:github-code-completion", "S1", 2),
        ], events);

        // E-mail addresses: employees' email and identities of system email, whatever the case and spaces.
        var purview = await _app.ImportSourceOkAsync("m365-copilot-audit", string.Join("\n",
            PurviewHeader,
            PurviewRow("AAA-1", "2026-01-05T10:00:00.0000000Z ", "CopilotInteraction", " S1@Contoso.COM", "Word", 2),
            PurviewRow("AAA-2", "2026-01-05T11:00:00Z", "CopilotInteraction", "O1.Alias@contoso.com", "Teams", 1),
            PurviewRow("AAA-3", "2026-01-05T11:00:00Z", "CopilotInteraction", "nobody@contoso.com", "Teams", 1)) + "\n", Csv);
        Assert.Equal((3, 0, 1, 2, 0, 0), purview.Counts());
        Assert.Equal(["nobody@contoso.com"], purview.Sample());
        Assert.Equal(["S1", "O1"], await _app.QueryAsync<string>(
            "SELECT employee_key FROM usage_events WHERE event_id IN ('m365-copilot-audit:aaa-1', 'm365-copilot-audit:aaa-2') ORDER BY event_id"));
    }

    [Fact]
    public async Task Rows_of_another_kind_are_skipped_before_their_user_is_looked_at()
    {
        var answer = await _app.ImportSourceOkAsync("m365-copilot-audit", string.Join("\n",
            PurviewHeader,
            PurviewRow("R1", "1/5/2026 9:05:03 AM", "CopilotInteraction", "s1@contoso.com", "Outlook", 3),
            PurviewRow("R2", "1/5/2026 9:06 PM", "FileAccessed", "s1@contoso.com", null, 0),
            PurviewRow("R3", "1/6/2026 10:00", "MailItemsAccessed", "stranger@elsewhere.com", null, 0)) + "\n", Csv);
        Assert.Equal((3, 2, 0, 1, 0, 0), answer.Counts());
        Assert.Empty(answer.Sample());

        var chat = await _app.ImportSourceOkAsync("chatgpt-enterprise", string.Join("\n",
            ChatGptHeader,
            "Weekly,2026-01-04,2026-01-10,s2@contoso.com,1,2026-01-06,2026-01-09,12",
            "Weekly,2026-01-04,2026-01-10,s1@contoso.com,0,,,0",
            "Weekly,2026-01-04,2026-01-10,someone@contoso.com,0,,,0",
            "Weekly,2026-01-04,2026-01-10,gone@contoso.com,1,,,5") + "\n", Csv);
        Assert.Equal((4, 2, 1, 1, 0, 0), chat.Counts());
        Assert.Equal(["gone@contoso.com"], chat.Sample());
        Assert.Equal([("2026-01-06", "S2", 12)], await _app.QueryAsync<(string, string, int)>(
            "SELECT CAST(occurred_on AS VARCHAR(10)), employee_key, uses FROM usage_events WHERE event_id = 'chatgpt-enterprise:s2@contoso.com:2026-01-04'"));
    }

    [Fact]
    public async Task The_same_file_twice_and_two_overlapping_exports_change_nothing_the_second_time()
    {
        string Day(string day, int uses) => GitHub("octo-s1", day, ("code_completion", uses, 0, 0));
        var first = await _app.ImportSourceOkAsync("github-copilot", string.Join("\n", Day("2026-01-05", 1), Day("2026-01-06", 2)), Ndjson);
        var again = await _app.ImportSourceOkAsync("github-copilot", string.Join("\n", Day("2026-01-05", 1), Day("2026-01-06", 2)), Ndjson);
        Assert.Equal((2, 0, 0, 2, 0, 0), first.Counts());
        Assert.Equal((2, 0, 0, 0, 0, 2), again.Counts());

        // The next export overlaps the first by one day, and the vendor revised that day's count.
        var overlapping = await _app.ImportSourceOkAsync("github-copilot",
            string.Join("\n", Day("2026-01-05", 1), Day("2026-01-06", 5), Day("2026-01-07", 1)), Ndjson);
        Assert.Equal((3, 0, 0, 1, 1, 1), overlapping.Counts());
        Assert.Equal(3, (await _app.QueryAsync<long>("SELECT COUNT(*) FROM usage_events")).Single());
    }

    [Fact]
    public async Task An_event_id_given_twice_by_one_file_keeps_its_first_occurrence_and_says_so()
    {
        var answer = await _app.ImportSourceOkAsync("github-copilot", string.Join("\n",
            GitHub("octo-s1", "2026-01-05", ("code_completion", 2, 0, 0)),
            GitHub("octo-s2", "2026-01-05", ("code_completion", 1, 0, 0)),
            GitHub("OCTO-S1", "2026-01-05", ("code_completion", 9, 0, 0))), Ndjson);
        Assert.Equal((3, 0, 0, 2, 0, 0), answer.Counts());
        Assert.Equal([2], await _app.QueryAsync<int>("SELECT uses FROM usage_events WHERE event_id = 'github-copilot:octo-s1:2026-01-05:github-code-completion'"));
        var warning = Assert.Single(answer.GetProperty("warnings").EnumerateArray());
        Assert.Equal(("duplicate-event", 3), (warning.Str("code"), warning.Int("line")));
    }

    [Fact]
    public async Task A_bad_line_refuses_the_whole_file_with_every_error_and_writes_nothing()
    {
        var before = await _app.StoredStateAsync();
        var response = await _app.ImportSourceAsync("chatgpt-enterprise", string.Join("\n",
            ChatGptHeader,
            "Weekly,2026-01-04,2026-01-10,s2@contoso.com,1,2026-01-06,2026-01-09,12",
            "Weekly,2026-13-04,2026-01-10,s1@contoso.com,1,2026-01-06,2026-01-09,3",
            "Weekly,2026-01-04,2026-01-10,h1@contoso.com,1,2026-01-06,2026-01-09,many") + "\n", Csv);
        var problem = await response.ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
        var lines = problem.GetProperty("errors").EnumerateArray().Select(e => (e.Int("line"), e.Str("column"))).ToList();
        Assert.Contains(lines, l => l.Item1 == 3 && l.Item2 == "period_start");
        Assert.Contains(lines, l => l.Item1 == 4 && l.Item2 == "messages");
        Assert.Equal(before, await _app.StoredStateAsync());

        var json = await _app.ImportSourceAsync("github-copilot", GitHub("octo-s1", "2026-01-05", ("code_completion", 1, 0, 0)) + "\n{not json\n", Ndjson);
        var jsonProblem = await json.ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(2, Assert.Single(jsonProblem.GetProperty("errors").EnumerateArray()).Int("line"));
        Assert.Equal(before, await _app.StoredStateAsync());
    }

    [Fact]
    public async Task A_dry_run_answers_what_the_import_would_and_writes_nothing()
    {
        await _app.ImportSourceOkAsync("github-copilot", GitHub("octo-s1", "2026-01-05", ("code_completion", 1, 0, 0)), Ndjson);
        var file = string.Join("\n",
            GitHub("octo-s1", "2026-01-05", ("code_completion", 1, 0, 0)),
            GitHub("octo-s2", "2026-01-06", ("brand_new_feature", 1, 0, 0)),
            GitHub("who-is-this", "2026-01-06", ("code_completion", 1, 0, 0)));
        var before = await _app.StoredStateAsync();

        var dry = await _app.ImportSourceOkAsync("github-copilot", file, Ndjson, "?dryRun=true");
        Assert.Equal(before, await _app.StoredStateAsync());
        var real = await _app.ImportSourceOkAsync("github-copilot", file, Ndjson);

        Assert.True(dry.GetProperty("dryRun").GetBoolean());
        Assert.Equal((3, 0, 1, 1, 0, 1), real.Counts());
        foreach (var field in new[] { "source", "rowsRead", "skipped", "unmatchedUsers", "unmatchedSample", "inserted", "updated", "unchanged", "firstDate", "lastDate", "warnings" })
            Assert.Equal(real.GetProperty(field).GetRawText(), dry.GetProperty(field).GetRawText());
    }

    [Fact]
    public async Task A_champion_imports_only_files_whose_matched_employees_are_all_in_their_departments()
    {
        var champion = await _app.AsRole("champion", "SALES");
        var before = await _app.StoredStateAsync();
        var outside = await _app.ImportSourceAsync("github-copilot", string.Join("\n",
            GitHub("octo-s1", "2026-01-05", ("code_completion", 1, 0, 0)),
            GitHub("octo-o1", "2026-01-05", ("code_completion", 1, 0, 0))), Ndjson, client: champion);
        await outside.ReadJsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await _app.StoredStateAsync());

        // Unmatched users are nobody's: they do not stop a champion's file.
        var inside = await _app.ImportSourceAsync("github-copilot", string.Join("\n",
            GitHub("octo-s1", "2026-01-05", ("code_completion", 1, 0, 0)),
            GitHub("stranger", "2026-01-05", ("code_completion", 1, 0, 0))), Ndjson, client: champion);
        var answer = await inside.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal((2, 0, 1, 1, 0, 0), answer.Counts());

        var hr = await _app.AsRole("hr");
        var refused = await _app.ImportSourceAsync("github-copilot", GitHub("octo-s1", "2026-01-06", ("code_completion", 1, 0, 0)), Ndjson, client: hr);
        await refused.ReadJsonAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_unknown_source_is_404_naming_the_five_sources()
    {
        var problem = await (await _app.ImportSourceAsync("copilot-studio", "x", Csv)).ReadJsonAsync(HttpStatusCode.NotFound);
        var detail = problem.Str("detail")!;
        foreach (var source in new[] { "m365-copilot-audit", "m365-copilot-usage", "github-copilot", "chatgpt-enterprise", "viva-copilot" })
            Assert.Contains(source, detail);
    }

    [Fact]
    public async Task A_usage_report_whose_every_name_is_concealed_is_refused_naming_the_setting()
    {
        var before = await _app.StoredStateAsync();
        var problem = await (await _app.ImportSourceAsync("m365-copilot-usage", string.Join("\n",
            UsageReportHeader,
            "2026-01-31,E58EEF6A6BBD3D0293CB306D24A42057,6A4630397AAA1A9C8EED362168DC88A0,2026-01-30,2026-01-30,,,7",
            "2026-01-31,dc8c64d6ec3a3aa17481d7e5eb5b68a6,DC8C64D6EC3A3AA17481D7E5EB5B68A7,2026-01-29,,2026-01-29,,7") + "\n", Csv))
            .ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("concealed", problem.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Display concealed user, group, and site names", problem.GetRawText());
        Assert.Equal(before, await _app.StoredStateAsync());
    }

    [Fact]
    public async Task The_usage_report_gives_an_event_per_app_active_in_its_window_and_with_seats_every_matched_employee_gets_a_seat()
    {
        await _app.ExecuteAsync("UPDATE employees SET has_seat = @no WHERE employee_key IN ('S1', 'S2', 'H1', 'O1')", new { no = false });
        await _app.ExecuteAsync("UPDATE employees SET has_seat = @yes WHERE employee_key = 'O1'", new { yes = true });
        var report = string.Join("\n",
            UsageReportHeader,
            // Window of 7 days before 2026-01-31: 2026-01-24 is out, 2026-01-25 is in.
            "2026-01-31,S2@contoso.com,S2,2026-01-30,2026-01-30,2026-01-24,2026-01-25,7",
            "2026-01-31,h1@contoso.com,H1,,,,,7",
            "2026-01-31,E58EEF6A6BBD3D0293CB306D24A42057,6A4630397AAA1A9C8EED362168DC88A0,2026-01-30,2026-01-30,,,7") + "\n";

        var answer = await _app.ImportSourceOkAsync("m365-copilot-usage", report, Csv, "?seats=true");

        Assert.Equal((3, 0, 1, 2, 0, 0), answer.Counts());
        Assert.Equal(["e58eef6a6bbd3d0293cb306d24a42057"], answer.Sample());
        Assert.Equal(
            ["m365-copilot-usage:s2@contoso.com:m365-copilot-chat:2026-01-30", "m365-copilot-usage:s2@contoso.com:m365-word:2026-01-25"],
            await _app.QueryAsync<string>("SELECT event_id FROM usage_events ORDER BY event_id"));
        // The licence holders of the report (S2, H1) gain a seat; O1, not in it, keeps theirs; S1 stays without.
        Assert.Equal(["H1", "O1", "S2"], await _app.QueryAsync<string>("SELECT employee_key FROM employees WHERE has_seat = @yes ORDER BY employee_key", new { yes = true }));

        var notThere = await _app.ImportSourceAsync("github-copilot", GitHub("octo-s1", "2026-01-05", ("code_completion", 1, 0, 0)), Ndjson, "?seats=true");
        await notThere.ReadJsonAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Viva_weeks_starting_on_Sunday_count_from_the_Monday_for_the_person_it_names()
    {
        var answer = await _app.ImportSourceOkAsync("viva-copilot", string.Join("\n",
            "PersonId,MetricDate,Copilot actions taken in Teams,Copilot_actions_taken_in_Word,Total Copilot actions taken",
            "11111111-AAAA-4bbb-8ccc-000000000001,2026-01-04,3.7,0,3.7",
            "11111111-aaaa-4bbb-8ccc-000000000002,2026-01-05,0,0,0",
            "99999999-aaaa-4bbb-8ccc-000000000009,2026-01-04,1,1,2") + "\n", Csv);
        Assert.Equal((3, 0, 1, 1, 0, 0), answer.Counts());
        Assert.Equal([("viva-copilot:11111111-aaaa-4bbb-8ccc-000000000001:2026-01-04:m365-teams", "2026-01-05", 3)],
            await _app.QueryAsync<(string, string, int)>("SELECT event_id, CAST(occurred_on AS VARCHAR(10)), uses FROM usage_events"));
    }

    [Fact]
    public async Task Use_cases_a_source_names_are_created_for_its_tool_and_existing_ones_are_left_as_they_are()
    {
        await _app.ImportOkAsync("use-cases", """
            code,title,category,status,minutes_saved_per_use,owner,applicable_departments
            chatgpt,Ask ChatGPT,writing,pilot,7.5,Claire,SALES
            """);
        var before = await _app.QueryAsync<string>("SELECT code || '|' || title || '|' || category || '|' || status || '|' || COALESCE(owner, '') || '|' || COALESCE(tool, '') FROM use_cases WHERE code = 'chatgpt'");

        await _app.ImportSourceOkAsync("chatgpt-enterprise", ChatGptHeader + "\nWeekly,2026-01-04,2026-01-10,s1@contoso.com,1,2026-01-05,2026-01-05,2\n", Csv);
        await _app.ImportSourceOkAsync("github-copilot", GitHub("octo-s1", "2026-01-05", ("code_completion", 1, 0, 0)), Ndjson);

        Assert.Equal(before, await _app.QueryAsync<string>("SELECT code || '|' || title || '|' || category || '|' || status || '|' || COALESCE(owner, '') || '|' || COALESCE(tool, '') FROM use_cases WHERE code = 'chatgpt'"));
        var created = Assert.Single(await _app.QueryAsync<(string Category, string Status, double Minutes, string? Owner, string? Tool, string Title)>(
            "SELECT category, status, minutes_saved_per_use, owner, tool, title FROM use_cases WHERE code = 'github-code-completion'"));
        Assert.Equal(("tool", "production", 0.0, (string?)null, "GitHub Copilot"),
            (created.Category, created.Status, created.Minutes, created.Owner, created.Tool));
        Assert.False(string.IsNullOrWhiteSpace(created.Title));
        Assert.Empty(await _app.QueryAsync<string>("SELECT department_code FROM use_case_departments WHERE use_case_code = 'github-code-completion'"));
    }

    [Fact]
    public async Task Sources_lists_each_imported_source_with_its_dates_events_and_last_unmatched_count_also_as_CSV()
    {
        var none = await (await _app.Admin().GetAsync("/api/v1/sources")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, none.GetProperty("items").GetArrayLength());

        await _app.ImportSourceOkAsync("github-copilot", string.Join("\n",
            GitHub("octo-s1", "2026-01-05", ("code_completion", 1, 0, 0)),
            GitHub("ghost", "2026-01-09", ("code_completion", 1, 0, 0))), Ndjson);
        await _app.ImportSourceOkAsync("github-copilot", string.Join("\n",
            GitHub("octo-s2", "2026-01-08", ("code_completion", 1, 0, 0), ("chat_panel_ask_mode", 1, 0, 0))), Ndjson);
        await _app.ImportSourceOkAsync("github-copilot", GitHub("octo-s2", "2026-01-12", ("code_completion", 1, 0, 0)), Ndjson, "?dryRun=true");
        // Events of the usage-events import, even with ids that sort just beside the source's, are not the source's.
        await _app.ImportOkAsync("usage-events", """
            event_id,occurred_on,employee_key,use_case_code,uses
            github-copilot;x,2026-02-01,S1,MAIL,1
            github-copilot,2026-02-01,S1,MAIL,1
            github-copilot9,2026-02-01,S1,MAIL,1
            """);

        var executive = await _app.AsRole("executive");
        var sources = await (await executive.GetAsync("/api/v1/sources")).ReadJsonAsync(HttpStatusCode.OK);
        var github = Assert.Single(sources.GetProperty("items").EnumerateArray());
        Assert.Equal(("github-copilot", "GitHub Copilot", "2026-01-05", "2026-01-08", 3, 0),
            (github.Str("source"), github.Str("tool"), github.Str("firstDate"), github.Str("lastDate"), github.Int("events"), github.Int("unmatchedUsers")));
        Assert.True(DateTimeOffset.UtcNow - github.GetProperty("lastImportAt").GetDateTimeOffset() < TimeSpan.FromMinutes(5));

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sources");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var csv = await (await executive.SendAsync(request)).Content.ReadAsStringAsync();
        var lines = csv.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal("source,tool,lastImportAt,firstDate,lastDate,events,unmatchedUsers", lines[0]);
        Assert.StartsWith("github-copilot,GitHub Copilot,", lines[1]);
        Assert.EndsWith(",2026-01-05,2026-01-08,3,0", lines[1]);
    }

    [Fact]
    public async Task A_multipart_upload_of_a_JSON_document_imports_like_the_raw_body()
    {
        var document = "{\"day_totals\": [" + GitHub("octo-s1", "2026-01-05", ("code_completion", 1, 0, 0)) + "]}";
        using var form = new MultipartFormDataContent();
        var file = new StringContent(document, Encoding.UTF8);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "file", "users-1-day.json");
        var answer = await (await _app.Admin().PostAsync("/api/v1/imports/sources/github-copilot", form)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal((1, 0, 0, 1, 0, 0), answer.Counts());
    }
}
