using System.Text.Json.Nodes;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Features;

/// <summary>Status vocabularies are enums in C#, answered as today's words and shown as enums in the OpenAPI document.</summary>
public sealed class StatusVocabularyTests
{
    [Fact]
    public async Task A_use_case_status_is_an_enum_of_the_four_words_in_the_document_and_answered_as_its_word()
    {
        await using var app = new TestApp();
        var document = JsonNode.Parse(await (await app.Anonymous().GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync())!;
        var schemas = document["components"]!["schemas"]!;
        var status = schemas["UseCase"]!["properties"]!["status"]!;
        if (status["$ref"] is { } reference) status = schemas[((string)reference!).Split('/')[^1]]!;
        Assert.Equal(["idea", "pilot", "production", "retired"], status["enum"]!.AsArray().Select(v => (string)v!).ToList());

        await app.ImportOkAsync("use-cases", "code,title,category,status,minutes_saved_per_use\nUC,Title,writing,production,1\n");
        var useCase = await (await app.Admin().GetAsync("/api/v1/use-cases/UC")).ReadJsonAsync(System.Net.HttpStatusCode.OK);
        Assert.Equal("production", useCase.Str("status"));
    }
}
