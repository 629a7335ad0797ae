using System.Text;
using RolloutHub.Api.Features.Sources;
using RolloutHub.Api.Features.Sources.Parsers;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Tests.Sources;

/// <summary>Reads source files through the parsers, without a database.</summary>
internal static class Parse
{
    public static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "Sources", "samples", name);

    public static Parsed Sample(string source, string name, string? mediaType = null)
    {
        using var file = File.OpenRead(SamplePath(name));
        return Stream(source, file, mediaType);
    }

    public static Parsed Text(string source, string text, string? mediaType = null) =>
        Stream(source, new MemoryStream(Encoding.UTF8.GetBytes(text)), mediaType);

    public static Parsed Stream(string source, Stream content, string? mediaType = null)
    {
        var parser = SourceParsers.Find(source) ?? throw new ArgumentException(source);
        var errors = new List<CsvLineError>();
        var records = parser.Read(content, mediaType, errors).ToList();
        return new Parsed(records, errors);
    }

    /// <summary>The 422 a file that lacks a column or field gets.</summary>
    public static CsvValidationException Refused(string source, string text, string? mediaType = null) =>
        Assert.Throws<CsvValidationException>(() => Text(source, text, mediaType));

    public static CsvValidationException RefusedSample(string source, string name) =>
        Assert.Throws<CsvValidationException>(() => Sample(source, name));
}

internal sealed record Parsed(List<SourceRecord> Records, List<CsvLineError> Errors)
{
    public List<SourceEvent> Events => Records.SelectMany(r => r.Events).ToList();
    public SourceEvent Event(string eventId) => Assert.Single(Events, e => e.EventId == eventId);

    public Parsed Ok()
    {
        Assert.Empty(Errors);
        return this;
    }
}

public sealed class ParserTests
{
    [Fact]
    public void The_five_sources_are_found_by_name_in_any_case()
    {
        Assert.Equal(["m365-copilot-audit", "m365-copilot-usage", "github-copilot", "chatgpt-enterprise", "viva-copilot"],
            SourceParsers.All.Select(p => p.Source));
        Assert.Equal("github-copilot", SourceParsers.Find("GitHub-Copilot")?.Source);
        Assert.Null(SourceParsers.Find("gemini"));
        Assert.Equal("Microsoft 365 Copilot", SourceParsers.Find("viva-copilot")!.Tool);
        Assert.Equal("ChatGPT Enterprise", SourceParsers.Find("chatgpt-enterprise")!.Tool);
        Assert.Equal("GitHub Copilot", SourceParsers.Find("github-copilot")!.Tool);
    }

    [Theory]
    [InlineData("m365", "Word", "m365-word")]
    [InlineData("m365", "Copilot chat (work)", "m365-copilot-chat-work")]
    [InlineData("github", "chat_panel_agent_mode", "github-chat-panel-agent-mode")]
    [InlineData("m365", "  --Teams!! ", "m365-teams")]
    [InlineData("m365", "M365App", "m365-m365app")]
    public void A_use_case_code_is_the_slug_of_prefix_and_name(string prefix, string name, string code)
    {
        Assert.Equal(code, UseCaseSlug.For(prefix, name));
        Assert.Equal(new SourceUseCase(code, name), SourceUseCase.For(prefix, name));
    }

    [Theory]
    [InlineData("2026-01-24T06:54:24.0000000Z", "2026-01-24")]
    [InlineData("2026-01-24T06:54:24.0000000Z ", "2026-01-24")]
    [InlineData("2026-01-24T23:54:24", "2026-01-24")]
    [InlineData("2026-01-24T23:54:24.5", "2026-01-24")]
    [InlineData("2026-01-24T23:54", "2026-01-24")]
    [InlineData("2026-01-24 06:54:24Z", "2026-01-24")]
    [InlineData("2026-01-24", "2026-01-24")]
    [InlineData("2026-01-25T01:30:00+02:00", "2026-01-24")]
    [InlineData("2026-01-24T22:30:00-02:00", "2026-01-25")]
    [InlineData("2026-01-24T22:30:00.123-0200", "2026-01-25")]
    [InlineData("2026-03-01T00:30:00+01:00", "2026-02-28")]
    [InlineData("12/13/2023 17:12", "2023-12-13")]
    [InlineData("9/20/2023 4:05:03 AM", "2023-09-20")]
    [InlineData("9/20/2023 11:05:03 PM", "2023-09-20")]
    [InlineData("9/20/2023 12:05 AM", "2023-09-20")]
    [InlineData("9/20/2023 12:05:00 pm  ", "2023-09-20")]
    public void A_timestamp_gives_its_UTC_date(string text, string date)
    {
        Assert.True(SourceDates.TryParseUtcDate(text, out var parsed));
        Assert.Equal(DateOnly.Parse(date), parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-02-30T00:00:00Z")]
    [InlineData("2026-01-24T25:00:00Z")]
    [InlineData("2026-01-24T10:00:00+25:00")]
    [InlineData("13/20/2023 4:05 AM")]
    [InlineData("9/20/2023 13:05 PM")]
    [InlineData("9/20/2023 4:05 XM")]
    [InlineData("2026-01-24T10:00:00Q")]
    public void A_text_that_is_no_timestamp_is_refused(string text) =>
        Assert.False(SourceDates.TryParseUtcDate(text, out _));

    [Theory]
    [InlineData("2026-07-03", true, "2026-07-03")]
    [InlineData("03/07/2026", true, "2026-07-03")]
    [InlineData("3/7/2026 ", true, "2026-07-03")]
    [InlineData(" 2026-07-03 ", false, "2026-07-03")]
    public void A_date_is_ISO_or_day_first_where_the_source_allows_it(string text, bool dayFirst, string date)
    {
        Assert.True(SourceDates.TryParseDate(text, dayFirst, out var parsed));
        Assert.Equal(DateOnly.Parse(date), parsed);
    }

    [Theory]
    [InlineData("03/07/2026", false)]
    [InlineData("2026-07-03T10:00:00", true)]
    [InlineData("31/02/2026", true)]
    [InlineData("2026/07/03", true)]
    public void A_date_in_another_shape_is_refused(string text, bool dayFirst) =>
        Assert.False(SourceDates.TryParseDate(text, dayFirst, out _));
}
