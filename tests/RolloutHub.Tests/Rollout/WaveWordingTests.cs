using System.Text.Json.Nodes;
using RolloutHub.Api.Features.Waves;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Rollout;

/// <summary>
/// The waves' answers say codes and facts; the dashboard words them. The list of codes the API can
/// send is kept beside the dashboard (web/src/features/waves/wave-codes.json), where a test fails
/// when either dictionary has no message for one of them.
/// </summary>
public sealed class WaveWordingTests
{
    [Fact]
    public void The_dashboards_list_of_wave_codes_is_every_code_the_api_can_send()
    {
        var listed = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "web", "src", "features", "waves", "wave-codes.json")))!
            .AsArray().Select(n => n!.GetValue<string>()).Order().ToList();
        Assert.True(WaveFacts.AllNames.Order().SequenceEqual(listed),
            $"web/src/features/waves/wave-codes.json must list exactly: {string.Join(", ", WaveFacts.AllNames.Order())}");
    }

    [Fact]
    public async Task The_openapi_document_lists_the_wave_codes_as_an_enumeration()
    {
        await using var app = new TestApp();
        var document = JsonNode.Parse(await (await app.Anonymous().GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync())!;
        var values = document["components"]!["schemas"]!["WaveMessageCode"]!["enum"]!.AsArray()
            .Where(n => n is not null).Select(n => n!.GetValue<string>()).Order().ToList();
        Assert.Equal(WaveFacts.AllNames.Order().ToList(), values);
    }

    [Fact]
    public void Facts_are_invariant_text_whatever_the_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("fr-FR");
        try
        {
            var facts = WaveFacts.Of(("depthRatio", 0.625), ("plannedEndOn", new DateOnly(2026, 6, 30)), ("codes", new[] { "HR", "OPS" }),
                ("item", WaveMessageCode.ChampionsMissing), ("missing", 2), ("unknownRatio", null));
            Assert.Equal(new Dictionary<string, string>
            {
                ["depthRatio"] = "0.625", ["plannedEndOn"] = "2026-06-30", ["codes"] = "HR, OPS", ["item"] = "champions-missing", ["missing"] = "2",
                ["unknownRatio"] = "",
            }, facts);
            Assert.Equal("548", WaveFacts.Whole(547.5));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RolloutHub.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("RolloutHub.sln not found above the test assembly.");
    }
}
