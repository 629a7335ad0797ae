using System.Text;

namespace RolloutHub.Tests.Sources;

/// <summary>The Purview audit search export (m365-copilot-audit).</summary>
public sealed class ParserPurviewTests
{
    private const string Header = "RecordId,CreationDate,RecordType,Operation,UserId,AuditData,AssociatedAdminUnits,AssociatedAdminUnitsNames";

    private static string Audit(string? appHost = "Word", string messages = """[{"Id":"1","isPrompt":true},{"Id":"2","isPrompt":false}]""", string id = "a-1")
    {
        var app = appHost is null ? "" : $"\"AppHost\":\"{appHost}\",";
        var json = $$$"""{"CreationTime":"2026-01-24T06:54:24","Id":"{{{id}}}","Operation":"CopilotInteraction","UserId":"ada@contoso.com","CopilotEventData":{"AISystemPlugin":[],{{{app}}}"Contexts":[{"Id":"x","Type":"docx"}],"Messages":{{{messages}}},"ThreadId":"t"}}""";
        return "\"" + json.Replace("\"", "\"\"") + "\"";
    }

    private static string Row(string recordId, string creationDate, string operation = "CopilotInteraction", string? audit = null, string user = "ada@contoso.com") =>
        $"{recordId},{creationDate},261,{operation},{user},{audit ?? Audit()},,";

    private static Parsed Read(params string[] rows) =>
        Parse.Text("m365-copilot-audit", Header + "\r\n" + string.Join("\r\n", rows) + "\r\n");

    [Theory]
    [InlineData("\"2026-01-24T06:54:24.0000000Z \"", "2026-01-24")]
    [InlineData("2026-01-24T06:54:24.0000000Z", "2026-01-24")]
    [InlineData("2026-01-24T23:54:24", "2026-01-24")]
    [InlineData("2026-01-24T23:54:24Z", "2026-01-24")]
    [InlineData("2026-01-25T00:30:00+01:00", "2026-01-24")]
    [InlineData("2026-01-24T23:30:00.5-01:00", "2026-01-25")]
    [InlineData("1/24/2026 11:54:24 PM", "2026-01-24")]
    [InlineData("1/24/2026 12:05 AM", "2026-01-24")]
    [InlineData("12/13/2023 17:12", "2023-12-13")]
    public void CreationDate_is_ISO_or_US_and_gives_its_UTC_date(string creationDate, string date)
    {
        var parsed = Read(Row("R-1", creationDate)).Ok();
        Assert.Equal(DateOnly.Parse(date), Assert.Single(parsed.Events).OccurredOn);
    }

    [Fact]
    public void Rows_of_other_operations_are_skipped()
    {
        var parsed = Read(
            Row("R-1", "2026-01-24", operation: "FileAccessed", audit: "not even json"),
            Row("R-2", "2026-01-24"),
            Row("R-3", "2026-01-24", operation: "ConnectedAIAppInteraction")).Ok();

        Assert.Equal([true, false, true], parsed.Records.Select(r => r.Skipped));
        Assert.Equal([2L, 3L, 4L], parsed.Records.Select(r => r.Line));
        Assert.Null(parsed.Records[0].UserId);
        Assert.Equal("m365-copilot-audit:r-2", Assert.Single(parsed.Events).EventId);
    }

    [Fact]
    public void The_use_case_is_the_app_host_or_copilot_without_one()
    {
        var parsed = Read(
            Row("R-1", "2026-01-24", audit: Audit("Teams")),
            Row("R-2", "2026-01-24", audit: Audit(null)),
            Row("R-3", "2026-01-24", audit: "\"{\"\"Id\"\":\"\"x\"\"}\""),
            Row("R-4", "2026-01-24", audit: Audit("M365 Admin Center"))).Ok();

        Assert.Equal(["m365-teams", "m365-copilot", "m365-copilot", "m365-m365-admin-center"], parsed.Events.Select(e => e.UseCaseCode));
        Assert.Equal(["Teams", "Copilot", "Copilot", "M365 Admin Center"], parsed.Events.Select(e => e.UseCaseTitle));
    }

    [Fact]
    public void Uses_are_the_prompts_of_the_interaction_at_least_one()
    {
        var parsed = Read(
            Row("R-1", "2026-01-24", audit: Audit(messages: """[{"Id":"1","isPrompt":true},{"Id":"2","isPrompt":false},{"Id":"3","isPrompt":true},{"isPrompt":true,"Id":"4"}]""")),
            Row("R-2", "2026-01-24", audit: Audit(messages: """[{"Id":"2","isPrompt":false}]""")),
            Row("R-3", "2026-01-24", audit: Audit(messages: "[]"))).Ok();

        Assert.Equal([3, 1, 1], parsed.Events.Select(e => e.Uses));
    }

    [Fact]
    public void Without_a_RecordId_the_event_id_is_the_audit_record_id()
    {
        var noColumn = Parse.Text("m365-copilot-audit",
            "CreationDate,UserIds,Operations,AuditData\n" +
            $"2026-01-24T06:54:24,ada@contoso.com,CopilotInteraction,{Audit(id: "99B0A960-13A0")}\n").Ok();
        var emptyCell = Read(Row("", "2026-01-24", audit: Audit(id: "Abc"))).Ok();

        Assert.Equal("m365-copilot-audit:99b0a960-13a0", Assert.Single(noColumn.Events).EventId);
        Assert.Equal("ada@contoso.com", Assert.Single(noColumn.Records).UserId);
        Assert.Equal("m365-copilot-audit:abc", Assert.Single(emptyCell.Events).EventId);
    }

    [Fact]
    public void AuditData_may_span_lines()
    {
        var pretty = "\"{\n  \"\"Id\"\": \"\"x\"\",\n  \"\"CopilotEventData\"\": {\"\"AppHost\"\": \"\"Excel\"\"}\n}\"";
        var parsed = Read(Row("R-1", "2026-01-24", audit: pretty), Row("R-2", "2026-01-25")).Ok();

        Assert.Equal([2L, 6L], parsed.Records.Select(r => r.Line));
        Assert.Equal("m365-excel", parsed.Events[0].UseCaseCode);
    }

    [Fact]
    public void Bad_dates_and_JSON_are_reported_with_their_line_and_column_and_reading_goes_on()
    {
        var parsed = Read(
            Row("R-1", "yesterday"),
            Row("R-2", "2026-01-24", audit: "\"{\"\"Id\"\": \"\"x\"\", \"\"Copilot\"\"\""),
            Row("R-3", "2026-01-24"),
            Row("R-4", "24.01.2026", audit: "[1,2]"));

        Assert.Equal(
            [(2L, "CreationDate", "not-a-date"), (3L, "AuditData", "not-json"), (5L, "CreationDate", "not-a-date"), (5L, "AuditData", "not-json")],
            parsed.Errors.Select(e => (e.Line, e.Column, e.Code)));
        Assert.Equal("m365-copilot-audit:r-3", Assert.Single(parsed.Events).EventId);
    }

    [Fact]
    public void A_file_without_its_columns_is_refused_naming_each()
    {
        var refused = Parse.Refused("m365-copilot-audit", "RecordId,RecordType,UserKey\nx,261,y\n");
        Assert.Equal(["CreationDate", "UserId", "Operation", "AuditData"], refused.Errors.Select(e => e.Column));
        Assert.All(refused.Errors, e => Assert.Equal(1, e.Line));
    }

    [Fact]
    public void A_large_export_is_read_row_by_row()
    {
        var rows = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < 20_000; i++) rows.Append(Row($"R-{i}", "2026-01-24T06:54:24.0000000Z", audit: Audit(i % 2 == 0 ? "Word" : "Outlook", id: $"a-{i}"))).Append('\n');

        var parsed = Parse.Text("m365-copilot-audit", rows.ToString()).Ok();

        Assert.Equal(20_000, parsed.Events.Select(e => e.EventId).Distinct().Count());
        Assert.Equal(10_000, parsed.Events.Count(e => e.UseCaseCode == "m365-outlook"));
        Assert.Equal(20_001L, parsed.Records[^1].Line);
    }
}
