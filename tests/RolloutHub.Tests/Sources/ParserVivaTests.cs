namespace RolloutHub.Tests.Sources;

/// <summary>The Viva Insights person query (viva-copilot).</summary>
public sealed class ParserVivaTests
{
    [Fact]
    public void Each_app_column_with_actions_gives_an_event_a_Sunday_moving_to_Monday()
    {
        var parsed = Parse.Text("viva-copilot",
            "PersonId,MetricDate,Organization,Copilot actions taken in Word,Copilot_actions_taken_in_Excel,Copilot actions taken in Copilot chat (work),Total Copilot actions taken\n" +
            "P-1,2026-03-01,Sales,3,0,2.9,99\n" +
            "P-1,2026-03-02,Sales,0.4,,NA,99\n").Ok();

        Assert.Equal(
            [("viva-copilot:p-1:2026-03-01:m365-word", new DateOnly(2026, 3, 2), 3, "Word"),
             ("viva-copilot:p-1:2026-03-01:m365-copilot-chat-work", new DateOnly(2026, 3, 2), 2, "Copilot chat (work)"),
             ("viva-copilot:p-1:2026-03-02:m365-word", new DateOnly(2026, 3, 2), 1, "Word")],
            parsed.Events.Select(e => (e.EventId, e.OccurredOn, e.Uses, e.UseCaseTitle)));
        Assert.Equal(("P-1", "viva"), (parsed.Records[0].UserId, parsed.Records[0].IdentitySystem));
    }

    [Fact]
    public void Without_app_columns_the_total_counts_as_the_app_Copilot()
    {
        var parsed = Parse.Text("viva-copilot",
            "PersonId\tMetricDate\tTotal_Copilot_actions_taken\tTotal Copilot active days\n" +
            "P-1\t08/03/2026\t12,5\t3\n" +
            "P-2\t08/03/2026\t0\t0\n").Ok();

        var e = Assert.Single(parsed.Events);
        Assert.Equal(("viva-copilot:p-1:2026-03-08:m365-copilot", "m365-copilot", "Copilot", new DateOnly(2026, 3, 9), 12),
            (e.EventId, e.UseCaseCode, e.UseCaseTitle, e.OccurredOn, e.Uses));
        Assert.Equal(2, parsed.Records.Count);
    }

    [Fact]
    public void Bad_numbers_and_dates_are_reported_with_their_line_and_column()
    {
        var parsed = Parse.Text("viva-copilot",
            "PersonId;MetricDate;Copilot actions taken in Teams\n" +
            "P-1;2026-03-01;lots\n" +
            "P-2;2026-02-30;1\n" +
            "P-3;2026-03-01;1\n");

        Assert.Equal([(2L, "Copilot actions taken in Teams", "not-a-number"), (3L, "MetricDate", "not-a-date")],
            parsed.Errors.Select(e => (e.Line, e.Column, e.Code)));
        Assert.Single(parsed.Events);
    }

    [Fact]
    public void A_query_without_PersonId_is_refused()
    {
        var refused = Parse.Refused("viva-copilot", "MetricDate,Copilot actions taken in Teams\n2026-03-01,1\n");
        Assert.Equal(("PersonId", 1L, "missing-column"), (Assert.Single(refused.Errors).Column, refused.Errors[0].Line, refused.Errors[0].Code));
    }
}

/// <summary>The Viva person query read as the metric names Microsoft's taxonomy lists.</summary>
public sealed class ParserVivaTaxonomyTests
{
    [Fact]
    public void Of_the_taxonomy_metrics_exactly_the_six_per_app_action_counts_are_app_columns()
    {
        // The taxonomy sample (name_en_us, the raw export's spelling) as a person query header,
        // every metric at 1, in a UTF-16 tab-separated file as Excel saves "Unicode text".
        var names = File.ReadLines(Parse.SamplePath("viva-copilot-metrics-taxonomy.csv")).Skip(1)
            .Select(l => l.Split(',')[3]).ToList();
        var header = "PersonId\tMetricDate\t" + string.Join("\t", names);
        var row = "P-1\t2026-03-04\t" + string.Join("\t", names.Select(_ => "1"));
        var bytes = new System.Text.UnicodeEncoding(bigEndian: false, byteOrderMark: true).GetPreamble()
            .Concat(System.Text.Encoding.Unicode.GetBytes(header + "\r\n" + row + "\r\n")).ToArray();

        var parsed = Parse.Stream("viva-copilot", new MemoryStream(bytes)).Ok();

        Assert.Equal(
            ["m365-copilot-chat-work", "m365-excel", "m365-outlook", "m365-powerpoint", "m365-teams", "m365-word"],
            parsed.Events.Select(e => e.UseCaseCode).Order(StringComparer.Ordinal));
        Assert.All(parsed.Events, e => Assert.Equal(new DateOnly(2026, 3, 4), e.OccurredOn));
    }
}
