using System.Text.Json.Serialization;

namespace RolloutHub.Api.Features.UseCases;

/// <summary>Where a use case stands in the library; answered and stored as the lower-case word.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UseCaseStatus>))]
public enum UseCaseStatus
{
    [JsonStringEnumMemberName("idea")] Idea,
    [JsonStringEnumMemberName("pilot")] Pilot,
    [JsonStringEnumMemberName("production")] Production,
    [JsonStringEnumMemberName("retired")] Retired,
}

public static class UseCaseStatuses
{
    /// <summary>The words, as the API, the CSV import and the database spell them.</summary>
    public static readonly string[] Names = ["idea", "pilot", "production", "retired"];

    /// <summary>The word of <paramref name="status"/> (for SQL parameters and sentences: Dapper would send the number).</summary>
    public static string Wire(this UseCaseStatus status) => Names[(int)status];

    public static UseCaseStatus? Parse(string? word) =>
        Array.IndexOf(Names, word) is var i and >= 0 ? (UseCaseStatus)i : null;
}
