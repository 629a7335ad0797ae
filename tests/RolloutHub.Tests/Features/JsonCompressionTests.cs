using System.IO.Compression;
using System.Net;
using System.Text.Json;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Features;

public sealed class JsonCompressionTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public async Task InitializeAsync() => await World.LoadAsync(_app);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_JSON_answer_is_gzipped_for_a_client_that_asks_and_plain_for_one_that_does_not()
    {
        var client = _app.Admin();
        using var plain = await client.GetAsync("/api/v1/employees?limit=50");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        var plainJson = await plain.Content.ReadAsStringAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/employees?limit=50");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var gzipped = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, gzipped.StatusCode);
        Assert.Equal(["gzip"], gzipped.Content.Headers.ContentEncoding);
        await using var unzip = new GZipStream(await gzipped.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var document = await JsonDocument.ParseAsync(unzip);
        Assert.Equal(JsonDocument.Parse(plainJson).RootElement.GetProperty("items").GetArrayLength(),
            document.RootElement.GetProperty("items").GetArrayLength());
    }
}
