using System.Net;
using System.Text.Json.Nodes;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Features;

/// <summary>
/// The dashboard's types are generated from a committed copy of the API's OpenAPI document
/// (web/src/lib/api/openapi.json; web's own test checks the types against that copy). This
/// checks the copy against the API as built, so a change of the API without `make api-types`
/// fails here.
/// </summary>
public sealed class OpenApiCopyTests
{
    [Fact]
    public async Task The_dashboards_copy_of_the_openapi_document_is_the_apis()
    {
        await using var app = new TestApp();
        var live = JsonNode.Parse(await (await app.Anonymous().GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync())!.AsObject();
        var copy = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "web", "src", "lib", "api", "openapi.json")))!.AsObject();
        // Where the document was fetched from is not part of the API.
        live.Remove("servers");
        copy.Remove("servers");
        Assert.True(JsonNode.DeepEquals(live, copy),
            "web/src/lib/api/openapi.json differs from the API's /openapi/v1.json: run `make api-types` and commit what it writes.");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RolloutHub.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("RolloutHub.sln not found above the test assembly.");
    }
}
