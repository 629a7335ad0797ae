namespace RolloutHub.Tests.Sources;

/// <summary>What every CSV source shares: header names, separators, BOM, quoting, line numbers.</summary>
public sealed class ParserCsvTests
{
    [Fact]
    public void Header_names_are_compared_without_case_surrounding_spaces_or_a_trailing_UTC()
    {
        var parsed = Parse.Text("m365-copilot-usage",
            " report refresh date (UTC) ,USER PRINCIPAL NAME,  Report Period  , word copilot last activity date (UTC)\n" +
            "2026-07-03,ada@contoso.com,7,2026-07-01\n").Ok();

        var e = Assert.Single(parsed.Events);
        Assert.Equal("m365-copilot-usage:ada@contoso.com:m365-word:2026-07-01", e.EventId);
        Assert.Equal("word", e.UseCaseTitle);
    }

    [Theory]
    [InlineData(",")]
    [InlineData(";")]
    [InlineData("\t")]
    public void The_separator_is_detected_from_the_header(string separator)
    {
        var text = string.Join(separator, "email", "period_start", "messages", "first_day_active_in_period") + "\n" +
                   string.Join(separator, "ada@contoso.com", "2026-03-01", "12", "2026-03-04") + "\n";

        var parsed = Parse.Text("chatgpt-enterprise", text).Ok();

        var e = Assert.Single(parsed.Events);
        Assert.Equal(("chatgpt-enterprise:ada@contoso.com:2026-03-01", new DateOnly(2026, 3, 4), 12), (e.EventId, e.OccurredOn, e.Uses));
    }

    [Fact]
    public void A_byte_order_mark_is_ignored()
    {
        var parsed = Parse.Text("chatgpt-enterprise", "\uFEFFemail,period_start,messages\r\nada@contoso.com,2026-03-01,3\r\n").Ok();
        Assert.Equal(3, Assert.Single(parsed.Events).Uses);
    }

    [Fact]
    public void Quoted_cells_with_doubled_quotes_may_span_lines_and_rows_keep_the_line_they_start_on()
    {
        var parsed = Parse.Text("chatgpt-enterprise",
            "name,email,period_start,messages\n" +
            "\"Ada \"\"the first\"\"\nLovelace\",ada@contoso.com,2026-03-01,3\n" +
            "\n" +
            "\"Grace,\nBrewster\n Hopper\",grace@contoso.com,2026-03-01,4\n" +
            "Alan,alan@contoso.com,2026-03-01,5\n").Ok();

        Assert.Equal([2L, 5L, 8L], parsed.Records.Select(r => r.Line));
        Assert.Equal([3, 4, 5], parsed.Events.Select(e => e.Uses));
    }

    [Fact]
    public void A_file_without_its_required_columns_is_refused_with_every_one_on_line_1()
    {
        var refused = Parse.Refused("chatgpt-enterprise", "name,period_start\nAda,2026-03-01\n");
        Assert.Equal(["email", "messages"], refused.Errors.Select(e => e.Column));
        Assert.All(refused.Errors, e => Assert.Equal((1L, "missing-column"), (e.Line, e.Code)));
    }

    [Fact]
    public void An_empty_file_lacks_every_required_column()
    {
        var refused = Parse.Refused("viva-copilot", "");
        Assert.Equal(["PersonId", "MetricDate"], refused.Errors.Select(e => e.Column));
    }
}
