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
}
