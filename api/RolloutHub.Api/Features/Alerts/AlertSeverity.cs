using System.Text.Json.Serialization;

namespace RolloutHub.Api.Features.Alerts;

/// <summary>How urgent an alert is; answered and stored as the lower-case word.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertSeverity>))]
public enum AlertSeverity
{
    [JsonStringEnumMemberName("info")] Info,
    [JsonStringEnumMemberName("warning")] Warning,
    [JsonStringEnumMemberName("critical")] Critical,
}

public static class AlertSeverities
{
    /// <summary>The words, as the API and the database spell them.</summary>
    public static readonly string[] Names = ["info", "warning", "critical"];

    /// <summary>The word of <paramref name="severity"/> (for SQL parameters: Dapper would send the number).</summary>
    public static string Wire(this AlertSeverity severity) => Names[(int)severity];
}
