using RolloutHub.Api.Features.Sources.Parsers;

namespace RolloutHub.Tests.Sources;

/// <summary>The Microsoft 365 Copilot usage report, user detail (m365-copilot-usage).</summary>
public sealed class ParserUsageReportTests
{
    private const string Header =
        "Report Refresh Date,User Principal Name,Display Name,Last Activity Date,Copilot Chat Last Activity Date," +
        "Microsoft Teams Copilot Last Activity Date,Word Copilot Last Activity Date,Report Period";

    [Fact]
    public void Only_app_dates_inside_the_report_window_give_events()
    {
        // Window of 7 days ending 2026-07-03: 2026-06-27 to 2026-07-03.
        var parsed = Parse.Text("m365-copilot-usage", Header + "\n" +
            "2026-07-03,Ada@Contoso.com,Ada,2026-07-03,2026-06-26,2026-06-27,2026-07-03,7\n" +
            "2026-07-03,bob@contoso.com,Bob,2026-07-04,2026-07-04,,2026-05-01,7\n").Ok();

        Assert.Equal(
            ["m365-copilot-usage:ada@contoso.com:m365-teams:2026-06-27", "m365-copilot-usage:ada@contoso.com:m365-word:2026-07-03"],
            parsed.Events.Select(e => e.EventId));
        Assert.All(parsed.Events, e => Assert.Equal(1, e.Uses));
        Assert.Equal("Ada@Contoso.com", parsed.Records[0].UserId);
        // Bob is in the report, with nothing inside the window: neither skipped nor an error.
        Assert.False(parsed.Records[1].Skipped);
        Assert.Empty(parsed.Records[1].Events);
    }

    [Fact]
    public void The_chat_column_and_the_apps_name_their_use_cases_and_the_all_apps_date_gives_none()
    {
        var parsed = Parse.Text("m365-copilot-usage", Header + ",Microsoft 365 Copilot Last Activity Date,Copilot Chat (work) Last Activity Date\n" +
            "2026-07-03,ada@contoso.com,Ada,2026-07-02,2026-07-01,2026-07-02,,30,2026-07-03,2026-07-03\n").Ok();

        Assert.Equal(
            [("m365-copilot-chat", "Copilot Chat", new DateOnly(2026, 7, 1)), ("m365-teams", "Teams", new DateOnly(2026, 7, 2)), ("m365-365", "365", new DateOnly(2026, 7, 3))],
            parsed.Events.Select(e => (e.UseCaseCode, e.UseCaseTitle, e.OccurredOn)));
    }

    [Fact]
    public void Dates_may_be_day_first()
    {
        var parsed = Parse.Text("m365-copilot-usage",
            "Report Refresh Date;User Principal Name;Word Copilot Last Activity Date;Report Period\n" +
            "03/07/2026;ada@contoso.com;28/06/2026;30\n").Ok();

        Assert.Equal("m365-copilot-usage:ada@contoso.com:m365-word:2026-06-28", Assert.Single(parsed.Events).EventId);
    }

    [Fact]
    public void A_UPN_of_32_hexadecimal_characters_is_concealed()
    {
        var parsed = Parse.Text("m365-copilot-usage", Header + "\n" +
            "2026-07-03,DC8C64D6EC3A3AA17481D7E5EB5B68A6,C65E8D8AFA0DAB9639EDFAAEA94AFE66,2026-07-03,2026-07-03,,,7\n" +
            "2026-07-03,dc8c64d6ec3a3aa17481d7e5eb5b68a6,x,,,,,7\n" +
            "2026-07-03,ada@contoso.com,Ada,,,,,7\n" +
            "2026-07-03,DC8C64D6EC3A3AA17481D7E5EB5B68AZ,x,,,,,7\n").Ok();

        Assert.Equal([true, true, false, false], parsed.Records.Select(r => r.Concealed));
        Assert.Contains("Display concealed user, group, and site names in all reports", M365CopilotUsageParser.ConcealedMessage);
    }

    [Fact]
    public void Bad_dates_and_periods_are_reported_with_their_line_and_column()
    {
        var parsed = Parse.Text("m365-copilot-usage", Header + "\n" +
            "2026-07-03,ada@contoso.com,Ada,,2026-13-01,,,7\n" +
            "July 3rd,bob@contoso.com,Bob,,,,,seven\n" +
            "2026-07-03,cy@contoso.com,Cy,,,,2026-07-02,7\n");

        Assert.Equal(
            [(2L, "Copilot Chat Last Activity Date", "not-a-date"), (3L, "Report Refresh Date", "not-a-date"), (3L, "Report Period", "not-a-number")],
            parsed.Errors.Select(e => (e.Line, e.Column, e.Code)));
        Assert.Single(parsed.Events);
    }

    [Fact]
    public void A_report_without_its_columns_is_refused()
    {
        var refused = Parse.Refused("m365-copilot-usage", "User Principal Name,Word Copilot Last Activity Date\nada@contoso.com,2026-07-01\n");
        Assert.Equal(["Report Refresh Date", "Report Period"], refused.Errors.Select(e => e.Column));
    }
}
