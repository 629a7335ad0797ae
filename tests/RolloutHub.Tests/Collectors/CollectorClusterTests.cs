using Dapper;
using RolloutHub.Tests.Support;
using static RolloutHub.Tests.Collectors.VendorFiles;

namespace RolloutHub.Tests.Collectors;

/// <summary>A fact that needs a PostgreSQL server (ROLLOUTHUB_TEST_POSTGRES), and says so when skipped.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)))
            Skip = "no PostgreSQL server available: set ROLLOUTHUB_TEST_POSTGRES";
    }
}

/// <summary>Two API instances on one PostgreSQL database form one Quartz cluster: each scheduled fire of a collector runs once.</summary>
public sealed class CollectorClusterTests
{
    [PostgresFact]
    public async Task A_scheduled_collector_runs_once_per_fire_across_two_instances()
    {
        await using var vendors = await FakeVendors.StartAsync();
        vendors.GitHubFiles[Day(3)] = [GitHubRecord("octo-s1", Day(3), "code_completion", 4) + "\n"];
        vendors.GitHubFiles[Day(2)] = [GitHubRecord("octo-h1", Day(2), "code_completion", 2) + "\n"];
        vendors.GitHubFiles[Day(1)] = [GitHubRecord("octo-s2", Day(1), "code_completion", 1) + "\n"];
        using var database = TestDatabase.Postgres(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)!);
        Dictionary<string, string> Node(string id) => new()
        {
            ["Quartz__InstanceId"] = id,
            ["Kpis__DebounceSeconds"] = "100000", ["Kpis__MaxDelaySeconds"] = "100000",
            ["Collectors__GitHub__Enabled"] = "true",
            ["Collectors__GitHub__Schedule"] = "0/2 * * * * ?",
            ["Collectors__GitHub__BaseUrl"] = vendors.BaseUrl,
            ["Collectors__GitHub__Organization"] = FakeVendors.Organization,
            ["Collectors__GitHub__Token"] = FakeVendors.GitHubToken,
            ["Collectors__BackfillDays"] = "3", ["Collectors__RefetchDays"] = "3",
        };

        await using (var first = await ApiProcess.StartAsync("postgres", database.ConnectionString, Node("node-a")))
        await using (var second = await ApiProcess.StartAsync("postgres", database.ConnectionString, Node("node-b")))
        {
            await ImportWorldAsync(first.Client);
            await Task.Delay(TimeSpan.FromSeconds(14));
        }

        await using var connection = await database.OpenAsync();
        var runs = (await connection.QueryAsync<(string RequestedAt, string Status)>(
            "SELECT requested_at, status FROM job_runs WHERE job = 'collector-github' AND reason = 'schedule'")).ToList();
        Assert.True(runs.Count >= 3, $"only {runs.Count} scheduled runs in 14 s");
        // Each fire time gives exactly one run, whichever instance took it.
        Assert.Equal(runs.Count, runs.Select(r => r.RequestedAt).Distinct().Count());
        Assert.True(runs.Count(r => r.Status == "succeeded") >= runs.Count - 1, string.Join(", ", runs));
        Assert.True(vendors.Hits("github-links") <= 3 * runs.Count);
        Assert.Equal(3L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM collector_days WHERE collector = 'github'"));
    }

    private static async Task ImportWorldAsync(HttpClient client)
    {
        foreach (var (kind, csv) in new[] { ("departments", World.Departments), ("employees", World.Employees), ("use-cases", World.UseCases) })
        {
            var response = await client.PostAsync($"/api/v1/imports/{kind}", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }
}
