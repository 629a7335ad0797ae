using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Input;

/// <summary>The OpenAPI document describes the body each endpoint reads, under a name of its own.</summary>
public sealed class OpenApiBodyTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Each_json_body_is_documented_with_the_properties_its_endpoint_reads()
    {
        var document = await (await _app.Anonymous().GetAsync("/openapi/v1.json")).ReadJsonAsync(HttpStatusCode.OK);
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var paths = document.GetProperty("paths").EnumerateObject().ToDictionary(p => p.Name.TrimEnd('/'), p => p.Value);

        var checkedBodies = 0;
        var failures = new List<string>();
        foreach (var endpoint in _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>();
            if (accepts?.RequestType is not { } bodyType || !accepts.ContentTypes.Contains("application/json") || bodyType == typeof(string)) continue;
            var route = System.Text.RegularExpressions.Regex.Replace(endpoint.RoutePattern.RawText!.TrimEnd('/'), @"\{(\w+):[^}]+\}", "{$1}");
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single().ToLowerInvariant();
            var schema = paths[route].GetProperty(method).GetProperty("requestBody").GetProperty("content")
                .GetProperty("application/json").GetProperty("schema");
            // An optional body is documented as oneOf null or the schema.
            if (schema.TryGetProperty("oneOf", out var oneOf))
                schema = oneOf.EnumerateArray().Single(s => s.TryGetProperty("$ref", out _));
            if (schema.TryGetProperty("$ref", out var reference))
                schema = schemas.GetProperty(reference.GetString()!.Split('/').Last());
            if (!schema.TryGetProperty("properties", out var properties))
            {
                failures.Add($"{method} {route}: no properties in {schema}");
                continue;
            }
            var documented = properties.EnumerateObject().Select(p => p.Name).Order().ToList();
            var read = bodyType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order().ToList();
            if (!documented.SequenceEqual(read))
                failures.Add($"{method} {route}: documented [{string.Join(", ", documented)}], read [{string.Join(", ", read)}]");
            checkedBodies++;
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(checkedBodies >= 8, $"only {checkedBodies} JSON bodies found");
    }

    [Fact]
    public async Task Transfer_candidates_documents_its_department_as_required()
    {
        var document = await (await _app.Anonymous().GetAsync("/openapi/v1.json")).ReadJsonAsync(HttpStatusCode.OK);
        var parameter = document.GetProperty("paths").GetProperty("/api/v1/use-cases/transfer-candidates").GetProperty("get")
            .GetProperty("parameters").EnumerateArray().Single(p => p.Str("name") == "departmentCode");
        Assert.True(parameter.GetProperty("required").GetBoolean());

        var missing = await (await _app.Admin().GetAsync("/api/v1/use-cases/transfer-candidates")).ReadJsonAsync(HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("departmentCode", out _), missing.ToString());
    }

    [Fact]
    public async Task Without_a_built_dashboard_the_root_says_how_to_build_it_instead_of_401()
    {
        var response = await _app.Anonymous().GetAsync("/");
        var problem = await response.ReadJsonAsync(HttpStatusCode.NotFound);
        Assert.Contains("make run", problem.Str("detail"));
        Assert.Contains("npm run build", problem.Str("detail"));
    }
}
