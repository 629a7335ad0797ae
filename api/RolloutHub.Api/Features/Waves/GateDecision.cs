using System.Text.Json.Serialization;

namespace RolloutHub.Api.Features.Waves;

/// <summary>What a gate review decided for a wave; answered and stored as the lower-case word.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GateDecision>))]
public enum GateDecision
{
    [JsonStringEnumMemberName("go")] Go,
    [JsonStringEnumMemberName("adjust")] Adjust,
    [JsonStringEnumMemberName("hold")] Hold,
    [JsonStringEnumMemberName("stop")] Stop,
}

public static class GateDecisions
{
    /// <summary>The words, as the API and the database spell them.</summary>
    public static readonly string[] Names = ["go", "adjust", "hold", "stop"];

    /// <summary>The word of <paramref name="decision"/> (for SQL parameters and sentences: Dapper would send the number).</summary>
    public static string Wire(this GateDecision decision) => Names[(int)decision];

    public static GateDecision? Parse(string? word) =>
        Array.IndexOf(Names, word) is var i and >= 0 ? (GateDecision)i : null;
}
