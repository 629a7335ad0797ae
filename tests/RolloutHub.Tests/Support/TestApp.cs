using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace RolloutHub.Tests.Support;

/// <summary>
/// The real service on a real database of its own: a fresh SQLite file per test (or, with
/// ROLLOUTHUB_TEST_PROVIDER, a fresh PostgreSQL or SQL Server database). Nothing is mocked.
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    public const string AdminToken = "test-admin-token";

    private readonly TestDatabase _database;
    private readonly Dictionary<string, string?> _settings;

    public TestApp(TestDatabase? database = null, IDictionary<string, string?>? settings = null)
    {
        _database = database ?? TestDatabase.Create();
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = _database.Provider,
            ["ConnectionStrings:RolloutHub"] = _database.ConnectionString,
            ["ROLLOUTHUB_ADMIN_TOKEN"] = AdminToken,
            ["Dashboard:Path"] = "/nonexistent",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

    public TestDatabase Database => _database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(_settings));
    }

    public HttpClient Admin() => As(AdminToken);

    public HttpClient Anonymous() => CreateClient();

    public HttpClient As(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Issues a token through the API and returns a client that uses it.</summary>
    public async Task<HttpClient> AsRole(string role, params string[] departmentCodes)
    {
        var response = await Admin().PostAsJsonAsync("/api/v1/tokens",
            new { name = $"test {role}", role, departmentCodes });
        response.EnsureSuccessStatusCode();
        var issued = await response.Content.ReadFromJsonAsync<JsonElement>();
        return As(issued.GetProperty("token").GetString()!);
    }

    public async Task<HttpResponseMessage> ImportAsync(string kind, string csv, bool dryRun = false, HttpClient? client = null)
    {
        var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        return await (client ?? Admin()).PostAsync($"/api/v1/imports/{kind}{(dryRun ? "?dryRun=true" : "")}", content);
    }

    /// <summary>Imports and fails the test with the server's answer when the import is refused.</summary>
    public async Task<JsonElement> ImportOkAsync(string kind, string csv)
    {
        var response = await ImportAsync(kind, csv);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"import {kind}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }
}
