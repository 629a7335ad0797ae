using System.Net;
using System.Text.Json;

namespace RolloutHub.Tests.Support;

public static class Json
{
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement;
    }

    public static int Int(this JsonElement e, string name) => e.GetProperty(name).GetInt32();
    public static string? Str(this JsonElement e, string name) => e.GetProperty(name).GetString();
}
