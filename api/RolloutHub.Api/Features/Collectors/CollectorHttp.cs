using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace RolloutHub.Api.Features.Collectors;

/// <summary>
/// Why a collector's run failed, in words an admin can act on. <c>Passing</c>: the vendor was
/// busy, down or cut a download, so the run is retried with back-off; otherwise (refused token,
/// unknown organisation, changed answer) retrying cannot help until someone fixes something, and
/// the next scheduled run tries again. Messages never carry a secret or a signed URL.
/// </summary>
public sealed class CollectorFailure(string message, bool passing = false) : Exception(message)
{
    public bool Passing { get; } = passing;
}

/// <summary>
/// The collectors' one HTTP client. Requests answered 429 or 5xx, and requests cut by the network,
/// are tried again (honouring Retry-After, else with doubling delay) up to Collectors:HttpAttempts.
/// Its own handler, without IHttpClientFactory's request logging: signed download URLs carry
/// credentials in their query, and nothing of them may reach the logs.
/// </summary>
public sealed class CollectorHttp(IOptionsMonitor<CollectorsOptions> options, ILogger<CollectorHttp> logger) : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        // The Graph usage report answers 302 to a pre-signed download URL; the handler drops the
        // Authorization header when it follows a redirect, so the token stays with Graph.
        AllowAutoRedirect = true,
        AutomaticDecompression = DecompressionMethods.All,
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>
    /// Sends the request <paramref name="build"/> makes (again at each try) and answers the first
    /// response that is neither 429 nor 5xx, headers read, body not yet; the caller disposes it.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(string vendor, string what, Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage? response = null;
            TimeSpan? wait = null;
            string problem;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(settings.HttpTimeoutSeconds));
            try
            {
                using var request = build();
                response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var status = (int)response.StatusCode;
                if (status != 429 && status < 500) return response;
                problem = $"{status} {response.ReasonPhrase}".Trim();
                wait = RetryAfter(response);
                response.Dispose();
            }
            catch (HttpRequestException e)
            {
                response?.Dispose();
                problem = NetworkProblem(e);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                response?.Dispose();
                problem = $"no answer within {settings.HttpTimeoutSeconds:0} s";
            }
            if (attempt >= settings.HttpAttempts)
                throw new CollectorFailure($"{vendor} did not answer {what} after {attempt} tries (last: {problem}).", passing: true);
            var delay = wait ?? TimeSpan.FromSeconds(settings.HttpRetryDelaySeconds * Math.Pow(2, attempt - 1));
            if (delay > TimeSpan.FromSeconds(settings.MaxRetryAfterSeconds))
                throw new CollectorFailure(
                    $"{vendor} asked to wait {delay.TotalSeconds:0} s before asking {what} again ({problem}); the run will be retried later.", passing: true);
            logger.LogInformation("{Vendor} answered {Problem} to {What}; trying again in {Seconds} s", vendor, problem, what, delay.TotalSeconds);
            await Task.Delay(delay, cancellationToken);
        }
    }

    /// <summary>
    /// Downloads into <paramref name="target"/> (a temporary file: nothing is imported before the
    /// whole file is there). A download cut halfway is started again from the beginning.
    /// <paramref name="refused"/> may throw its own words for a failure answer (401, 403…).
    /// </summary>
    public async Task<long> DownloadAsync(string vendor, string what, Func<HttpRequestMessage> build, Stream target, CancellationToken cancellationToken,
        Action<HttpResponseMessage>? refused = null)
    {
        var settings = options.CurrentValue;
        for (var attempt = 1; ; attempt++)
        {
            target.SetLength(0);
            target.Position = 0;
            using var response = await SendAsync(vendor, what, build, cancellationToken);
            if (!response.IsSuccessStatusCode) refused?.Invoke(response);
            if (!response.IsSuccessStatusCode)
                throw new CollectorFailure($"{vendor} answered {(int)response.StatusCode} {response.ReasonPhrase} to {what}.".Replace("  ", " "),
                    passing: response.StatusCode is HttpStatusCode.RequestTimeout);
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                await body.CopyToAsync(target, cancellationToken);
                if (response.Content.Headers.ContentLength is { } expected && expected != target.Length)
                    throw new HttpIOException(HttpRequestError.ResponseEnded, "the file ended early");
                await target.FlushAsync(cancellationToken);
                target.Position = 0;
                return target.Length;
            }
            catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= settings.HttpAttempts)
                    throw new CollectorFailure($"The download of {what} was cut off after {target.Length:N0} bytes, {attempt} times; nothing of it was imported.", passing: true);
                logger.LogInformation("The download of {What} was cut off; starting it again", what);
                await Task.Delay(TimeSpan.FromSeconds(settings.HttpRetryDelaySeconds * Math.Pow(2, attempt - 1)), cancellationToken);
            }
        }
    }

    /// <summary>Reads a JSON answer; an answer that is not JSON is a changed answer.</summary>
    public static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, string vendor, string what, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            throw Changed(vendor, what, "it is not JSON");
        }
    }

    /// <summary>The vendor's answer no longer has the shape its documentation gives.</summary>
    public static CollectorFailure Changed(string vendor, string what, string detail) =>
        new($"{vendor}'s answer to {what} is not in the documented shape ({detail}); nothing was imported from it. The vendor may have changed its API: please report this.");

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retry) return null;
        if (retry.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (retry.Date is { } date) return date - DateTimeOffset.UtcNow is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero;
        return null;
    }

    private static string NetworkProblem(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => "its host name could not be resolved",
        HttpRequestError.ConnectionError => "the connection failed",
        HttpRequestError.SecureConnectionError => "the TLS connection failed",
        HttpRequestError.ResponseEnded => "the answer ended early",
        _ => "a network error",
    };

    public void Dispose() => _client.Dispose();
}
