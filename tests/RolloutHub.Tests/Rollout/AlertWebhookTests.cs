using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Rollout;

/// <summary>A webhook receiver on 127.0.0.1 that refuses the first <c>failures</c> deliveries.</summary>
public sealed class WebhookReceiver(int failures) : IAsyncDisposable
{
    private WebApplication? _app;
    private int _calls;

    public sealed record Call(TimeSpan At, int Status, string? DeliveryId, JsonElement Body);

    public ConcurrentQueue<Call> Calls { get; } = new();
    public string Url { get; private set; } = "";
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpRequest request) =>
        {
            var body = await JsonDocument.ParseAsync(request.Body);
            var status = Interlocked.Increment(ref _calls) <= failures ? 500 : 200;
            Calls.Enqueue(new Call(_clock.Elapsed, status, request.Headers["X-RolloutHub-Delivery"], body.RootElement.Clone()));
            return Results.StatusCode(status);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = address + "/hook";
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

public sealed class AlertWebhookTests
{
    [Fact]
    public async Task A_raised_alert_is_posted_to_the_webhook_and_retried_with_back_off_until_the_receiver_accepts()
    {
        await using var receiver = new WebhookReceiver(failures: 2);
        await receiver.StartAsync();
        await using var app = RolloutWorld.App(new Dictionary<string, string?>
        {
            ["Alerts:WebhookUrl"] = receiver.Url, ["Alerts:RetryBaseDelay"] = "00:00:00.300", ["Alerts:PollInterval"] = "00:00:00.100",
        });
        await app.DepartmentsAsync("OPS");
        await app.UseCaseAsync("OLD", reviewEveryDays: 30, lastReviewedOn: "2020-01-01", owner: "Paul");

        var evaluation = await app.Admin().PostOkAsync("/api/v1/alerts/evaluate");
        Assert.Equal((1, 1), (evaluation.Int("raised"), evaluation.Int("notificationsQueued")));

        var admin = app.Admin();
        JsonElement delivery = default;
        for (var i = 0; i < 300; i++)
        {
            delivery = (await admin.GetOkAsync("/api/v1/alerts/deliveries")).GetProperty("items")[0];
            if (delivery.Str("status") != "pending") break;
            await Task.Delay(100);
        }
        Assert.Equal(("delivered", 3), (delivery.Str("status"), delivery.Int("attempts")));

        var calls = receiver.Calls.ToList();
        Assert.Equal([500, 500, 200], calls.Select(c => c.Status).ToList());
        Assert.All(calls, c => Assert.Equal(delivery.GetProperty("id").GetInt64().ToString(), c.DeliveryId));
        // Back-off: 0.3 s, then 0.6 s (at least; the loop may be later, never earlier).
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(280), $"first retry after {calls[1].At - calls[0].At}");
        Assert.True(calls[2].At - calls[1].At >= TimeSpan.FromMilliseconds(580), $"second retry after {calls[2].At - calls[1].At}");

        var body = calls[2].Body;
        Assert.Equal("alert.raised", body.Str("event"));
        Assert.Equal(("use-case-review-overdue", "OLD", "open"),
            (body.GetProperty("alert").Str("rule"), body.GetProperty("alert").Str("subjectKey"), body.GetProperty("alert").Str("status")));
    }

    [Fact]
    public async Task A_resolved_alert_is_posted_too_and_nothing_is_queued_without_a_webhook()
    {
        await using var receiver = new WebhookReceiver(failures: 0);
        await receiver.StartAsync();
        await using var app = RolloutWorld.App(new Dictionary<string, string?>
        {
            ["Alerts:WebhookUrl"] = receiver.Url, ["Alerts:PollInterval"] = "00:00:00.100",
        });
        await app.DepartmentsAsync("OPS");
        await app.UseCaseAsync("OLD", reviewEveryDays: 30, lastReviewedOn: "2020-01-01");
        await app.Admin().PostOkAsync("/api/v1/alerts/evaluate");
        await app.UseCaseAsync("OLD", reviewEveryDays: 30, lastReviewedOn: DateTime.UtcNow.ToString("yyyy-MM-dd"));
        await app.Admin().PostOkAsync("/api/v1/alerts/evaluate");
        for (var i = 0; i < 100 && receiver.Calls.Count < 2; i++) await Task.Delay(100);
        Assert.Equal(["alert.raised", "alert.resolved"], receiver.Calls.Select(c => c.Body.Str("event")!).ToList());
        Assert.Equal("resolved", receiver.Calls.Last().Body.GetProperty("alert").Str("status"));

        await using var silent = RolloutWorld.App();
        await silent.DepartmentsAsync("OPS");
        await silent.UseCaseAsync("OLD", reviewEveryDays: 30, lastReviewedOn: "2020-01-01");
        var evaluation = await silent.Admin().PostOkAsync("/api/v1/alerts/evaluate");
        Assert.Equal((1, 0), (evaluation.Int("raised"), evaluation.Int("notificationsQueued")));
    }
}
