using System.Net;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Features;

public sealed class DashboardHostingTests
{
    [Fact]
    public async Task The_dashboard_is_served_at_the_root_and_its_routes_but_unknown_api_paths_stay_404_problems()
    {
        var folder = Directory.CreateTempSubdirectory("rollouthub-dist").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "index.html"), "<div id=\"root\"></div>");
        try
        {
            await using var app = new TestApp(settings: new Dictionary<string, string?> { ["Dashboard:Path"] = folder });
            var client = app.Anonymous();
            foreach (var path in new[] { "/", "/waves/W1", "/departments/SALES" })
            {
                var page = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Contains("id=\"root\"", await page.Content.ReadAsStringAsync());
                Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
            }
            var api = await app.Admin().GetAsync("/api/v1/nowhere");
            Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.NotFound, (await app.Admin().GetAsync("/missing.js")).StatusCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_browser_that_accepts_brotli_or_gzip_gets_the_precompressed_copy_and_hashed_assets_are_cached_for_a_year()
    {
        var folder = Directory.CreateTempSubdirectory("rollouthub-dist").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "assets"));
        await File.WriteAllTextAsync(Path.Combine(folder, "index.html"), "<div id=\"root\"></div>");
        await File.WriteAllTextAsync(Path.Combine(folder, "assets", "app-1a2b.js"), "console.log('plain')");
        await File.WriteAllTextAsync(Path.Combine(folder, "assets", "app-1a2b.js.br"), "brotli bytes");
        await File.WriteAllTextAsync(Path.Combine(folder, "assets", "app-1a2b.js.gz"), "gzip bytes");
        try
        {
            await using var app = new TestApp(settings: new Dictionary<string, string?> { ["Dashboard:Path"] = folder });
            var client = app.Anonymous();
            async Task<(string? Encoding, string? Type, string Body, string? Cache)> Get(string path, string? acceptEncoding)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
                var response = await client.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return (response.Content.Headers.ContentEncoding.SingleOrDefault(), response.Content.Headers.ContentType?.MediaType,
                    await response.Content.ReadAsStringAsync(), response.Headers.CacheControl?.ToString());
            }

            Assert.Equal(("br", "text/javascript", "brotli bytes", "public, max-age=31536000, immutable"), await Get("/assets/app-1a2b.js", "gzip, deflate, br"));
            Assert.Equal(("gzip", "text/javascript", "gzip bytes", "public, max-age=31536000, immutable"), await Get("/assets/app-1a2b.js", "gzip"));
            Assert.Equal(("gzip", "text/javascript", "gzip bytes", "public, max-age=31536000, immutable"), await Get("/assets/app-1a2b.js", "br;q=0, gzip"));
            Assert.Equal((null, "text/javascript", "console.log('plain')", "public, max-age=31536000, immutable"), await Get("/assets/app-1a2b.js", null));
            // The page itself is asked for again at each visit, so a new release is picked up at once.
            Assert.Equal("no-cache", (await Get("/index.html", "br")).Cache);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
