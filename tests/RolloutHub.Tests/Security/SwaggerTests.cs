using System.Net;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Security;

public sealed class SwaggerTests
{
    [Fact]
    public async Task Swagger_UI_opens_without_a_token_and_offers_bearer_authorisation()
    {
        await using var app = new TestApp();
        var browser = app.Anonymous();

        var page = await browser.GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("swagger-ui", await page.Content.ReadAsStringAsync());
        foreach (var asset in new[] { "/swagger/index.js", "/swagger/swagger-ui-bundle.js", "/swagger/swagger-ui.css" })
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(asset)).StatusCode);
        var root = await browser.GetAsync("/swagger");
        Assert.True(root.StatusCode is HttpStatusCode.OK or HttpStatusCode.MovedPermanently or HttpStatusCode.Redirect, $"{root.StatusCode}");

        // The rest of the API stays closed.
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/departments")).StatusCode);

        var document = await (await browser.GetAsync("/openapi/v1.json")).ReadJsonAsync(HttpStatusCode.OK);
        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", bearer.Str("type"));
        Assert.Equal("bearer", bearer.Str("scheme"));
        Assert.Contains(document.GetProperty("security").EnumerateArray(), requirement => requirement.TryGetProperty("bearer", out _));
        Assert.DoesNotContain(document.GetProperty("paths").EnumerateObject(), path => path.Name.StartsWith("/swagger"));
    }
}
