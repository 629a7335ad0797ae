using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace RolloutHub.Bench;

/// <summary>The few RolloutHub calls the benchmark makes, with a bearer token.</summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _token;

    public ApiClient(string baseUrl, string token)
    {
        _http = new HttpClient { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"), Timeout = Timeout.InfiniteTimeSpan };
        _token = token;
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null, string? token = "")
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        token = token == "" ? _token : token;
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _http.SendAsync(request);
    }

    public sealed record ImportOutcome(string Kind, long RowsRead, long Inserted, long Updated, long Unchanged, double Seconds, long Bytes);

    /// <summary>Streams the file as the body of POST /api/v1/imports/{kind} and times the whole exchange.</summary>
    public Task<ImportOutcome> ImportAsync(string kind, string path) => ImportFileAsync(kind, $"api/v1/imports/{kind}", path, "text/csv");

    /// <summary>The same for an AI tool's export: POST /api/v1/imports/sources/{source}.</summary>
    public Task<ImportOutcome> ImportSourceAsync(string source, string path, string mediaType) =>
        ImportFileAsync(source, $"api/v1/imports/sources/{source}", path, mediaType);

    private async Task<ImportOutcome> ImportFileAsync(string kind, string url, string path, string mediaType)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        using var content = new StreamContent(file, 1 << 20);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        content.Headers.ContentLength = file.Length;
        var clock = Stopwatch.StartNew();
        using var response = await SendAsync(HttpMethod.Post, url, content);
        var body = await response.Content.ReadAsStringAsync();
        clock.Stop();
        if (!response.IsSuccessStatusCode)
            throw new BenchException($"Import of {kind} answered {(int)response.StatusCode}: {Shorten(body)}");
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return new ImportOutcome(kind, root.GetProperty("rowsRead").GetInt64(), root.GetProperty("inserted").GetInt64(),
            root.GetProperty("updated").GetInt64(), root.GetProperty("unchanged").GetInt64(), clock.Elapsed.TotalSeconds, file.Length);
    }

    public sealed record JobRunOutcome(string RunId, string Status, string? Mode, long? PeriodsTouched, double RunSeconds, double WallSeconds, string? Error);

    /// <summary>
    /// POST /api/v1/kpis/recompute, then polls GET /api/v1/job-runs/{runId} until the run ends.
    /// The run's own startedAt/finishedAt give its duration, free of the polling interval.
    /// </summary>
    public async Task<JobRunOutcome> RecomputeAsync(bool full, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        using var response = await SendAsync(HttpMethod.Post, $"api/v1/kpis/recompute?full={(full ? "true" : "false")}");
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 202) throw new BenchException($"POST /kpis/recompute answered {(int)response.StatusCode}: {Shorten(body)}");
        var runId = JsonDocument.Parse(body).RootElement.GetProperty("runId").GetString()!;
        while (true)
        {
            await Task.Delay(100);
            using var poll = await SendAsync(HttpMethod.Get, $"api/v1/job-runs/{runId}");
            using var run = JsonDocument.Parse(await poll.EnsureSuccessStatusCode().Content.ReadAsStringAsync());
            var root = run.RootElement;
            var status = root.GetProperty("status").GetString();
            if (status is "succeeded" or "failed")
            {
                clock.Stop();
                var started = root.GetProperty("startedAt").GetDateTimeOffset();
                var finished = root.GetProperty("finishedAt").GetDateTimeOffset();
                return new JobRunOutcome(runId, status, String(root, "mode"),
                    root.TryGetProperty("periodsTouched", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt64() : null,
                    (finished - started).TotalSeconds, clock.Elapsed.TotalSeconds, String(root, "error"));
            }
            if (clock.Elapsed > timeout) throw new BenchException($"KPI run {runId} still {status} after {timeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>Issues a token of another role (the dashboard's readers are executives, not the bootstrap admin).</summary>
    public async Task<string> IssueTokenAsync(string name, string role, IReadOnlyList<string>? departmentCodes = null)
    {
        using var response = await SendAsync(HttpMethod.Post, "api/v1/tokens", JsonContent.Create(new { name, role, departmentCodes }));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new BenchException($"POST /tokens answered {(int)response.StatusCode}: {Shorten(body)}");
        return JsonDocument.Parse(body).RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>POSTs JSON with another token.</summary>
    public async Task PostJsonAsync(string path, object body, string token)
    {
        using var response = await SendAsync(HttpMethod.Post, path, JsonContent.Create(body), token);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new BenchException($"POST /{path} answered {(int)response.StatusCode}: {Shorten(text)}");
    }

    /// <summary>computedAt and stale of a /kpis answer.</summary>
    public async Task<(DateTimeOffset? ComputedAt, bool Stale)> KpiStateAsync(string pathAndQuery, string token)
    {
        using var response = await SendAsync(HttpMethod.Get, pathAndQuery, token: token);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new BenchException($"GET /{pathAndQuery} answered {(int)response.StatusCode}: {Shorten(text)}");
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        DateTimeOffset? computedAt = root.TryGetProperty("computedAt", out var c) && c.ValueKind == JsonValueKind.String ? c.GetDateTimeOffset() : null;
        return (computedAt, root.TryGetProperty("stale", out var s) && s.ValueKind == JsonValueKind.True);
    }

    /// <summary>One GET, to check an endpoint answers 200 before it is loaded, and how big the answer is.</summary>
    public async Task<(int Status, long Bytes, double Milliseconds)> ProbeAsync(string pathAndQuery, string? token)
    {
        var clock = Stopwatch.StartNew();
        using var response = await SendAsync(HttpMethod.Get, pathAndQuery.TrimStart('/'), token: token);
        var bytes = (await response.Content.ReadAsByteArrayAsync()).LongLength;
        return ((int)response.StatusCode, bytes, clock.Elapsed.TotalMilliseconds);
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + "…";

    public void Dispose() => _http.Dispose();
}

public sealed class BenchException(string message) : Exception(message);
