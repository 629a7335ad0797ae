using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using RolloutHub.Api.Data;

namespace RolloutHub.Api.Features.Alerts;

/// <summary>
/// Drains the alert outbox to <c>Alerts:WebhookUrl</c>: each notification is POSTed as JSON; a
/// failure (no answer, timeout, non-2xx) is retried after RetryBaseDelay × 2^(attempts − 1), at
/// most RetryMaxDelay, until MaxAttempts. It runs beside the jobs, never inside them: an
/// evaluation only writes rows. Several API instances may run it: a row is claimed (its next
/// attempt pushed past the timeout) before it is sent, so two instances do not send it at once.
/// Receivers get <c>X-RolloutHub-Delivery</c> (the notification id) to recognise a repeat.
/// </summary>
public sealed class AlertWebhookDelivery(Db db, IHttpClientFactory http, IOptionsMonitor<AlertOptions> options, AlertOutboxSignal signal,
    TimeProvider time, ILogger<AlertWebhookDelivery> logger) : BackgroundService
{
    public const string HttpClientName = "alerts-webhook";

    private sealed record Pending
    {
        public long Id { get; init; }
        public required string Payload { get; init; }
        public long Attempts { get; init; }
        public required string NextAttemptAt { get; init; }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.CurrentValue.PollInterval;
            try
            {
                wait = await DeliverDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Alert webhook delivery failed; retrying later");
            }
            try
            {
                await signal.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends what is due; returns how long to wait before looking again.</summary>
    public async Task<TimeSpan> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(settings.WebhookUrl)) return settings.PollInterval;
        await using var connection = await db.OpenAsync(cancellationToken);
        var due = (await connection.QueryAsync<Pending>($"""
            SELECT id, payload, attempts, next_attempt_at FROM alert_notifications
            WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= @now
            ORDER BY id
            {db.Dialect.Limit("@take")}
            """, new { now = time.GetUtcNow(), take = 50 })).ToList();
        foreach (var notification in due)
        {
            if (!await ClaimAsync(connection, notification, settings, cancellationToken)) continue;
            var error = await SendAsync(settings, notification, cancellationToken);
            var attempts = notification.Attempts + 1;
            var now = time.GetUtcNow();
            using (await db.EnterWriteAsync(cancellationToken))
            {
                if (error is null)
                    await connection.ExecuteAsync(
                        "UPDATE alert_notifications SET attempts = @attempts, delivered_at = @now, last_error = NULL WHERE id = @id",
                        new { attempts, now, id = notification.Id });
                else if (attempts >= settings.MaxAttempts)
                    await connection.ExecuteAsync(
                        "UPDATE alert_notifications SET attempts = @attempts, failed_at = @now, last_error = @error WHERE id = @id",
                        new { attempts, now, error, id = notification.Id });
                else
                    await connection.ExecuteAsync(
                        "UPDATE alert_notifications SET attempts = @attempts, next_attempt_at = @next, last_error = @error WHERE id = @id",
                        new { attempts, next = now + Backoff(settings, attempts), error, id = notification.Id });
            }
            if (error is not null)
                logger.LogInformation("Alert notification {Id} not delivered (attempt {Attempt}): {Error}", notification.Id, attempts, error);
        }

        var next = await connection.ExecuteScalarAsync<string?>(
            "SELECT MIN(next_attempt_at) FROM alert_notifications WHERE delivered_at IS NULL AND failed_at IS NULL");
        if (next is null) return settings.PollInterval;
        var untilNext = DateTimeOffset.Parse(next, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) - time.GetUtcNow();
        return untilNext < TimeSpan.Zero ? TimeSpan.Zero : untilNext < settings.PollInterval ? untilNext : settings.PollInterval;
    }

    public static TimeSpan Backoff(AlertOptions settings, long attempts)
    {
        var delay = settings.RetryBaseDelay * Math.Pow(2, Math.Min(attempts - 1, 30));
        return delay < settings.RetryMaxDelay ? delay : settings.RetryMaxDelay;
    }

    // The claim moves the next attempt past the send's timeout: if this instance dies mid-send,
    // another one retries after it; if another instance claimed it first, nothing changes here.
    private async Task<bool> ClaimAsync(System.Data.Common.DbConnection connection, Pending notification, AlertOptions settings, CancellationToken cancellationToken)
    {
        using (await db.EnterWriteAsync(cancellationToken))
            return await connection.ExecuteAsync("""
                UPDATE alert_notifications SET next_attempt_at = @lease
                WHERE id = @id AND next_attempt_at = @seen AND delivered_at IS NULL AND failed_at IS NULL
                """, new { lease = time.GetUtcNow() + settings.Timeout + TimeSpan.FromSeconds(30), id = notification.Id, seen = notification.NextAttemptAt }) == 1;
    }

    private async Task<string?> SendAsync(AlertOptions settings, Pending notification, CancellationToken cancellationToken)
    {
        try
        {
            using var client = http.CreateClient(HttpClientName);
            client.Timeout = settings.Timeout;
            using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl)
            {
                Content = new StringContent(notification.Payload, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-RolloutHub-Delivery", notification.Id.ToString(CultureInfo.InvariantCulture));
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("RolloutHub", "1"));
            using var response = await client.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }
}
