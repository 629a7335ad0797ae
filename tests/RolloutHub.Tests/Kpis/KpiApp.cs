using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RolloutHub.Api.Features.Kpis;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Kpis;

/// <summary>A clock whose "today" the test chooses: which periods exist depends on it.</summary>
public sealed class TestClock(DateOnly today) : TimeProvider
{
    public DateOnly Today { get; set; } = today;
    public override DateTimeOffset GetUtcNow() => new(Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
}

/// <summary>
/// The real service on a fresh SQLite file, like <see cref="TestApp"/>, with a chosen today and
/// the automatic (debounced) KPI runs pushed out of the way unless a test asks for them.
/// </summary>
public sealed class KpiApp : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database;
    private readonly bool _ownsDatabase;
    private readonly Action<IServiceCollection>? _services;
    private readonly Dictionary<string, string?> _settings;

    /// <param name="today">The KPIs' today.</param>
    /// <param name="settings">Configuration over the defaults.</param>
    /// <param name="database">A database shared with another app (a restart); its owner disposes it.</param>
    /// <param name="services">Test services, e.g. a behaviour that makes runs fail.</param>
    public KpiApp(DateOnly today, IDictionary<string, string?>? settings = null, TestDatabase? database = null,
        Action<IServiceCollection>? services = null)
    {
        _database = database ?? TestDatabase.Create();
        _ownsDatabase = database is null;
        _services = services;
        Clock = new TestClock(today);
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = _database.Provider,
            ["ConnectionStrings:RolloutHub"] = _database.ConnectionString,
            ["ROLLOUTHUB_ADMIN_TOKEN"] = TestApp.AdminToken,
            ["Dashboard:Path"] = "/nonexistent",
            ["Kpis:DebounceSeconds"] = "100000",
            ["Kpis:MaxDelaySeconds"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

    public TestClock Clock { get; }
    public string ConnectionString => _database.ConnectionString;
    public TestDatabase Database => _database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(_settings));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<KpiToday>();
            services.AddSingleton(new KpiToday(Clock));
            _services?.Invoke(services);
        });
    }

    public HttpClient Admin() => As(TestApp.AdminToken);

    public HttpClient As(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<HttpClient> AsRole(string role, params string[] departmentCodes)
    {
        var response = await Admin().PostAsJsonAsync("/api/v1/tokens", new { name = $"test {role}", role, departmentCodes });
        response.EnsureSuccessStatusCode();
        var issued = await response.Content.ReadFromJsonAsync<JsonElement>();
        return As(issued.GetProperty("token").GetString()!);
    }

    public async Task ImportOkAsync(string kind, string csv)
    {
        var response = await Admin().PostAsync($"/api/v1/imports/{kind}", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"import {kind}: {(int)response.StatusCode} {body}");
    }

    /// <summary>POST /kpis/recompute and follow the run until it ends; returns the finished run.</summary>
    public async Task<JsonElement> RecomputeAsync(bool full = false)
    {
        var admin = Admin();
        var accepted = await (await admin.PostAsync($"/api/v1/kpis/recompute{(full ? "?full=true" : "")}", null)).ReadJsonAsync(HttpStatusCode.Accepted);
        var runId = accepted.Str("runId")!;
        return await WaitForRunAsync(runId);
    }

    /// <summary>Follows a run until it leaves queued/running (a generous bound so a stuck run fails the test rather than hanging it).</summary>
    public async Task<JsonElement> WaitForRunAsync(string runId)
    {
        var admin = Admin();
        for (var i = 0; i < 600; i++)
        {
            var run = await (await admin.GetAsync($"/api/v1/job-runs/{runId}")).ReadJsonAsync(HttpStatusCode.OK);
            if (run.Str("status") is "succeeded" or "failed") return run;
            await Task.Delay(100);
        }
        throw new TimeoutException($"run {runId} did not finish");
    }

    public async Task<JsonElement> GetAsync(string url, HttpClient? client = null) =>
        await (await (client ?? Admin()).GetAsync(url)).ReadJsonAsync(HttpStatusCode.OK);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase) _database.Dispose();
    }
}

public static class KpiJson
{
    /// <summary>The period labelled <paramref name="label"/> in a "periods" array.</summary>
    public static JsonElement Period(this JsonElement owner, string label) =>
        owner.GetProperty("periods").EnumerateArray().Single(p => p.Str("period") == label);

    public static JsonElement Department(this JsonElement kpis, string code) =>
        kpis.GetProperty("departments").EnumerateArray().Single(d => d.Str("code") == code);

    public static double? Num(this JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDouble();

    public static long? Long(this JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetInt64();

    public static bool IsNull(this JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null;
}
