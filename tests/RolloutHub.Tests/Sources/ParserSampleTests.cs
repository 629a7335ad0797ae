using System.Text;
using RolloutHub.Api.Features.Sources.Parsers;

namespace RolloutHub.Tests.Sources;

/// <summary>
/// The vendors' own sample files (Sources/samples, unchanged), read as they are. Expected
/// events were counted from the files by hand against the sources' rules.
/// </summary>
public sealed class ParserSampleTests
{
    [Fact]
    public void GitHub_users_1_day_report_gives_the_active_user_one_event_per_feature()
    {
        var parsed = Parse.Sample("github-copilot", "github-copilot-metrics-viewer-new-api-organization-users-1-day-report.json").Ok();

        // Two records (hubot and octocat); octocat's only feature has no activity at all.
        Assert.Equal([1L, 2L], parsed.Records.Select(r => r.Line));
        Assert.Equal(["hubot", "octocat"], parsed.Records.Select(r => r.UserId));
        Assert.All(parsed.Records, r => Assert.Equal("github", r.IdentitySystem));
        Assert.Empty(parsed.Records[1].Events);
        var cli = Assert.Single(parsed.Events);
        Assert.Equal("github-copilot:hubot:2026-04-25:github-copilot-cli", cli.EventId);
        Assert.Equal(new DateOnly(2026, 4, 25), cli.OccurredOn);
        Assert.Equal("github-copilot-cli", cli.UseCaseCode);
        Assert.Equal("copilot_cli", cli.UseCaseTitle);
        Assert.Equal(24 + 24, cli.Uses);
    }

    [Fact]
    public void GitHub_users_28_day_report_is_read_whole()
    {
        var parsed = Parse.Sample("github-copilot", "github-copilot-metrics-viewer-new-api-organization-users-28-day-report.json").Ok();

        // 107 user-day records of 8 logins; 189 features with activity, 6653 uses, 2026-03-29..04-25.
        Assert.Equal(107, parsed.Records.Count);
        Assert.Equal(8, parsed.Records.Select(r => r.UserId).Distinct().Count());
        Assert.Equal(189, parsed.Events.Count);
        Assert.Equal(6653, parsed.Events.Sum(e => e.Uses));
        Assert.Equal(new DateOnly(2026, 3, 29), parsed.Events.Min(e => e.OccurredOn));
        Assert.Equal(new DateOnly(2026, 4, 25), parsed.Events.Max(e => e.OccurredOn));
        Assert.Equal(38, parsed.Events.Count(e => e.UseCaseCode == "github-chat-panel-agent-mode"));
        Assert.Equal(37, parsed.Events.Count(e => e.UseCaseCode == "github-code-completion"));
        Assert.Equal(4, parsed.Events.Count(e => e.UseCaseCode == "github-chat-inline"));
        Assert.Equal(8, parsed.Event("github-copilot:defunkt:2026-03-30:github-chat-panel-agent-mode").Uses);
        Assert.Equal(parsed.Events.Count, parsed.Events.Select(e => e.EventId).Distinct().Count());
    }

    [Fact]
    public void GitHub_documented_user_record_in_a_JSON_array_gives_its_feature()
    {
        var parsed = Parse.Sample("github-copilot", "github-copilot-usage-metrics-docs-example-user-level.json", "application/json").Ok();

        var record = Assert.Single(parsed.Records);
        Assert.Equal(1, record.Line);
        Assert.Equal("login1", record.UserId);
        // code_completion: 0 interactions, 1 generation, 1 acceptance: active, 0 + 1 uses.
        var e = Assert.Single(record.Events);
        Assert.Equal("github-copilot:login1:2025-10-01:github-code-completion", e.EventId);
        Assert.Equal(1, e.Uses);
        Assert.Equal(new DateOnly(2025, 10, 1), e.OccurredOn);
    }

    [Theory]
    [InlineData("github-copilot-metrics-viewer-new-api-enterprise-users-1-day-report.json", "day_totals")]
    [InlineData("github-copilot-metrics-viewer-organization_seats_response_sample.json", "day_totals")]
    [InlineData("github-copilot-metrics-viewer-new-api-download-links-organization-1-day.json", "day_totals")]
    [InlineData("github-copilot-metrics-viewer-new-api-download-links-organization-28-day.json", "day_totals")]
    [InlineData("github-copilot-metrics-viewer-new-api-organization-1-day-report.json", "user_login")]
    [InlineData("github-copilot-metrics-viewer-organization_metrics_response_sample.json", "user_login")]
    public void GitHub_files_that_are_not_user_level_reports_are_refused_naming_the_field(string name, string field)
    {
        var refused = Parse.RefusedSample("github-copilot", name);
        var error = Assert.Single(refused.Errors, e => e.Column == field);
        Assert.Equal("missing-field", error.Code);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void ChatGPT_monthly_report_gives_one_event_per_user_on_the_first_active_day()
    {
        var parsed = Parse.Sample("chatgpt-enterprise", "chatgpt-enterprise-user-report-monthly-SYNTHETIC-by-repo-author.csv").Ok();

        Assert.Equal(5, parsed.Records.Count);
        Assert.Equal([2L, 3L, 4L, 5L, 6L], parsed.Records.Select(r => r.Line));
        Assert.All(parsed.Records, r => Assert.False(r.Skipped));
        Assert.Equal(5, parsed.Events.Count);
        var alice = parsed.Event("chatgpt-enterprise:alice.johnson@example.com:2025-05-01");
        Assert.Equal(new DateOnly(2025, 5, 2), alice.OccurredOn);
        Assert.Equal(150, alice.Uses);
        Assert.Equal("chatgpt", alice.UseCaseCode);
        Assert.Equal(new DateOnly(2025, 5, 5), parsed.Event("chatgpt-enterprise:emma.davis@example.com:2025-05-01").OccurredOn);
        Assert.Equal(150 + 200 + 100 + 175 + 125, parsed.Events.Sum(e => e.Uses));
        Assert.Equal("alice.johnson@example.com", parsed.Records[0].UserId);
        Assert.Equal("email", parsed.Records[0].IdentitySystem);
    }

    [Fact]
    public void ChatGPT_weekly_report_gives_one_event_per_user_and_week()
    {
        var parsed = Parse.Sample("chatgpt-enterprise", "chatgpt-enterprise-user-report-weekly-SYNTHETIC-by-repo-author.csv").Ok();

        Assert.Equal(20, parsed.Events.Count);
        Assert.Equal(750, parsed.Events.Sum(e => e.Uses));
        Assert.Equal(new DateOnly(2025, 5, 5), parsed.Event("chatgpt-enterprise:emma.davis@example.com:2025-05-01").OccurredOn);
        Assert.Equal(42, parsed.Event("chatgpt-enterprise:emma.davis@example.com:2025-05-08").Uses);
        Assert.Equal(new DateOnly(2025, 5, 22), parsed.Event("chatgpt-enterprise:emma.davis@example.com:2025-05-22").OccurredOn);
    }

    [Theory]
    [InlineData("chatgpt-enterprise-user-report-monthly-2025-10-REAL-HEADER-ONLY.csv")]
    [InlineData("chatgpt-enterprise-user-engagement-weekly-2025-02-REAL-HEADER-ONLY.csv")]
    public void ChatGPT_real_headers_of_both_generations_are_accepted(string name)
    {
        var parsed = Parse.Sample("chatgpt-enterprise", name).Ok();
        Assert.Empty(parsed.Records);
    }

    [Theory]
    [InlineData("chatgpt-enterprise-gpt-engagement-weekly-2025-02-REAL-HEADER-ONLY.csv", new[] { "email", "messages" })]
    [InlineData("chatgpt-enterprise-glossary_user_engagement.csv", new[] { "email", "period_start", "messages" })]
    [InlineData("chatgpt-enterprise-glossary_gpt_engagement.csv", new[] { "email", "period_start", "messages" })]
    public void ChatGPT_files_that_are_not_user_reports_are_refused_naming_each_missing_column(string name, string[] missing)
    {
        var refused = Parse.RefusedSample("chatgpt-enterprise", name);
        Assert.Equal(missing, refused.Errors.Select(e => e.Column));
        Assert.All(refused.Errors, e => Assert.Equal((1L, "missing-column"), (e.Line, e.Code)));
    }

    [Fact]
    public void Usage_report_v1_doc_example_is_one_concealed_user_without_activity()
    {
        var parsed = Parse.Sample("m365-copilot-usage", "m365-graph-usageuserdetail-v1-doc-example.csv").Ok();

        var record = Assert.Single(parsed.Records);
        Assert.Equal(2, record.Line);
        Assert.True(record.Concealed);
        Assert.Equal("E58EEF6A6BBD3D0293CB306D24A42057", record.UserId);
        Assert.Empty(record.Events);
    }

    [Fact]
    public void Usage_report_legacy_header_in_another_order_is_accepted()
    {
        var parsed = Parse.Sample("m365-copilot-usage", "m365-graph-beta-reports-usageuserdetail-doc-header.csv").Ok();
        Assert.Empty(parsed.Records);
    }

    [Theory]
    [InlineData("m365-graph-usageuserdetail-beta-doc-example.json")]
    [InlineData("m365-graph-beta-reports-usageuserdetail-doc-example.json")]
    public void Usage_report_JSON_is_not_the_CSV_export(string name)
    {
        var refused = Parse.RefusedSample("m365-copilot-usage", name);
        Assert.Equal(["Report Refresh Date", "User Principal Name", "Report Period"], refused.Errors.Select(e => e.Column));
    }

    [Fact]
    public void Viva_person_query_with_underscored_names_gives_one_event_per_app_with_actions()
    {
        var parsed = Parse.Sample("viva-copilot", "viva-vivainsights-R-pq_data.DERIVED-first30rows.csv").Ok();

        // 30 people, week of Sunday 2024-04-28 (moved to Monday 2024-04-29); Teams 30 events
        // (142 actions), chat (work) 22 (67), Outlook 21 (41), Word 18 (26), PowerPoint 2 (2), Excel none.
        Assert.Equal(30, parsed.Records.Count);
        Assert.All(parsed.Records, r => Assert.Equal("viva", r.IdentitySystem));
        Assert.Equal(93, parsed.Events.Count);
        Assert.Equal(278, parsed.Events.Sum(e => e.Uses));
        Assert.All(parsed.Events, e => Assert.Equal(new DateOnly(2024, 4, 29), e.OccurredOn));
        Assert.Equal(30, parsed.Events.Count(e => e.UseCaseCode == "m365-teams"));
        Assert.Equal(142, parsed.Events.Where(e => e.UseCaseCode == "m365-teams").Sum(e => e.Uses));
        Assert.Equal(67, parsed.Events.Where(e => e.UseCaseCode == "m365-copilot-chat-work").Sum(e => e.Uses));
        Assert.Equal(41, parsed.Events.Where(e => e.UseCaseCode == "m365-outlook").Sum(e => e.Uses));
        Assert.Equal(26, parsed.Events.Where(e => e.UseCaseCode == "m365-word").Sum(e => e.Uses));
        Assert.Equal(2, parsed.Events.Count(e => e.UseCaseCode == "m365-powerpoint"));
        Assert.DoesNotContain(parsed.Events, e => e.UseCaseCode == "m365-excel");

        var first = parsed.Records[0];
        Assert.Equal(2, first.Line);
        Assert.Equal("7d99f98f-c0a6-4df9-b2c3-ec9507caf781", first.UserId);
        Assert.Equal(
            ["viva-copilot:7d99f98f-c0a6-4df9-b2c3-ec9507caf781:2024-04-28:m365-teams",
             "viva-copilot:7d99f98f-c0a6-4df9-b2c3-ec9507caf781:2024-04-28:m365-copilot-chat-work",
             "viva-copilot:7d99f98f-c0a6-4df9-b2c3-ec9507caf781:2024-04-28:m365-outlook"],
            first.Events.Select(e => e.EventId));
        Assert.Equal([5, 1, 2], first.Events.Select(e => e.Uses));
    }

    [Fact]
    public void Viva_metrics_taxonomy_is_not_a_person_query()
    {
        var refused = Parse.RefusedSample("viva-copilot", "viva-copilot-metrics-taxonomy.csv");
        Assert.Equal(["PersonId", "MetricDate"], refused.Errors.Select(e => e.Column));
    }

    [Fact]
    public void Purview_doc_examples_as_an_audit_export_give_one_event_each()
    {
        // The audit doc's two examples as the 8-column export carries them: their RecordID,
        // CreationDate (US, as printed), RecordType, Operation and UserID, and the sample
        // AuditData strings as they are, quoted with doubled quotes.
        static string Quote(string s) => "\"" + s.Replace("\"", "\"\"") + "\"";
        var one = File.ReadAllText(Parse.SamplePath("purview-copilotinteraction-auditdata-doc-example1.json")).TrimEnd('\n');
        var two = File.ReadAllText(Parse.SamplePath("purview-copilotinteraction-auditdata-doc-example2.json")).TrimEnd('\n');
        var section = File.ReadAllText(Parse.SamplePath("purview-copilotinteraction-doc-examples-section.md"));
        Assert.Contains("RecordID: 99b0a960-13a0-461f-8c5c-cb2316ea273d", section);
        Assert.Contains("CreationDate: 12/13/2023 17:12", section);
        Assert.Contains("RecordID: 537312b6-dce7-4d9b-8b12-58283204b720", section);
        Assert.Contains("CreationDate: 12/14/2023 2:11", section);
        var csv = new StringBuilder("RecordId,CreationDate,RecordType,Operation,UserId,AuditData,AssociatedAdminUnits,AssociatedAdminUnitsNames\r\n")
            .Append($"99b0a960-13a0-461f-8c5c-cb2316ea273d,12/13/2023 17:12,261,CopilotInteraction,admin@MODERNCOMMS975184.onmicrosoft.com,{Quote(one)},,\r\n")
            .Append($"537312b6-dce7-4d9b-8b12-58283204b720,12/14/2023 2:11,261,CopilotInteraction,admin@MODERNCOMMS975184.onmicrosoft.com,{Quote(two)},,\r\n")
            .ToString();

        var parsed = Parse.Text("m365-copilot-audit", csv).Ok();

        Assert.Equal(2, parsed.Events.Count);
        var word = parsed.Event("m365-copilot-audit:99b0a960-13a0-461f-8c5c-cb2316ea273d");
        Assert.Equal((new DateOnly(2023, 12, 13), "m365-word", "Word", 1), (word.OccurredOn, word.UseCaseCode, word.UseCaseTitle, word.Uses));
        var bing = parsed.Event("m365-copilot-audit:537312b6-dce7-4d9b-8b12-58283204b720");
        Assert.Equal((new DateOnly(2023, 12, 14), "m365-bing", "Bing", 1), (bing.OccurredOn, bing.UseCaseCode, bing.UseCaseTitle, bing.Uses));
        Assert.All(parsed.Records, r => Assert.Equal(("admin@MODERNCOMMS975184.onmicrosoft.com", "email"), (r.UserId, r.IdentitySystem)));
    }

    [Fact]
    public void Purview_doc_section_is_not_an_export()
    {
        var refused = Parse.RefusedSample("m365-copilot-audit", "purview-copilotinteraction-doc-examples-section.md");
        Assert.Equal(["CreationDate", "UserId", "Operation", "AuditData"], refused.Errors.Select(e => e.Column));
    }
}
