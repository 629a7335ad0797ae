using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RolloutHub.Tests.Rollout;
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

    private static async Task<List<string>> EnumOfAsync(TestApp app, string schema, string property)
    {
        var document = JsonNode.Parse(await (await app.Anonymous().GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync())!;
        var schemas = document["components"]!["schemas"]!;
        var node = schemas[schema]!["properties"]![property]!;
        if (node["$ref"] is { } reference) node = schemas[((string)reference!).Split('/')[^1]]!;
        return node["enum"]!.AsArray().Where(v => v is not null).Select(v => (string)v!).ToList();
    }

    [Fact]
    public async Task A_wave_status_is_an_enum_of_the_five_words_in_the_document_and_answered_as_its_word()
    {
        await using var app = new TestApp();
        string[] words = ["planned", "active", "review", "completed", "paused"];
        Assert.Equal(words, await EnumOfAsync(app, "Wave", "status"));
        Assert.Equal(words, await EnumOfAsync(app, "WaveProgress", "status"));
        Assert.Equal(words, await EnumOfAsync(app, "WaveReadiness", "status"));

        await app.DepartmentsAsync("A");
        await app.WaveAsync("W1", ["A"]);
        var saved = await app.Admin().PutAsJsonAsync("/api/v1/waves/W1", new
        {
            name = "Wave", kind = "rollout", sequence = 1, departmentCodes = new[] { "A" },
            plannedStart = "2026-01-05", plannedEnd = "2026-06-30", status = "review",
        });
        Assert.Equal("review", (await saved.ReadJsonAsync(System.Net.HttpStatusCode.OK)).Str("status"));
        Assert.Equal("review", (await (await app.Admin().GetAsync("/api/v1/waves/W1")).ReadJsonAsync(System.Net.HttpStatusCode.OK)).Str("status"));

        var refused = await app.Admin().PutAsJsonAsync("/api/v1/waves/W1", new
        {
            name = "Wave", kind = "rollout", sequence = 1, departmentCodes = new[] { "A" },
            plannedStart = "2026-01-05", plannedEnd = "2026-06-30", status = "Review",
        });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task A_gate_decision_is_an_enum_of_the_four_words_in_the_document_and_answered_as_its_word()
    {
        await using var app = new TestApp();
        Assert.Equal(["go", "adjust", "hold", "stop"], await EnumOfAsync(app, "GateReview", "decision"));

        await app.DepartmentsAsync("A");
        await app.WaveAsync("W1", ["A"]);
        var created = await app.Admin().PostAsJsonAsync("/api/v1/waves/W1/gate-reviews", new { decidedOn = "2026-02-01", decision = "stop", rationale = "Paused" });
        Assert.Equal("stop", (await created.ReadJsonAsync(System.Net.HttpStatusCode.Created)).Str("decision"));
        var wave = await (await app.Admin().GetAsync("/api/v1/waves/W1")).ReadJsonAsync(System.Net.HttpStatusCode.OK);
        Assert.Equal("stop", wave.GetProperty("lastGateReview").Str("decision"));
        var refused = await app.Admin().PostAsJsonAsync("/api/v1/waves/W1/gate-reviews", new { decidedOn = "2026-02-01", decision = "Go", rationale = "x" });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task A_champion_status_is_an_enum_of_the_four_words_in_the_document_and_answered_as_its_word()
    {
        await using var app = new TestApp();
        Assert.Equal(["identified", "equipped", "active", "inactive"], await EnumOfAsync(app, "Champion", "status"));

        await app.DepartmentsAsync("A");
        var created = await app.Admin().PostAsJsonAsync("/api/v1/champions", new { displayName = "Nadia", departmentCode = "A", status = "equipped" });
        Assert.Equal("equipped", (await created.ReadJsonAsync(System.Net.HttpStatusCode.Created)).Str("status"));
        var listed = await (await app.Admin().GetAsync("/api/v1/champions?status=equipped")).ReadJsonAsync(System.Net.HttpStatusCode.OK);
        Assert.Equal("equipped", listed.GetProperty("items")[0].Str("status"));
        var refused = await app.Admin().PostAsJsonAsync("/api/v1/champions", new { displayName = "Nadia", departmentCode = "A", status = "Active" });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task An_alert_severity_is_an_enum_of_the_three_words_in_the_document()
    {
        await using var app = new TestApp();
        Assert.Equal(["info", "warning", "critical"], await EnumOfAsync(app, "Alert", "severity"));
        // Answered and stored as its word: AlertTests read "critical" and "warning" back from the database.
    }
}
