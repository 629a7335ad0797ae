using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Input;

/// <summary>Files that would make the CSV parser hold a huge record, and bodies that cannot be read, are 4xx problems.</summary>
public sealed class OversizedImportTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public async Task InitializeAsync() => await World.LoadAsync(_app);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private const int FiftyMegabytes = 50 * 1024 * 1024;

    [Theory]
    [InlineData("code,name\nA,Fine\nB,", "", 3, "line-too-long")]
    [InlineData("code,name\nA,Fine\nB,\"", "", 3, "unclosed-quote")]
    [InlineData("code,name\nA,\"two\nlines\"\nB,\"", "\nC,D\n", 4, "unclosed-quote")]
    public async Task A_50_MB_record_is_a_422_naming_its_line_and_the_memory_is_given_back(string head, string tail, int line, string code)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var content = new RepeatedContent(head, 'x', FiftyMegabytes, tail);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var response = await _app.Admin().PostAsync("/api/v1/imports/departments", content);

        var problem = await response.ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(line, error.GetProperty("line").GetInt64());
        Assert.Equal(code, error.Str("code"));
        Assert.Equal(World.DepartmentCount, (await (await _app.Admin().GetAsync("/api/v1/departments/")).ReadJsonAsync(HttpStatusCode.OK))
            .GetProperty("items").GetArrayLength());

        // Sep would have grown its buffer to the record (two bytes a character, doubled on each growth).
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(after - before < 32L * 1024 * 1024, $"{(after - before) / 1024 / 1024} MB more after the import");
    }

    [Fact]
    public async Task A_multipart_body_whose_boundary_never_comes_is_a_400()
    {
        var body = "--real\r\nContent-Disposition: form-data; name=\"file\"; filename=\"d.csv\"\r\nContent-Type: text/csv\r\n\r\ncode,name\r\nA,B\r\n--other--\r\n";
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=real");
        var response = await _app.Admin().PostAsync("/api/v1/imports/departments", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        var wrong = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        wrong.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=nothere");
        var refused = await _app.Admin().PostAsync("/api/v1/imports/departments", wrong);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>head, then count times the character, then tail, written in chunks: the test holds no 50 MB array.</summary>
    private sealed class RepeatedContent(string head, char repeated, int count, string tail) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(head));
            var chunk = Encoding.UTF8.GetBytes(new string(repeated, 64 * 1024));
            for (var written = 0; written < count; written += chunk.Length) await stream.WriteAsync(chunk);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(tail));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = Encoding.UTF8.GetByteCount(head) + (long)Math.Ceiling(count / 65536.0) * 65536 + Encoding.UTF8.GetByteCount(tail);
            return true;
        }
    }
}
