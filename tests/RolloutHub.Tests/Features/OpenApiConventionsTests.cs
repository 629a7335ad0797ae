using System.Text.Json.Nodes;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Features;

/// <summary>
/// The OpenAPI document is the contract clients are generated from: every operation is named
/// once, says which problems it can answer, and every tag is described (make test also runs
/// Redocly's recommended rules on it).
/// </summary>
public sealed class OpenApiConventionsTests
{
    [Theory]
    [InlineData("GET", "api/v1/kpis/tools", "getKpisTools")]
    [InlineData("GET", "api/v1/waves/{code}/progress", "getWavesByCodeProgress")]
    [InlineData("POST", "api/v1/imports/sources/{source}", "postImportsSourcesBySource")]
    [InlineData("PUT", "api/v1/identities/{system}/{externalId}", "putIdentitiesBySystemByExternalId")]
    [InlineData("DELETE", "api/v1/tokens/{id:long}", "deleteTokensById")]
    public void Operation_ids_are_the_method_and_the_route(string method, string path, string expected) =>
        Assert.Equal(expected, RolloutHub.Api.Infrastructure.OpenApiConventions.OperationId(method, path));

    [Fact]
    public async Task Every_operation_is_named_once_answers_its_problems_and_every_tag_is_described()
    {
        await using var app = new TestApp();
        var document = JsonNode.Parse(await (await app.Anonymous().GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync())!.AsObject();
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Path: path.Key, Method: op.Key, Operation: op.Value!.AsObject())))
            .ToList();
        Assert.NotEmpty(operations);

        var ids = operations.Select(o => (string?)o.Operation["operationId"]).ToList();
        Assert.All(ids, id => Assert.False(string.IsNullOrEmpty(id)));
        Assert.Equal(ids.Count, ids.Distinct().Count());

        foreach (var (path, method, operation) in operations)
        {
            var statuses = operation["responses"]!.AsObject().Select(r => r.Key).ToList();
            Assert.True(statuses.Any(s => s.StartsWith('4')), $"{method} {path} documents no 4xx answer.");
            if (path.Contains('{')) Assert.Contains("404", statuses);
            var secured = (string?)operation["operationId"] is not ("getDemoTokens");
            if (secured) Assert.Contains("401", statuses);
        }

        var described = document["tags"]!.AsArray().ToDictionary(t => (string)t!["name"]!, t => (string?)t!["description"]);
        foreach (var tag in operations.SelectMany(o => o.Operation["tags"]?.AsArray() ?? []).Select(t => (string)t!).Distinct())
            Assert.False(string.IsNullOrWhiteSpace(described.GetValueOrDefault(tag)), $"Tag '{tag}' has no description.");
    }
}
