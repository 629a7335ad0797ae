using System.Net;
using System.Net.Http.Json;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Security;

/// <summary>SQLite under pressure: parallel writers on one file, every write accounted for.</summary>
public sealed class ConcurrencyTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public async Task InitializeAsync() => await World.LoadAsync(_app);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Fifty_parallel_writers_lose_nothing_and_never_answer_500()
    {
        const int writers = 50, eventsEach = 20;
        var champion = await _app.AsRole("champion", "SALES");
        var admin = _app.Admin();

        var logging = Enumerable.Range(0, writers).Select(async w =>
        {
            var client = w % 2 == 0 ? champion : admin;
            var events = Enumerable.Range(0, eventsEach).Select(i => new
            {
                eventId = $"w{w}-e{i}", occurredOn = new DateOnly(2026, 1, 5).AddDays(i % 14), employeeKey = i % 2 == 0 ? "S1" : "S2",
                useCaseCode = "MAIL", uses = 1 + i % 3,
            });
            return await client.PostAsJsonAsync("/api/v1/usage-events", new { events });
        });
        // An import and outcome reports compete for the same write lock meanwhile.
        var import = _app.ImportAsync("usage-events", "event_id,occurred_on,employee_key,use_case_code,uses\n" +
            string.Concat(Enumerable.Range(0, 2000).Select(i => $"imp-{i},2026-02-{1 + i % 28:D2},S1,QUOTE,1\n")));
        var outcomes = Enumerable.Range(0, 10).Select(i => admin.PostAsJsonAsync("/api/v1/outcomes",
            new { reportId = $"o{i}", occurredOn = "2026-01-10", departmentCode = "SALES", ticketsAvoided = i, employeesHelped = 1 }));

        var responses = await Task.WhenAll(logging.Concat(outcomes).Append(import));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));

        var events = await (await admin.GetAsync("/api/v1/usage-events?limit=5000")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(writers * eventsEach + 2000, events.GetProperty("items").GetArrayLength());
        var reports = await (await admin.GetAsync("/api/v1/outcomes?limit=5000")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(10, reports.GetProperty("items").GetArrayLength());
    }
}
