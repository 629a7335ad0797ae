using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Security;

/// <summary>Malformed, huge and malicious input: never a 500, never a partial write.</summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public async Task InitializeAsync() => await World.LoadAsync(_app);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    // Built inside the test, not as theory data: xunit would otherwise hold and print every byte.
    private static byte[] MalformedFile(string name)
    {
        var utf8 = Encoding.UTF8;
        return name switch
        {
            "unbalanced quote" => utf8.GetBytes("code,name\nA,\"never closed\nB,Other\n"),
            "Latin-1 bytes" => [.. utf8.GetBytes("code,name\nA,R"), 0xE9, .. utf8.GetBytes("union\n")],
            "a 10 MB single line" => utf8.GetBytes("code,name\nA," + new string('x', 10 * 1024 * 1024) + "\n"),
            "100,000 columns" => utf8.GetBytes(string.Join(",", Enumerable.Range(0, 100_000).Select(i => $"c{i}")) + "\n1,2\n"),
            "empty file" => [],
            "a header of separators" => utf8.GetBytes(";;;;\n"),
            "a row longer than the header" => utf8.GetBytes("code,name\nA,B,C,D\n"),
            "binary garbage" => Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 256)).ToArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    [Theory]
    [InlineData("unbalanced quote")]
    [InlineData("Latin-1 bytes")]
    [InlineData("a 10 MB single line")]
    [InlineData("100,000 columns")]
    [InlineData("empty file")]
    [InlineData("a header of separators")]
    [InlineData("a row longer than the header")]
    [InlineData("binary garbage")]
    public async Task A_malformed_file_is_refused_with_a_4xx_and_writes_nothing(string name)
    {
        var file = MalformedFile(name);
        var before = await CountAsync("/api/v1/departments");
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        var response = await _app.Admin().PostAsync("/api/v1/imports/departments", content);
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await CountAsync("/api/v1/departments"));
    }

    [Fact]
    public async Task A_header_only_file_imports_nothing()
    {
        var result = await _app.ImportOkAsync("departments", "code,name\n");
        Assert.Equal(0, result.Int("rowsRead"));
    }

    [Theory]
    [InlineData("Robert'); DROP TABLE departments;--")]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("\" OR 1=1 --")]
    [InlineData("=HYPERLINK(\"http://evil\")")]
    [InlineData("Ünïcödé — 日本語 🚀")]
    public async Task Injection_strings_are_stored_and_returned_verbatim(string text)
    {
        var csv = "code,name\nINJ,\"" + text.Replace("\"", "\"\"") + "\"\n";
        await _app.ImportOkAsync("departments", csv);
        var department = await (await _app.Admin().GetAsync("/api/v1/departments/INJ")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(text, department.Str("name"));

        var saved = await _app.Admin().PutAsJsonAsync("/api/v1/departments/INJ2", new { name = text });
        Assert.Equal(text, (await saved.ReadJsonAsync(HttpStatusCode.OK)).Str("name"));
        Assert.Equal(World.DepartmentCount + 2, await CountAsync("/api/v1/departments"));
    }

    [Theory]
    [InlineData("uses", "99999999999")]
    [InlineData("uses", "-3")]
    [InlineData("uses", "2.5")]
    [InlineData("occurred_on", "31/02/2026")]
    [InlineData("occurred_on", "9999-12-31")]
    [InlineData("occurred_on", "2026-1-5")]
    [InlineData("minutes_saved", "1e308")]
    [InlineData("minutes_saved", "NaN")]
    [InlineData("minutes_saved", "Infinity")]
    public async Task Absurd_numbers_and_dates_are_line_errors(string column, string value)
    {
        var row = new Dictionary<string, string>
        {
            ["event_id"] = "x1", ["occurred_on"] = "2026-01-05", ["employee_key"] = "S1", ["use_case_code"] = "MAIL", ["uses"] = "1", ["minutes_saved"] = "",
        };
        row[column] = value;
        var csv = string.Join(",", row.Keys) + "\n" + string.Join(",", row.Values) + "\n";
        var problem = await (await _app.ImportAsync("usage-events", csv)).ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal((2, column), (error.Int("line"), error.Str("column")));
    }

    [Theory]
    [InlineData("/api/v1/usage-events/", "{\"events\": [")]
    [InlineData("/api/v1/usage-events/", "not json at all")]
    [InlineData("/api/v1/usage-events/", "{\"events\": [{\"occurredOn\": \"yesterday\", \"employeeKey\": \"S1\", \"useCaseCode\": \"MAIL\", \"uses\": 1}]}")]
    [InlineData("/api/v1/usage-events/", "{\"events\": [{\"occurredOn\": \"2026-01-05\", \"employeeKey\": \"S1\", \"useCaseCode\": \"MAIL\", \"uses\": 1e99}]}")]
    [InlineData("/api/v1/outcomes/", "{\"occurredOn\": \"2026-01-05\", \"departmentCode\": \"SALES\", \"ticketsAvoided\": -1, \"employeesHelped\": 0}")]
    [InlineData("/api/v1/tokens/", "[1, 2, 3]")]
    [InlineData("/api/v1/settings/", "{\"hourlyCost\": \"lots\"}")]
    public async Task Malformed_json_is_a_400_problem_and_writes_nothing(string path, string body)
    {
        var before = await CountAsync("/api/v1/usage-events");
        var method = path.Contains("settings") ? HttpMethod.Put : HttpMethod.Post;
        var response = await _app.Admin().SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await CountAsync("/api/v1/usage-events"));
    }

    [Fact]
    public async Task Unknown_routes_wrong_methods_and_wrong_media_types_are_problem_details()
    {
        var admin = _app.Admin();
        var notFound = await admin.GetAsync("/api/v1/nowhere");
        var wrongMethod = await admin.DeleteAsync("/api/v1/departments/");
        var wrongType = await admin.PostAsync("/api/v1/usage-events/", new StringContent("<xml/>", Encoding.UTF8, "application/xml"));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed, HttpStatusCode.UnsupportedMediaType),
            (notFound.StatusCode, wrongMethod.StatusCode, wrongType.StatusCode));
        Assert.All([notFound, wrongMethod, wrongType], r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
    }

    [Fact]
    public async Task A_json_body_over_the_limit_is_a_413_problem()
    {
        var big = JsonSerializer.Serialize(new { name = new string('x', 2 * 1024 * 1024) });
        var response = await _app.Admin().PutAsync("/api/v1/departments/BIG", new StringContent(big, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_forged_cursor_is_a_400_not_a_500()
    {
        foreach (var path in new[] { "/api/v1/usage-events?cursor=Zm9vYmFy", "/api/v1/champions?cursor=!!!", "/api/v1/audit?cursor=eA", "/api/v1/departments?limit=0" })
            Assert.Equal(HttpStatusCode.BadRequest, (await _app.Admin().GetAsync(path)).StatusCode);
    }

    private async Task<int> CountAsync(string path)
    {
        var page = await (await _app.Admin().GetAsync(path + "?limit=5000")).ReadJsonAsync(HttpStatusCode.OK);
        return page.GetProperty("items").GetArrayLength();
    }
}
