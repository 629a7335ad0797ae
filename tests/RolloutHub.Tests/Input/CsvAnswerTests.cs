using System.Net;
using RolloutHub.Api.Infrastructure;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Input;

public sealed class CsvAnswerTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public async Task InitializeAsync() => await World.LoadAsync(_app);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("=cmd|' /C calc'!A0")]
    [InlineData("=HYPERLINK(A1)")]
    [InlineData("+SUM(A1:A2)")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tTab")]
    [InlineData("\rReturn")]
    public void A_text_cell_a_spreadsheet_would_run_as_a_formula_gets_a_leading_quote(string text)
    {
        Assert.Equal("'" + text, CsvOutput.Neutralise(text));
        Assert.Contains("'" + text, CsvOutput.Write([new Row(text, -0.5m, ["=A1", "B"])]));
    }

    [Fact]
    public void Numbers_stay_numbers_and_plain_text_is_unchanged()
    {
        var csv = CsvOutput.Write([new Row("Draft e-mails", -0.25m, ["SALES"])]).Trim().Split('\n');
        Assert.Equal("title,slope,codes", csv[0].Trim());
        Assert.Equal("Draft e-mails,-0.25,SALES", csv[1].Trim());
        Assert.Equal("'=A1|B", CsvOutput.Write([new Row("x", 1m, ["=A1", "B"])]).Trim().Split('\n')[1].Split(',')[2]);
    }

    [Fact]
    public async Task A_use_case_title_planted_as_a_formula_leaves_the_csv_export_neutralised()
    {
        await _app.ImportOkAsync("use-cases", """
            code,title,category,status,minutes_saved_per_use
            EVIL,"=HYPERLINK(""http://evil.example"",""open me"")",writing,production,5
            """);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/use-cases");
        request.Headers.Add("Accept", "text/csv");
        var response = await _app.Admin().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = (await response.Content.ReadAsStringAsync()).Split('\n').Single(l => l.StartsWith("EVIL,", StringComparison.Ordinal));
        Assert.Contains("\"'=HYPERLINK(", line);
    }

    private sealed record Row(string Title, decimal Slope, IReadOnlyList<string> Codes);
}
