using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RolloutHub.Tests.Collectors;

/// <summary>
/// GitHub's and Microsoft's APIs as their documentation gives them, on 127.0.0.1 (Kestrel, a free
/// port): GitHub's users-1-day report links and NDJSON files, the paged Copilot seats list;
/// Entra's token endpoint, Graph's Copilot usage report (a redirect to the CSV) and its audit log
/// queries (created, running, then succeeded, records paged with @odata.nextLink). Switches make
/// it answer 429, 401, a cut download or a changed shape. It counts what it was asked.
/// </summary>
public sealed class FakeVendors : IAsyncDisposable
{
    public const string Organization = "contoso";
    public const string GitHubToken = "ghp_TESTSECRET_github_0123456789";
    public const string TenantId = "11111111-2222-3333-4444-555555555555";
    public const string ClientId = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    public const string ClientSecret = "TESTSECRET~microsoft~client~secret";
    public const string AccessToken = "eyTESTSECRET.graph.access.token";
    public const string DownloadSignature = "sig=TESTSECRETsignature";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _hits = new();
    private readonly ConcurrentDictionary<string, int> _queryPolls = new();

    private FakeVendors(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Per day: the NDJSON files of its users-1-day report (no entry: not published, 404).</summary>
    public ConcurrentDictionary<string, string[]> GitHubFiles { get; } = new();

    /// <summary>The Copilot seats list's logins, served two per page with a Link to the next.</summary>
    public List<string> SeatLogins { get; } = [];

    public string UsageReportCsv { get; set; } = "";

    /// <summary>Per day: the auditLogRecord objects (JSON) of its CopilotInteraction query, served two per page.</summary>
    public ConcurrentDictionary<string, string[]> AuditRecords { get; } = new();

    // Switches.
    public int TooManyRequests { get; set; }   // that many 429s (Retry-After: 1) before answering the report links
    public int CutDownloads { get; set; }      // that many downloads cut halfway
    public bool ChangedShape { get; set; }     // the report links answer in another shape
    public bool ServerErrors { get; set; }     // every GitHub API answer is 503

    public int Hits(string what) => _hits.GetValueOrDefault(what);

    public static async Task<FakeVendors> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeVendors(app);
        app.Run(fake.AnswerAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    private void Hit(string what) => _hits.AddOrUpdate(what, 1, (_, n) => n + 1);

    private async Task AnswerAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var query = context.Request.Query;
        var auth = context.Request.Headers.Authorization.ToString();

        // GitHub's REST API.
        if (path.StartsWith($"/orgs/{Organization}/copilot/", StringComparison.Ordinal))
        {
            if (ServerErrors) { Hit("github-503"); context.Response.StatusCode = 503; return; }
            if (auth != $"Bearer {GitHubToken}")
            {
                Hit("github-401");
                await Json(context, 401, """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}""");
                return;
            }
            if (path.EndsWith("/copilot/metrics/reports/users-1-day", StringComparison.Ordinal))
            {
                var day = query["day"].ToString();
                Hit("github-links");
                Hit($"github-links:{day}");
                if (TooManyRequests > 0)
                {
                    TooManyRequests--;
                    Hit("github-429");
                    context.Response.Headers.RetryAfter = "1";
                    await Json(context, 429, """{"message":"API rate limit exceeded"}""");
                    return;
                }
                if (!GitHubFiles.TryGetValue(day, out var files))
                {
                    await Json(context, 404, """{"message":"Not Found"}""");
                    return;
                }
                var links = files.Select((_, i) => $"\"{BaseUrl}/downloads/github/{day}/{i}.ndjson?{DownloadSignature}\"");
                await Json(context, 200, ChangedShape
                    ? $$"""{"reports":[{{string.Join(",", links)}}],"day":"{{day}}"}"""
                    : $$"""{"download_links":[{{string.Join(",", links)}}],"report_day":"{{day}}"}""");
                return;
            }
            if (path.EndsWith("/copilot/billing/seats", StringComparison.Ordinal))
            {
                var page = int.TryParse(query["page"], out var p) ? p : 1;
                Hit("github-seats");
                var seats = SeatLogins.Skip((page - 1) * 2).Take(2).Select((login, i) =>
                    $$$"""{"created_at":"2026-01-03T09:00:00Z","last_activity_at":null,"plan_type":"business","assignee":{"login":"{{{login}}}","id":{{{i + 1}}},"type":"User"}}""");
                if (page * 2 < SeatLogins.Count)
                    context.Response.Headers.Link = $"<{BaseUrl}/orgs/{Organization}/copilot/billing/seats?page={page + 1}>; rel=\"next\"";
                await Json(context, 200, $$"""{"total_seats":{{SeatLogins.Count}},"seats":[{{string.Join(",", seats)}}]}""");
                return;
            }
        }
        if (path.StartsWith("/downloads/github/", StringComparison.Ordinal))
        {
            Hit("github-download");
            if (auth.Length > 0) { context.Response.StatusCode = 400; return; } // a signed URL: no token may come with it
            var parts = path.Split('/');
            var files = GitHubFiles[parts[3]];
            await FileAsync(context, files[int.Parse(parts[4].Split('.')[0])], "application/x-ndjson");
            return;
        }

        // Entra's token endpoint.
        if (path == $"/{TenantId}/oauth2/v2.0/token" && context.Request.Method == "POST")
        {
            Hit("token");
            var form = await context.Request.ReadFormAsync();
            var signedIn = form["client_assertion"].ToString() is { Length: > 0 } assertion
                ? form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
                  && ValidAssertion(assertion, $"{BaseUrl}/{TenantId}/oauth2/v2.0/token")
                : form["client_secret"] == ClientSecret;
            if (form["grant_type"] != "client_credentials" || form["client_id"] != ClientId || form["scope"] != $"{BaseUrl}/.default" || !signedIn)
            {
                await Json(context, 401,
                    """{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value.\r\nTrace ID: 0000","error_codes":[7000215]}""");
                return;
            }
            await Json(context, 200, $$"""{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"{{AccessToken}}"}""");
            return;
        }

        // Microsoft Graph.
        if (path.StartsWith("/v1.0/", StringComparison.Ordinal))
        {
            if (auth != $"Bearer {AccessToken}")
            {
                await Json(context, 401, """{"error":{"code":"InvalidAuthenticationToken","message":"Access token is empty."}}""");
                return;
            }
            if (path == "/v1.0/copilot/reports/getMicrosoft365CopilotUsageUserDetail(period='D7')")
            {
                Hit("usage-report");
                context.Response.StatusCode = 302;
                context.Response.Headers.Location = $"{BaseUrl}/downloads/m365/usage.csv?{DownloadSignature}";
                return;
            }
            if (path == "/v1.0/security/auditLog/queries" && context.Request.Method == "POST")
            {
                using var body = await JsonDocument.ParseAsync(context.Request.Body);
                var start = body.RootElement.GetProperty("filterStartDateTime").GetString()!;
                var end = body.RootElement.GetProperty("filterEndDateTime").GetString()!;
                var types = body.RootElement.GetProperty("recordTypeFilters").EnumerateArray().Select(t => t.GetString()).ToArray();
                if (types is not ["copilotInteraction"] || !end.StartsWith(DateOnly.Parse(start[..10]).AddDays(1).ToString("yyyy-MM-dd"), StringComparison.Ordinal))
                {
                    await Json(context, 400, """{"error":{"code":"BadRequest","message":"Invalid filter."}}""");
                    return;
                }
                Hit("audit-query");
                await Json(context, 201, $$"""{"id":"query-{{start[..10]}}","displayName":"x","filterStartDateTime":"{{start}}","filterEndDateTime":"{{end}}","recordTypeFilters":["copilotInteraction"],"status":"notStarted"}""");
                return;
            }
            if (path.StartsWith("/v1.0/security/auditLog/queries/query-", StringComparison.Ordinal))
            {
                var rest = path["/v1.0/security/auditLog/queries/query-".Length..];
                var day = rest[..10];
                if (rest.Length == 10)
                {
                    // Running at the first look, succeeded at the next.
                    var polls = _queryPolls.AddOrUpdate(day, 1, (_, n) => n + 1);
                    Hit("audit-poll");
                    await Json(context, 200, $$"""{"id":"query-{{day}}","status":"{{(polls == 1 ? "running" : "succeeded")}}"}""");
                    return;
                }
                if (rest[10..] == "/records")
                {
                    Hit("audit-records");
                    var records = AuditRecords.GetValueOrDefault(day) ?? [];
                    var skip = int.TryParse(query["$skiptoken"], out var s) ? s : 0;
                    var page = records.Skip(skip).Take(2).ToArray();
                    var next = skip + 2 < records.Length
                        ? $$""","@odata.nextLink":"{{BaseUrl}}/v1.0/security/auditLog/queries/query-{{day}}/records?$skiptoken={{skip + 2}}" """
                        : "";
                    await Json(context, 200, $$"""{"@odata.context":"x","value":[{{string.Join(",", page)}}]{{next}}}""");
                    return;
                }
            }
        }
        if (path == "/downloads/m365/usage.csv")
        {
            Hit("usage-download");
            if (auth.Length > 0) { context.Response.StatusCode = 400; return; } // the redirect drops the token
            await FileAsync(context, UsageReportCsv, "application/octet-stream");
            return;
        }
        context.Response.StatusCode = 404;
    }

    /// <summary>The application's certificate as registered in Entra (public part): client assertions must be signed with its key.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; set; }

    private bool ValidAssertion(string assertion, string audience)
    {
        if (Certificate is null) return false;
        var parts = assertion.Split('.');
        if (parts.Length != 3) return false;
        static byte[] Decode(string part) => Convert.FromBase64String(part.Replace('-', '+').Replace('_', '/').PadRight((part.Length + 3) / 4 * 4, '='));
        using var header = JsonDocument.Parse(Decode(parts[0]));
        using var payload = JsonDocument.Parse(Decode(parts[1]));
        var thumbprint = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Certificate.RawData)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        using var key = Certificate.GetRSAPublicKey()!;
        return header.RootElement.GetProperty("alg").GetString() == "RS256"
               && header.RootElement.GetProperty("x5t#S256").GetString() == thumbprint
               && payload.RootElement.GetProperty("aud").GetString() == audience
               && payload.RootElement.GetProperty("iss").GetString() == ClientId
               && payload.RootElement.GetProperty("sub").GetString() == ClientId
               && payload.RootElement.GetProperty("exp").GetInt64() > DateTimeOffset.UtcNow.ToUnixTimeSeconds()
               && key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Decode(parts[2]),
                   System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
    }

    private static async Task Json(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    private async Task FileAsync(HttpContext context, string content, string mediaType)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        context.Response.ContentType = mediaType;
        context.Response.ContentLength = bytes.Length;
        if (CutDownloads > 0)
        {
            CutDownloads--;
            Hit("cut");
            await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
            await context.Response.Body.FlushAsync();
            await Task.Delay(200); // let the first half reach the client before the connection is cut
            context.Abort();
            return;
        }
        await context.Response.Body.WriteAsync(bytes);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
