using System.Text.Json;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using RolloutHub.Api.Features.Kpis;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Kpis;

/// <summary>Failed runs keep their error and are retried a bounded number of times; queued triggers survive a restart.</summary>
public sealed class RetryAndRestartTests
{
    /// <summary>Makes the first <c>failures</c> KPI runs of the app throw, before they write anything.</summary>
    private sealed class FailingRuns(int failures)
    {
        private int _calls;
        public bool NextFails() => Interlocked.Increment(ref _calls) <= failures;
    }

    private sealed class FailingBehavior(FailingRuns runs) : IPipelineBehavior<RecomputeKpis, RecomputeOutcome>
    {
        public Task<RecomputeOutcome> Handle(RecomputeKpis request, CancellationToken cancellationToken, RequestHandlerDelegate<RecomputeOutcome> next) =>
            runs.NextFails() ? throw new InvalidOperationException("injected failure") : next();
    }

    private static Action<IServiceCollection> Failing(int failures) => services =>
    {
        services.AddSingleton(new FailingRuns(failures));
        services.AddScoped<IPipelineBehavior<RecomputeKpis, RecomputeOutcome>, FailingBehavior>();
    };

    private static readonly Dictionary<string, string?> QuickRetries = new()
    {
        ["Kpis:MaxRetries"] = "2", ["Kpis:RetryDelaySeconds"] = "0.1",
    };

    private static async Task<JsonElement> RetryAttemptAsync(KpiApp app, string runId, long attempt)
    {
        for (var i = 0; i < 300; i++)
        {
            var retry = (await RetriesOfAsync(app, runId)).FirstOrDefault(r => r.Long("attempt") == attempt);
            if (retry.ValueKind != JsonValueKind.Undefined) return retry;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No retry attempt {attempt} of run {runId} within 30 s.");
    }

    private static async Task<List<JsonElement>> RetriesOfAsync(KpiApp app, string runId) =>
        (await app.GetAsync("/api/v1/job-runs?job=kpis")).GetProperty("items").EnumerateArray()
        .Where(r => r.Str("retryOf") == runId).OrderBy(r => r.Long("attempt")).ToList();

    [Fact]
    public async Task A_failed_run_keeps_its_error_and_a_retry_succeeds()
    {
        await using var app = new KpiApp(new DateOnly(2026, 1, 25), QuickRetries, services: Failing(2));
        var first = await app.RecomputeAsync();
        Assert.Equal("failed", first.Str("status"));
        Assert.Equal("InvalidOperationException: injected failure", first.Str("error"));
        Assert.False(first.IsNull("finishedAt"));

        // Retries follow each other 0.1 s apart: wait for each attempt rather than assume how far they got.
        var second = await app.WaitForRunAsync((await RetryAttemptAsync(app, first.Str("runId")!, 2)).Str("runId")!);
        Assert.Equal("failed", second.Str("status"));
        var third = await app.WaitForRunAsync((await RetryAttemptAsync(app, first.Str("runId")!, 3)).Str("runId")!);
        Assert.Equal("succeeded", third.Str("status"));
        var attempts = (await RetriesOfAsync(app, first.Str("runId")!)).Select(r => r.Long("attempt")!.Value).ToArray();
        Assert.Equal(new long[] { 2, 3 }, attempts);
        Assert.Equal("retry", third.Str("reason"));
        Assert.False((await app.GetAsync("/api/v1/kpis")).GetProperty("stale").GetBoolean());
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_number()
    {
        await using var app = new KpiApp(new DateOnly(2026, 1, 25), QuickRetries, services: Failing(100));
        var first = await app.RecomputeAsync();
        var retries = await RetriesOfAsync(app, first.Str("runId")!);
        await app.WaitForRunAsync(retries[0].Str("runId")!);
        retries = await RetriesOfAsync(app, first.Str("runId")!);
        var last = await app.WaitForRunAsync(retries[^1].Str("runId")!);
        Assert.Equal("failed", last.Str("status"));
        Assert.Equal(3, last.Long("attempt"));
        // A further retry would have been queued before the last run was marked failed.
        Assert.Equal(2, (await RetriesOfAsync(app, first.Str("runId")!)).Count);
        Assert.True((await app.GetAsync("/api/v1/kpis")).GetProperty("stale").GetBoolean());
    }

    [Fact]
    public async Task A_retry_scheduled_before_a_restart_runs_after_it()
    {
        using var database = TestDatabase.Create();
        string retryId;
        await using (var before = new KpiApp(new DateOnly(2026, 1, 25),
                         new Dictionary<string, string?> { ["Kpis:MaxRetries"] = "1", ["Kpis:RetryDelaySeconds"] = "2" },
                         database, Failing(1)))
        {
            await before.ImportOkAsync("departments", "code,name\nSALES,Sales\n");
            var first = await before.RecomputeAsync();
            Assert.Equal("failed", first.Str("status"));
            var retry = Assert.Single(await RetriesOfAsync(before, first.Str("runId")!));
            Assert.Equal("queued", retry.Str("status"));
            retryId = retry.Str("runId")!;
        } // stopped before the retry's trigger fires

        await using var after = new KpiApp(new DateOnly(2026, 1, 25), database: database);
        var run = await after.WaitForRunAsync(retryId);
        Assert.Equal("succeeded", run.Str("status"));
        Assert.Equal(2, run.Long("attempt"));
    }

    [Fact]
    public async Task The_nightly_trigger_is_kept_across_restarts_and_follows_a_changed_cron()
    {
        using var database = TestDatabase.Create();
        await using (var first = new KpiApp(new DateOnly(2026, 1, 25), new Dictionary<string, string?> { ["Kpis:NightlyCron"] = "0 0 3 * * ?" }, database))
        {
            _ = first.CreateClient();
            Assert.Equal("0 0 3 * * ?", await NightlyCronAsync(database));
        }
        await using var second = new KpiApp(new DateOnly(2026, 1, 25), new Dictionary<string, string?> { ["Kpis:NightlyCron"] = "0 30 4 * * ?" }, database);
        _ = second.CreateClient();
        for (var i = 0; i < 300 && await NightlyCronAsync(database) != "0 30 4 * * ?"; i++) await Task.Delay(100);
        Assert.Equal("0 30 4 * * ?", await NightlyCronAsync(database));
    }

    [Fact]
    public async Task A_nightly_run_missed_while_the_service_was_down_runs_once_at_start()
    {
        using var database = TestDatabase.Create();
        await using (var first = new KpiApp(new DateOnly(2026, 1, 25), database: database))
        {
            _ = first.CreateClient();
            for (var i = 0; i < 300 && await NightlyCronAsync(database) is null; i++) await Task.Delay(100);
            Assert.Empty(await NightlyRunsAsync(first));
        }
        // The service was down over last night's fire time: two hours ago, well past Quartz's misfire threshold.
        await using (var connection = await database.OpenAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE QRTZ_TRIGGERS SET NEXT_FIRE_TIME = @past WHERE TRIGGER_NAME = 'kpis-nightly'";
            var past = command.CreateParameter();
            past.ParameterName = "@past";
            past.Value = DateTimeOffset.UtcNow.AddHours(-2).UtcTicks;
            command.Parameters.Add(past);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        await using var second = new KpiApp(new DateOnly(2026, 1, 25), database: database);
        _ = second.CreateClient();
        List<JsonElement> nightly = [];
        for (var i = 0; i < 300 && nightly.Count == 0; i++)
        {
            await Task.Delay(100);
            nightly = await NightlyRunsAsync(second);
        }
        var run = await second.WaitForRunAsync(Assert.Single(nightly).Str("runId")!);
        Assert.Equal(("succeeded", true), (run.Str("status"), run.GetProperty("fullRecompute").GetBoolean()));
        // Fired once for the missed night, then back on its schedule (the next fire is ahead).
        await Task.Delay(1_000);
        Assert.Single(await NightlyRunsAsync(second));
    }

    private static async Task<List<JsonElement>> NightlyRunsAsync(KpiApp app) =>
        (await app.GetAsync("/api/v1/job-runs?job=kpis")).GetProperty("items").EnumerateArray()
        .Where(r => r.Str("reason") == "nightly").ToList();

    private static async Task<string?> NightlyCronAsync(TestDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT CRON_EXPRESSION FROM QRTZ_CRON_TRIGGERS WHERE TRIGGER_NAME = 'kpis-nightly'";
        return (string?)await command.ExecuteScalarAsync();
    }
}
