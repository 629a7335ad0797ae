namespace RolloutHub.Tests.Sources;

/// <summary>The ChatGPT Enterprise user report (chatgpt-enterprise).</summary>
public sealed class ParserChatGptTests
{
    private const string Header =
        "cadence,period_start,period_end,email,groups,is_active,first_day_active_in_period,messages,model_to_messages,tool_to_messages";

    [Fact]
    public void Rows_without_messages_are_skipped()
    {
        var parsed = Parse.Text("chatgpt-enterprise", Header + "\n" +
            "Weekly,2025-02-23,2025-03-01,ada@contoso.com,{},0,,0,{},{}\n" +
            "Weekly,2025-02-23,2025-03-01,bob@contoso.com,,0,,,,\n" +
            "Weekly,2025-02-23,2025-03-01,cy@contoso.com,{},1,2025-02-25,7,{'gpt-5': 7},{}\n").Ok();

        Assert.Equal([true, true, false], parsed.Records.Select(r => r.Skipped));
        Assert.Equal("chatgpt-enterprise:cy@contoso.com:2025-02-23", Assert.Single(parsed.Events).EventId);
    }

    [Fact]
    public void The_event_is_dated_the_first_active_day_else_the_period_start()
    {
        var parsed = Parse.Text("chatgpt-enterprise", Header + "\n" +
            "Monthly,2025-10-01,2025-10-31,Ada@Contoso.com,{},1,2025-10-07,300,{},{}\n" +
            "Monthly,2025-10-01,2025-10-31,bob@contoso.com,{},1,,12,{},{}\n").Ok();

        Assert.Equal(
            [("chatgpt-enterprise:ada@contoso.com:2025-10-01", new DateOnly(2025, 10, 7), 300), ("chatgpt-enterprise:bob@contoso.com:2025-10-01", new DateOnly(2025, 10, 1), 12)],
            parsed.Events.Select(e => (e.EventId, e.OccurredOn, e.Uses)));
        Assert.All(parsed.Events, e => Assert.Equal(("chatgpt", "ChatGPT"), (e.UseCaseCode, e.UseCaseTitle)));
        Assert.Equal("Ada@Contoso.com", parsed.Records[0].UserId);
    }

    [Fact]
    public void Python_dict_cells_do_not_break_the_row()
    {
        var parsed = Parse.Text("chatgpt-enterprise", Header + "\n" +
            "Monthly,2025-10-01,2025-10-31,ada@contoso.com,\"{'a1b2': 'SG-Chatgpt-Users', 'c3': \"\"Ops, \"\"\"\"quoted\"\"\"\"\"\"}\",1,2025-10-02,300," +
            "\"{'gpt-5': 300}\",\"{'Search': 191, 'Data Analysis': 5, 'Retrieval': 233, 'Tasks': 1}\"\n" +
            "Monthly,2025-10-01,2025-10-31,bob@contoso.com,\"{}\",1,2025-10-03,4,{},{}\n").Ok();

        Assert.Equal([300, 4], parsed.Events.Select(e => e.Uses));
        Assert.Equal([2L, 3L], parsed.Records.Select(r => r.Line));
    }

    [Fact]
    public void Bad_numbers_and_dates_are_reported_with_their_line_and_column()
    {
        var parsed = Parse.Text("chatgpt-enterprise", Header + "\n" +
            "Monthly,2025-10-01,2025-10-31,ada@contoso.com,{},1,2025-10-02,many,{},{}\n" +
            "Monthly,01/10/2025,2025-10-31,bob@contoso.com,{},1,2025-10-45,4,{},{}\n" +
            "Monthly,2025-10-01,2025-10-31,cy@contoso.com,{},1,,4,{},{}\n");

        Assert.Equal(
            [(2L, "messages", "not-a-number"), (3L, "period_start", "not-a-date"), (3L, "first_day_active_in_period", "not-a-date")],
            parsed.Errors.Select(e => (e.Line, e.Column, e.Code)));
        Assert.Single(parsed.Events);
    }
}
