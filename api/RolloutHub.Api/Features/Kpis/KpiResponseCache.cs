using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;

namespace RolloutHub.Api.Features.Kpis;

/// <summary>
/// The JSON answers of the KPI reads, kept per query and per snapshot version. The snapshots
/// change only when a KPI run commits (kpi_state), and what else an answer shows (stale, names,
/// privacy) moves with data_version and settings: one single-row query tells whether a kept
/// answer is still exact, and the reading and serialising of thousands of snapshot rows (the
/// department series of a year: 40 × 52 periods, 600 KB of JSON) is done once per version
/// instead of once per dashboard. A kept answer is also kept gzipped (a browser asks for gzip;
/// the department series shrinks about fifteen times), compressed once per version rather than
/// per request. Answers are bounded in total size and dropped when unused.
/// </summary>
public sealed class KpiResponseCache : IDisposable
{
    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = 64 * 1024 * 1024 });
    private readonly JsonSerializerOptions _json;
    private readonly KpiToday _today;

    public KpiResponseCache(Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, KpiToday today)
    {
        _json = json.Value.SerializerOptions;
        _today = today;
    }

    private const string ContentType = "application/json; charset=utf-8";

    private sealed record Answer(string Version, byte[] Json, byte[] Gzip);

    /// <summary>
    /// The answer to <paramref name="query"/> as JSON: the kept one when the snapshots have not
    /// moved since, else <paramref name="load"/>'s (validation included), kept for the next reader.
    /// </summary>
    public async Task<IResult> JsonAsync<T>(HttpRequest request, string endpoint, IKpiRange query, DbSession session, CurrentUser user, Func<Task<T>> load)
    {
        var connection = await session.ConnectionAsync();
        // Not computed yet (null version): nothing to keep.
        var version = (await KpiRange.StateRowAsync(connection, session.Transaction)).Version;
        // Today matters when from or to is left out; small groups are shown to admins only.
        var key = $"{endpoint}|{query.Grain}|{query.From}|{query.To}|{_today.Date:yyyy-MM-dd}|{user.SeesSmallGroups}";
        if (version is not null && _answers.TryGetValue(key, out Answer? kept) && kept!.Version == version)
            return Write(request, kept.Json, kept.Gzip);

        var json = JsonSerializer.SerializeToUtf8Bytes(await load(), _json);
        if (version is null) return Write(request, json, null);
        var answer = new Answer(version, json, Gzip(json));
        _answers.Set(key, answer, new MemoryCacheEntryOptions { Size = json.Length + answer.Gzip.Length, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return Write(request, answer.Json, answer.Gzip);
    }

    private static IResult Write(HttpRequest request, byte[] json, byte[]? gzip)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.Vary = "Accept-Encoding";
        if (gzip is null || !AcceptsGzip(request)) return Results.Bytes(json, ContentType);
        headers.ContentEncoding = "gzip";
        return Results.Bytes(gzip, ContentType);
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.GetTypedHeaders().AcceptEncoding.Any(e => e.Value == "gzip" && e.Quality is not 0);

    private static byte[] Gzip(byte[] json)
    {
        using var buffer = new MemoryStream(json.Length / 8);
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(json);
        return buffer.ToArray();
    }

    public void Dispose() => _answers.Dispose();
}
