namespace RolloutHub.Tests.Kpis;

/// <summary>
/// The KPI reads keep their JSON per query and snapshot version: a kept answer is served only
/// while it is exactly what a fresh read would give.
/// </summary>
public sealed class KpiResponseCacheTests
{
    private const string Url = "/api/v1/kpis/departments?grain=week&from=2026-01-12&to=2026-01-12";

    private static async Task<KpiApp> WorldAsync()
    {
        var app = new KpiApp(new DateOnly(2026, 1, 25));
        await app.ImportOkAsync("departments", "code,name\nSALES,Sales\n");
        await app.ImportOkAsync("employees", "employee_key,department_code,joined_on\nS1,SALES,2026-01-01\nS2,SALES,2026-01-01\n");
        await app.ImportOkAsync("use-cases", "code,title,category,status,minutes_saved_per_use\nMAIL,Mail,writing,production,6\n");
        await app.ImportOkAsync("usage-events", "event_id,occurred_on,employee_key,use_case_code,uses\ne1,2026-01-13,S1,MAIL,1\n");
        await app.RecomputeAsync();
        return app;
    }

    [Fact]
    public async Task The_same_query_answers_each_role_with_its_own_privacy()
    {
        await using var app = await WorldAsync();
        var executive = await app.AsRole("executive");
        for (var i = 0; i < 2; i++) // the second round is served from what the first kept
        {
            var admin = (await app.GetAsync(Url)).Department("SALES").Period("2026-W03");
            Assert.False(admin.GetProperty("suppressed").GetBoolean());
            Assert.Equal(1, admin.Long("activeEmployees"));

            var hidden = (await app.GetAsync(Url, executive)).Department("SALES").Period("2026-W03");
            Assert.True(hidden.GetProperty("suppressed").GetBoolean());
            Assert.True(hidden.IsNull("activeEmployees"));
        }
    }

    [Fact]
    public async Task A_change_without_a_new_run_shows_at_once_in_names_and_stale()
    {
        await using var app = await WorldAsync();
        var before = await app.GetAsync(Url);
        Assert.False(before.GetProperty("stale").GetBoolean());
        Assert.Equal("Sales", before.Department("SALES").GetProperty("name").GetString());

        await app.ImportOkAsync("departments", "code,name\nSALES,Ventes\n");
        var after = await app.GetAsync(Url);
        Assert.True(after.GetProperty("stale").GetBoolean());
        Assert.Equal("Ventes", after.Department("SALES").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_bad_query_is_refused_every_time()
    {
        await using var app = await WorldAsync();
        for (var i = 0; i < 2; i++)
        {
            var response = await app.Admin().GetAsync("/api/v1/kpis?grain=fortnight");
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_browser_asking_for_gzip_gets_the_same_answer_compressed()
    {
        await using var app = await WorldAsync();
        var client = app.Admin();
        var plain = await (await client.GetAsync(Url)).Content.ReadAsByteArrayAsync();
        for (var i = 0; i < 2; i++) // computed, then kept
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Url);
            request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
            using var response = await client.SendAsync(request);
            Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            await using var gzip = new System.IO.Compression.GZipStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
            using var unzipped = new MemoryStream();
            await gzip.CopyToAsync(unzipped);
            Assert.Equal(plain, unzipped.ToArray());
        }
    }
}
