using System.Text.Json.Serialization;

namespace RolloutHub.Api.Features.Champions;

/// <summary>Where a champion stands; answered and stored as the lower-case word.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChampionStatus>))]
public enum ChampionStatus
{
    [JsonStringEnumMemberName("identified")] Identified,
    [JsonStringEnumMemberName("equipped")] Equipped,
    [JsonStringEnumMemberName("active")] Active,
    [JsonStringEnumMemberName("inactive")] Inactive,
}

public static class ChampionStatuses
{
    /// <summary>The words, as the API and the database spell them.</summary>
    public static readonly string[] Names = ["identified", "equipped", "active", "inactive"];

    /// <summary>The word of <paramref name="status"/> (for SQL parameters and sentences: Dapper would send the number).</summary>
    public static string Wire(this ChampionStatus status) => Names[(int)status];

    public static ChampionStatus? Parse(string? word) =>
        Array.IndexOf(Names, word) is var i and >= 0 ? (ChampionStatus)i : null;
}
