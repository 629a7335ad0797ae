using System.Text;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Tests.Sources;

/// <summary>GitHub Copilot's user-level usage metrics (github-copilot).</summary>
public sealed class ParserGitHubTests
{
    private static string Record(string login = "octocat", string day = "2026-04-25", string features = "", int interactions = 0, int generations = 0, int acceptances = 0) =>
        $$$"""{"user_id":1,"user_login":"{{{login}}}","day":"{{{day}}}","user_initiated_interaction_count":{{{interactions}}},"code_generation_activity_count":{{{generations}}},"code_acceptance_activity_count":{{{acceptances}}},"totals_by_ide":[{"ide":"vscode","user_initiated_interaction_count":99}]{{{features}}}}""";

    private static string Feature(string? feature, int interactions, int generations, int acceptances) =>
        (feature is null ? "{" : $$"""{"feature":"{{feature}}",""") +
        $$"""  "user_initiated_interaction_count":{{interactions}},"code_generation_activity_count":{{generations}},"code_acceptance_activity_count":{{acceptances}},"loc_added_sum":3}""";

    private static string Features(params string[] entries) => ",\"totals_by_feature\":[" + string.Join(",", entries) + "]";

    [Fact]
    public void Each_feature_with_activity_gives_an_event_with_interactions_plus_acceptances()
    {
        var parsed = Parse.Text("github-copilot", Record("OctoCat", features: Features(
            Feature("code_completion", 0, 5, 3),
            Feature("chat_panel_ask_mode", 4, 0, 0),
            Feature("agent_edit", 0, 2, 0),
            Feature("copilot_cli", 0, 0, 0))) + "\n", "application/x-ndjson").Ok();

        Assert.Equal(
            [("github-copilot:octocat:2026-04-25:github-code-completion", 3),
             ("github-copilot:octocat:2026-04-25:github-chat-panel-ask-mode", 4),
             ("github-copilot:octocat:2026-04-25:github-agent-edit", 1)],
            parsed.Events.Select(e => (e.EventId, e.Uses)));
        Assert.Equal(("OctoCat", "github"), (parsed.Records[0].UserId, parsed.Records[0].IdentitySystem));
        Assert.Equal("code_completion", parsed.Events[0].UseCaseTitle);
    }

    [Fact]
    public void Without_features_the_record_itself_is_the_feature_copilot()
    {
        var parsed = Parse.Text("github-copilot", string.Join("\n",
            Record("a", interactions: 2, acceptances: 3),
            Record("b", features: ",\"totals_by_feature\":[]", generations: 1),
            Record("c", features: ",\"totals_by_feature\":null"),
            Record("d", features: Features(Feature(null, 1, 0, 0))))).Ok();

        Assert.Equal(
            [("github-copilot:a:2026-04-25:github-copilot", 5), ("github-copilot:b:2026-04-25:github-copilot", 1), ("github-copilot:d:2026-04-25:github-copilot", 1)],
            parsed.Events.Select(e => (e.EventId, e.Uses)));
        Assert.Equal(4, parsed.Records.Count);
        Assert.Empty(parsed.Records[2].Events);
        Assert.False(parsed.Records[2].Skipped);
    }

    [Fact]
    public void Two_entries_of_one_feature_add_up()
    {
        var parsed = Parse.Text("github-copilot", Record(features: Features(Feature("chat_inline", 1, 0, 0), Feature("chat_inline", 2, 0, 1)))).Ok();
        Assert.Equal(4, Assert.Single(parsed.Events).Uses);
    }

    [Fact]
    public void NDJSON_records_are_numbered_by_line_blank_lines_included()
    {
        var parsed = Parse.Text("github-copilot", "\uFEFF" + Record("a", interactions: 1) + "\r\n\r\n" + Record("b", interactions: 1) + "\r\n   \n" + Record("c", interactions: 1)).Ok();
        Assert.Equal([1L, 3L, 5L], parsed.Records.Select(r => r.Line));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("application/x-ndjson")]
    public void A_JSON_array_and_a_day_totals_object_are_numbered_by_position_whatever_the_media_type(string? mediaType)
    {
        var array = "[\n  " + Record("a", interactions: 1) + ",\n  " + Record("b", interactions: 1) + "\n]\n";
        var wrapped = "{\n  \"report_start_day\": \"2026-04-25\",\n  \"note\": \"a } and a ] and \\\" inside\",\n  \"nested\": {\"day_totals\": [1]},\n" +
                      "  \"day_totals\": [\n" + Record("a", interactions: 1) + ",\n" + Record("b", interactions: 1) + "\n  ],\n  \"after\": [1, 2]\n}";

        foreach (var text in new[] { array, wrapped })
        {
            var parsed = Parse.Text("github-copilot", text, mediaType).Ok();
            Assert.Equal([1L, 2L], parsed.Records.Select(r => r.Line));
            Assert.Equal(["a", "b"], parsed.Records.Select(r => r.UserId));
        }
    }

    [Fact]
    public void NDJSON_sent_as_application_json_is_still_read_line_by_line()
    {
        var parsed = Parse.Text("github-copilot", Record("a", interactions: 1) + "\n" + Record("b", interactions: 1) + "\n", "application/json").Ok();
        Assert.Equal([1L, 2L], parsed.Records.Select(r => r.Line));
    }

    [Fact]
    public void A_compact_day_totals_object_on_one_line_is_a_document()
    {
        var parsed = Parse.Text("github-copilot", "{\"day_totals\":[" + Record("a", interactions: 1) + "," + Record("b", interactions: 1) + "]}\n").Ok();
        Assert.Equal([1L, 2L], parsed.Records.Select(r => r.Line));
    }

    [Fact]
    public void Large_files_are_read_across_the_buffer()
    {
        // Records longer than the read buffer, and many of them, in all three shapes.
        var padding = ",\"totals_by_ide\":[" + string.Join(",", Enumerable.Repeat("{\"ide\":\"vscode\",\"loc_added_sum\":12345}", 4000)) + "]";
        var big = Record("big", interactions: 2).TrimEnd('}') + padding + "}";
        var records = Enumerable.Range(0, 3000).Select(i => i == 1500 ? big : Record($"u{i}", interactions: 1)).ToList();

        var ndjson = Parse.Text("github-copilot", string.Join("\n", records)).Ok();
        var array = Parse.Text("github-copilot", "[" + string.Join(",\n", records) + "]").Ok();
        var wrapped = Parse.Text("github-copilot", "{\"report_end_day\":\"2026-04-25\",\n\"day_totals\":[" + string.Join(",\n", records) + "]}").Ok();

        foreach (var parsed in new[] { ndjson, array, wrapped })
        {
            Assert.Equal(3000, parsed.Records.Count);
            Assert.Equal(3000L, parsed.Records[^1].Line);
            Assert.Equal(2, parsed.Events[1500].Uses);
            Assert.Equal("big", parsed.Records[1500].UserId);
        }
    }

    [Fact]
    public void Bad_JSON_numbers_and_days_in_NDJSON_are_reported_by_line_and_field_and_reading_goes_on()
    {
        var parsed = Parse.Text("github-copilot", string.Join("\n",
            Record("a", interactions: 1),
            "{\"user_login\":\"b\",\"day\":",
            Record("c", day: "25/04/2026", interactions: 1),
            Record("d", interactions: 1).Replace("\"code_generation_activity_count\":0", "\"code_generation_activity_count\":\"many\""),
            Record("e", features: Features(Feature("agent", 1, 0, 0)).Replace("\"user_initiated_interaction_count\":1", "\"user_initiated_interaction_count\":true")),
            "[1, 2]",
            Record("f", interactions: 1)));

        Assert.Equal(
            [(2L, null, "not-json"), (3L, "day", "not-a-date"), (4L, "code_generation_activity_count", "not-a-number"),
             (5L, "totals_by_feature.user_initiated_interaction_count", "not-a-number"), (6L, null, "not-json")],
            parsed.Errors.Select(e => (e.Line, e.Column, e.Code)));
        Assert.Equal(["a", "f"], parsed.Records.Select(r => r.UserId));
    }

    [Fact]
    public void A_broken_JSON_document_is_refused_at_the_record_it_breaks_in()
    {
        var refused = Parse.Refused("github-copilot", "[\n" + Record("a", interactions: 1) + ",\n" + Record("b", interactions: 1) + ",\n{\"user_login\": \"c\", ");
        var error = Assert.Single(refused.Errors);
        Assert.Equal((3L, "not-json"), (error.Line, error.Code));
    }

    [Fact]
    public void A_record_without_login_or_day_is_refused_naming_the_fields()
    {
        var refused = Parse.Refused("github-copilot", Record("a", interactions: 1) + "\n{\"user_id\": 3, \"user_initiated_interaction_count\": 1}\n");
        Assert.Equal([(2L, "user_login", "missing-field"), (2L, "day", "missing-field")], refused.Errors.Select(e => (e.Line, e.Column, e.Code)));
    }

    [Fact]
    public void A_file_that_is_not_JSON_is_refused()
    {
        var refused = Parse.Refused("github-copilot", "user_login,day\nocto,2026-04-25\n");
        Assert.Equal((1L, "not-json"), (Assert.Single(refused.Errors).Line, refused.Errors[0].Code));
    }

    [Fact]
    public void An_empty_file_has_no_records()
    {
        Assert.Empty(Parse.Text("github-copilot", "").Ok().Records);
        Assert.Empty(Parse.Text("github-copilot", "[]").Ok().Records);
        Assert.Empty(Parse.Text("github-copilot", "{\"day_totals\": []}").Ok().Records);
    }
}
