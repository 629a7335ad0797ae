using System.Text.Json.Serialization;

namespace RolloutHub.Api.Features.Waves;

/// <summary>Where a wave stands in its life; answered and stored as the lower-case word.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WaveStatus>))]
public enum WaveStatus
{
    [JsonStringEnumMemberName("planned")] Planned,
    [JsonStringEnumMemberName("active")] Active,
    [JsonStringEnumMemberName("review")] Review,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("paused")] Paused,
}

public static class WaveStatuses
{
    /// <summary>The words, as the API and the database spell them.</summary>
    public static readonly string[] Names = ["planned", "active", "review", "completed", "paused"];

    /// <summary>The word of <paramref name="status"/> (for SQL parameters and sentences: Dapper would send the number).</summary>
    public static string Wire(this WaveStatus status) => Names[(int)status];

    public static WaveStatus? Parse(string? word) =>
        Array.IndexOf(Names, word) is var i and >= 0 ? (WaveStatus)i : null;

    /// <summary>A wave under way: its targets are watched and its departments are trained now.</summary>
    public static bool IsUnderWay(this WaveStatus status) => status is WaveStatus.Active or WaveStatus.Review;
}
