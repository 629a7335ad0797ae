using System.Net;
using System.Text.Json;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Kpis;

public sealed class KpiDocumentationTests
{
    [Fact]
    public async Task The_openapi_document_explains_every_kpi_endpoint_and_figure()
    {
        await using var app = new KpiApp(new DateOnly(2026, 1, 25));
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ReadJsonAsync(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/kpis", "/api/v1/kpis/departments", "/api/v1/kpis/adoption", "/api/v1/kpis/adoption/departments",
                     "/api/v1/kpis/recompute", "/api/v1/job-runs", "/api/v1/job-runs/{runId}", "/api/v1/seats/idle" })
        {
            Assert.True(paths.TryGetProperty(path, out var item), path);
            foreach (var operation in item.EnumerateObject().Where(o => o.Name is "get" or "post"))
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.GetProperty("description").GetString()), path);
        }

        // Response figures carry their plain-language definition (XML doc comments).
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Contains("9", Description(schemas, "UsageBands", "habitual"));
        Assert.Contains("28 days", Description(schemas, "Seats", "idle"));
        Assert.Contains("headcount", Description(schemas, "Depth", "ratio"));
        Assert.Contains("minGroupSize", Description(schemas, "DepartmentPeriod", "suppressed"));
    }

    private static string Description(JsonElement schemas, string schema, string property) =>
        schemas.GetProperty(schema).GetProperty("properties").GetProperty(property).GetProperty("description").GetString() ?? "";
}
