using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Collectors;

/// <summary>Every log line of the app, at every level, to look for secrets in.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    public string Text => string.Join("\n", _lines);
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);
    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}

/// <summary>
/// The real service on a database of its own, its collectors pointed at <see cref="FakeVendors"/>
/// through their base-URL settings, with the automatic KPI runs pushed out of the way.
/// </summary>
public sealed class CollectorApp : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database;
    private readonly Dictionary<string, string?> _settings;

    public CollectorApp(FakeVendors? vendors, IDictionary<string, string?>? settings = null)
    {
        _database = TestDatabase.Create();
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = _database.Provider,
            ["ConnectionStrings:RolloutHub"] = _database.ConnectionString,
            ["ROLLOUTHUB_ADMIN_TOKEN"] = TestApp.AdminToken,
            ["Dashboard:Path"] = "/nonexistent",
            ["Kpis:DebounceSeconds"] = "100000",
            ["Kpis:MaxDelaySeconds"] = "100000",
            ["Collectors:BackfillDays"] = "3",
            ["Collectors:RefetchDays"] = "3",
            ["Collectors:HttpRetryDelaySeconds"] = "0.05",
            ["Collectors:RetryDelaySeconds"] = "0.2",
            ["Collectors:MaxRetries"] = "0",
            ["Collectors:Microsoft:AuditPollSeconds"] = "0.05",
        };
        if (vendors is not null)
        {
            _settings["Collectors:GitHub:BaseUrl"] = vendors.BaseUrl;
            _settings["Collectors:GitHub:Organization"] = FakeVendors.Organization;
            _settings["Collectors:GitHub:Token"] = FakeVendors.GitHubToken;
            _settings["Collectors:Microsoft:GraphBaseUrl"] = vendors.BaseUrl;
            _settings["Collectors:Microsoft:LoginBaseUrl"] = vendors.BaseUrl;
            _settings["Collectors:Microsoft:TenantId"] = FakeVendors.TenantId;
            _settings["Collectors:Microsoft:ClientId"] = FakeVendors.ClientId;
            _settings["Collectors:Microsoft:ClientSecret"] = FakeVendors.ClientSecret;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
    }

    public HttpClient Admin()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestApp.AdminToken);
        return client;
    }

    public async Task<JsonElement> GetAsync(string url)
    {
        var response = await Admin().GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public async Task<string> ImportOkAsync(string kind, string csv)
    {
        var response = await Admin().PostAsync($"/api/v1/imports/{kind}", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"import {kind}: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>Imports a tool's file by hand, as an admin uploads it.</summary>
    public async Task<JsonElement> UploadSourceAsync(string source, string content, string mediaType, string query = "")
    {
        var body = new StringContent(content, System.Text.Encoding.UTF8);
        body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        var response = await Admin().PostAsync($"/api/v1/imports/sources/{source}{query}", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"upload {source}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>The World organisation, with e-mail addresses and GitHub logins to match the vendors' users.</summary>
    public async Task LoadWorldAsync()
    {
        await ImportOkAsync("departments", World.Departments);
        await ImportOkAsync("employees", World.Employees);
        await ImportOkAsync("use-cases", World.UseCases);
        await using var connection = await _database.OpenAsync();
        await connection.ExecuteAsync("UPDATE employees SET email = LOWER(employee_key) || '@contoso.com'");
        await connection.ExecuteAsync("""
            INSERT INTO identities (system, external_id, employee_key) VALUES
              ('github', 'octo-s1', 'S1'), ('github', 'octo-s2', 'S2'), ('github', 'octo-h1', 'H1')
            """);
    }

    public async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var connection = await _database.OpenAsync();
        return (await connection.QueryAsync<T>(sql)).ToList();
    }

    /// <summary>Asks for a run of the collector now and waits until it has finished.</summary>
    public async Task<JsonElement> RunAsync(string collector)
    {
        var response = await Admin().PostAsync($"/api/v1/collectors/{collector}/run", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 202, $"run {collector}: {(int)response.StatusCode} {body}");
        return await WaitForRunAsync(JsonDocument.Parse(body).RootElement.GetProperty("runId").GetString()!);
    }

    public async Task<JsonElement> WaitForRunAsync(string runId)
    {
        for (var i = 0; i < 600; i++)
        {
            var run = await GetAsync($"/api/v1/job-runs/{runId}");
            if (run.Str("status") is "succeeded" or "failed") return run;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Run {runId} did not finish in 60 s.");
    }

    public async Task<JsonElement> CollectorAsync(string name) =>
        (await GetAsync("/api/v1/collectors")).EnumerateArray().Single(c => c.Str("name") == name);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }
}
