using System.Net;
using System.Text.Json;
using RolloutHub.Tests.Support;
using static RolloutHub.Tests.Collectors.VendorFiles;

namespace RolloutHub.Tests.Collectors;

/// <summary>
/// The collectors read the vendors' APIs (here a local server answering as they document) and
/// import through the same pipeline as an upload: the same files give the same events whichever
/// way they came; failures are explained in plain words and write nothing; secrets show nowhere.
/// </summary>
public sealed class CollectorTests : IAsyncLifetime
{
    private FakeVendors _vendors = null!;

    private const string EventsSql = """
        SELECT event_id, CAST(occurred_on AS TEXT) AS occurred_on, employee_key, use_case_code, CAST(uses AS BIGINT) AS uses
        FROM usage_events ORDER BY event_id
        """;

    public async Task InitializeAsync() => _vendors = await FakeVendors.StartAsync();

    public async Task DisposeAsync() => await _vendors.DisposeAsync();

    private void PublishGitHubDays()
    {
        // Two days published, the second in two files; yesterday not yet (404).
        _vendors.GitHubFiles[Day(3)] = [GitHubRecord("octo-s1", Day(3), "code_completion", 4) + "\n" + GitHubRecord("octo-x", Day(3), "chat_panel_ask_mode", 2) + "\n"];
        _vendors.GitHubFiles[Day(2)] =
        [
            GitHubRecord("octo-s1", Day(2), "chat_panel_ask_mode", 3) + "\n",
            GitHubRecord("octo-h1", Day(2), "code_completion", 5), // no final newline: the files are joined line by line
        ];
    }

    private static Task<List<(string EventId, string OccurredOn, string EmployeeKey, string UseCaseCode, long Uses)>> EventsAsync(CollectorApp app) =>
        app.QueryAsync<(string, string, string, string, long)>(EventsSql);

    [Fact]
    public async Task GitHub_reports_arrive_through_the_import_pipeline_with_the_same_events_as_uploading_the_files()
    {
        PublishGitHubDays();
        _vendors.SeatLogins.AddRange(["octo-s2", "octo-h1", "octo-unknown"]);
        await using var app = new CollectorApp(_vendors, new Dictionary<string, string?> { ["Collectors:GitHub:MarkSeats"] = "true" });
        await app.LoadWorldAsync();

        var run = await app.RunAsync("github");
        Assert.True(run.Str("status") == "succeeded", run.GetRawText());
        Assert.Equal("collector-github", run.Str("job"));
        Assert.Equal(3, _vendors.Hits("github-links")); // the last three days, one of them not published yet
        Assert.Equal(3, _vendors.Hits("github-download"));

        await using var byHand = new CollectorApp(null);
        await byHand.LoadWorldAsync();
        foreach (var day in new[] { Day(3), Day(2) })
            await byHand.UploadSourceAsync("github-copilot", string.Join("\n", _vendors.GitHubFiles[day].Select(f => f.TrimEnd('\n'))) + "\n", "application/x-ndjson");
        var collected = await EventsAsync(app);
        Assert.NotEmpty(collected);
        Assert.Equal(await EventsAsync(byHand), collected);
        // Like any import, the collected days are marked for the KPI run that follows changes.
        var dirty = await app.QueryAsync<string>("SELECT CAST(occurred_on AS TEXT) FROM kpi_dirty_dates ORDER BY occurred_on");
        Assert.Contains(Day(3), dirty);
        Assert.Contains(Day(2), dirty);

        // The seats list, two per page: its holders get a seat, nobody loses one (O1's and S1's stay).
        // (One more ask: whether the organisation exists, when yesterday's report answered 404.)
        Assert.Equal(1 + 2, _vendors.Hits("github-seats"));
        var seats = await app.QueryAsync<(string, long?)>("SELECT employee_key, CAST(has_seat AS INTEGER) FROM employees ORDER BY employee_key");
        Assert.Equal([("H1", 1L), ("O1", 1L), ("S1", 1L), ("S2", 1L)], seats.Select(s => (s.Item1, s.Item2)).ToArray());

        var state = await app.CollectorAsync("github");
        Assert.Equal("github-copilot", state.Str("source"));
        Assert.True(state.GetProperty("configured").GetBoolean());
        Assert.False(state.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, state.GetProperty("nextRunAt").ValueKind);
        Assert.Equal(run.Str("runId"), state.GetProperty("lastRun").Str("runId"));
        Assert.Equal("succeeded", state.GetProperty("lastRun").Str("status"));
        Assert.Equal(JsonValueKind.Null, state.GetProperty("lastError").ValueKind);
        var held = state.GetProperty("daysHeld");
        Assert.Equal((Day(3), Day(2), 2), (held.Str("firstDate"), held.Str("lastDate"), held.GetProperty("days").GetInt32()));

        // The next run fetches the last three days again, yesterday's now published too: the same events are not doubled.
        _vendors.GitHubFiles[Day(1)] = [GitHubRecord("octo-s2", Day(1), "code_completion", 1) + "\n"];
        Assert.Equal("succeeded", (await app.RunAsync("github")).Str("status"));
        Assert.Equal(collected.Count + 1, (await EventsAsync(app)).Count);
        Assert.Equal(3, (await app.CollectorAsync("github")).GetProperty("daysHeld").GetProperty("days").GetInt32());
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_out_and_the_run_succeeds()
    {
        PublishGitHubDays();
        _vendors.TooManyRequests = 1;
        await using var app = new CollectorApp(_vendors);
        await app.LoadWorldAsync();
        var run = await app.RunAsync("github");
        Assert.True(run.Str("status") == "succeeded", run.GetRawText());
        Assert.Equal(1, _vendors.Hits("github-429"));
        Assert.True(DateTimeOffset.Parse(run.Str("finishedAt")!) - DateTimeOffset.Parse(run.Str("startedAt")!) >= TimeSpan.FromSeconds(0.9));
        Assert.NotEmpty(await EventsAsync(app));
    }

    [Fact]
    public async Task A_refused_token_fails_the_run_in_plain_words_writes_nothing_and_is_not_retried()
    {
        PublishGitHubDays();
        await using var app = new CollectorApp(_vendors, new Dictionary<string, string?>
        {
            ["Collectors:GitHub:Token"] = "ghp_wrong", ["Collectors:MaxRetries"] = "3",
        });
        await app.LoadWorldAsync();
        var run = await app.RunAsync("github");
        Assert.Equal("failed", run.Str("status"));
        Assert.Equal("GitHub refused the token (401): check Collectors:GitHub:Token.", run.Str("error"));
        Assert.Empty(await EventsAsync(app));
        Assert.Equal("GitHub refused the token (401): check Collectors:GitHub:Token.", (await app.CollectorAsync("github")).Str("lastError"));
        await Task.Delay(500);
        var runs = (await app.GetAsync("/api/v1/job-runs?job=collector-github")).GetProperty("items");
        Assert.Equal(1, runs.GetArrayLength()); // a refusal waits for someone to fix it: no retry
    }

    [Fact]
    public async Task A_download_cut_halfway_imports_nothing_and_the_retry_imports_it()
    {
        PublishGitHubDays();
        _vendors.CutDownloads = 2;
        await using var app = new CollectorApp(_vendors, new Dictionary<string, string?>
        {
            ["Collectors:HttpAttempts"] = "2", ["Collectors:MaxRetries"] = "1", ["Collectors:RetryDelaySeconds"] = "2",
        });
        await app.LoadWorldAsync();
        var first = await app.RunAsync("github");
        Assert.Equal("failed", first.Str("status"));
        Assert.StartsWith($"The download of file 1 of 1 of the users-1-day report of {Day(3)} was cut off", first.Str("error"));
        Assert.DoesNotContain("sig=", first.Str("error"));
        Assert.Empty(await EventsAsync(app));
        Assert.Equal(0, (await app.CollectorAsync("github")).GetProperty("daysHeld").GetProperty("days").GetInt32());

        var retry = (await app.GetAsync("/api/v1/job-runs?job=collector-github")).GetProperty("items").EnumerateArray()
            .Single(r => r.Str("retryOf") == first.Str("runId"));
        var second = await app.WaitForRunAsync(retry.Str("runId")!);
        Assert.True(second.Str("status") == "succeeded", second.GetRawText());
        Assert.Equal(2, second.GetProperty("attempt").GetInt32());
        Assert.Equal(3, (await EventsAsync(app)).Count);
    }

    [Fact]
    public async Task An_answer_in_a_changed_shape_fails_the_run_with_a_clear_error_and_writes_nothing()
    {
        PublishGitHubDays();
        _vendors.ChangedShape = true;
        await using var app = new CollectorApp(_vendors);
        await app.LoadWorldAsync();
        var run = await app.RunAsync("github");
        Assert.Equal("failed", run.Str("status"));
        Assert.Equal($"GitHub's answer to the users-1-day report request of {Day(3)} is not in the documented shape (no download_links array); " +
                     "nothing was imported from it. The vendor may have changed its API: please report this.", run.Str("error"));
        Assert.Empty(await EventsAsync(app));
        Assert.Equal(0, _vendors.Hits("github-download"));
    }

    [Fact]
    public async Task Microsoft_usage_report_and_audit_log_arrive_through_the_import_pipeline_as_the_same_files_uploaded_by_hand()
    {
        _vendors.UsageReportCsv = UsageReport();
        // Three records on one day: two pages. None on another. One unknown user.
        _vendors.AuditRecords[Day(3)] =
        [
            GraphRecord("rec-1", "s1@contoso.com", Day(3), "Word", 2),
            GraphRecord("rec-2", "h1@contoso.com", Day(3), "Teams", 1),
            GraphRecord("rec-3", "nobody@contoso.com", Day(3), "Outlook", 1),
        ];
        _vendors.AuditRecords[Day(1)] = [GraphRecord("rec-4", "S2@Contoso.com", Day(1), "Excel", 3)];
        await using var app = new CollectorApp(_vendors, new Dictionary<string, string?> { ["Collectors:Microsoft:MarkSeats"] = "true" });
        await app.LoadWorldAsync();

        var usage = await app.RunAsync("m365-usage");
        Assert.True(usage.Str("status") == "succeeded", usage.GetRawText());
        Assert.Equal(1, _vendors.Hits("usage-download"));
        var audit = await app.RunAsync("m365-audit");
        Assert.True(audit.Str("status") == "succeeded", audit.GetRawText());
        Assert.Equal(3, _vendors.Hits("audit-query"));
        Assert.Equal(6, _vendors.Hits("audit-poll")); // running, then succeeded, for each day
        Assert.Equal(4, _vendors.Hits("audit-records")); // two pages, then one page for each other day
        Assert.Equal(1, _vendors.Hits("token")); // the token is kept until it expires

        await using var byHand = new CollectorApp(null);
        await byHand.LoadWorldAsync();
        await byHand.UploadSourceAsync("m365-copilot-usage", UsageReport(), "text/csv", "?seats=true");
        await byHand.UploadSourceAsync("m365-copilot-audit", string.Join("\n",
            PurviewHeader,
            PurviewRow("rec-1", "s1@contoso.com", Day(3), "Word", 2),
            PurviewRow("rec-2", "h1@contoso.com", Day(3), "Teams", 1),
            PurviewRow("rec-3", "nobody@contoso.com", Day(3), "Outlook", 1),
            PurviewRow("rec-4", "S2@Contoso.com", Day(1), "Excel", 3)) + "\n", "text/csv");
        var collected = await EventsAsync(app);
        Assert.NotEmpty(collected);
        Assert.Equal(await EventsAsync(byHand), collected);
        const string SeatsSql = "SELECT employee_key, CAST(has_seat AS INTEGER) FROM employees ORDER BY employee_key";
        Assert.Equal(await byHand.QueryAsync<(string, long?)>(SeatsSql), await app.QueryAsync<(string, long?)>(SeatsSql));

        var held = (await app.CollectorAsync("m365-audit")).GetProperty("daysHeld");
        Assert.Equal((Day(3), Day(1), 3), (held.Str("firstDate"), held.Str("lastDate"), held.GetProperty("days").GetInt32()));
        Assert.Equal(1, (await app.CollectorAsync("m365-usage")).GetProperty("daysHeld").GetProperty("days").GetInt32());
    }

    [Fact]
    public async Task A_usage_report_with_concealed_names_fails_the_run_with_the_setting_to_change_and_writes_nothing()
    {
        _vendors.UsageReportCsv = UsageReportHeader + "\n" +
            $"{Day(1)},E58EEF6A6BBD3D0293CB306D24A42057,6A4630397AAA1A9C8EED362168DC88A0,{Day(1)},,,,,,,,,7\n";
        await using var app = new CollectorApp(_vendors, new Dictionary<string, string?> { ["Collectors:MaxRetries"] = "2" });
        await app.LoadWorldAsync();
        var run = await app.RunAsync("m365-usage");
        Assert.Equal("failed", run.Str("status"));
        Assert.Equal($"The import refused the vendor's file: {RolloutHub.Api.Features.Sources.Parsers.M365CopilotUsageParser.ConcealedMessage}",
            run.Str("error"));
        Assert.Empty(await EventsAsync(app));
        Assert.Equal(0, (await app.CollectorAsync("m365-usage")).GetProperty("daysHeld").GetProperty("days").GetInt32());
    }

    [Fact]
    public async Task A_wrong_client_secret_is_explained_by_the_key_to_check()
    {
        _vendors.UsageReportCsv = UsageReport();
        await using var app = new CollectorApp(_vendors, new Dictionary<string, string?> { ["Collectors:Microsoft:ClientSecret"] = "not-the-secret" });
        var run = await app.RunAsync("m365-usage");
        Assert.Equal("failed", run.Str("status"));
        Assert.Equal("Microsoft's sign-in refused the application (401 invalid_client, AADSTS7000215): check Collectors:Microsoft:ClientSecret (wrong or expired).",
            run.Str("error"));
        Assert.Equal(0, _vendors.Hits("usage-report"));
    }

    [Fact]
    public async Task The_application_may_sign_in_with_a_certificate_instead_of_a_secret()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=RolloutHub collector", rsa,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(Path.GetTempPath(), $"rollouthub-test-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(path, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "pfx-TESTSECRET"));
        try
        {
            _vendors.Certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(certificate.RawData);
            _vendors.UsageReportCsv = UsageReport();
            await using var app = new CollectorApp(_vendors, new Dictionary<string, string?>
            {
                ["Collectors:Microsoft:ClientSecret"] = "", ["Collectors:Microsoft:CertificatePath"] = path,
                ["Collectors:Microsoft:CertificatePassword"] = "pfx-TESTSECRET",
            });
            await app.LoadWorldAsync();
            var run = await app.RunAsync("m365-usage");
            Assert.True(run.Str("status") == "succeeded", run.GetRawText());
            Assert.Equal(1, _vendors.Hits("usage-download"));

            await using var wrongPassword = new CollectorApp(_vendors, new Dictionary<string, string?>
            {
                ["Collectors:Microsoft:ClientSecret"] = "", ["Collectors:Microsoft:CertificatePath"] = path,
                ["Collectors:Microsoft:CertificatePassword"] = "wrong",
            });
            var refused = await wrongPassword.RunAsync("m365-usage");
            Assert.Equal("The certificate of Collectors:Microsoft:CertificatePath could not be opened: check the file and Collectors:Microsoft:CertificatePassword.",
                refused.Str("error"));
            Assert.DoesNotContain("TESTSECRET", app.Logs.Text + wrongPassword.Logs.Text);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_vendor_down_is_tried_again_then_the_run_fails_and_is_retried_later()
    {
        PublishGitHubDays();
        _vendors.ServerErrors = true;
        await using var app = new CollectorApp(_vendors, new Dictionary<string, string?>
        {
            ["Collectors:HttpAttempts"] = "3", ["Collectors:MaxRetries"] = "1", ["Collectors:RetryDelaySeconds"] = "1",
        });
        await app.LoadWorldAsync();
        var first = await app.RunAsync("github");
        Assert.Equal("failed", first.Str("status"));
        Assert.Equal($"GitHub did not answer the users-1-day report request of {Day(3)} after 3 tries (last: 503 Service Unavailable).", first.Str("error"));
        Assert.Equal(3, _vendors.Hits("github-503"));
        _vendors.ServerErrors = false; // back up before the retry
        var retry = (await app.GetAsync("/api/v1/job-runs?job=collector-github")).GetProperty("items").EnumerateArray()
            .Single(r => r.Str("retryOf") == first.Str("runId"));
        Assert.Equal("succeeded", (await app.WaitForRunAsync(retry.Str("runId")!)).Str("status"));
        Assert.Equal(3, (await EventsAsync(app)).Count);
    }

    [Fact]
    public async Task Secrets_never_appear_in_the_logs_the_answers_the_job_runs_or_the_audit_log()
    {
        PublishGitHubDays();
        _vendors.SeatLogins.Add("octo-s2");
        _vendors.UsageReportCsv = UsageReport();
        _vendors.AuditRecords[Day(2)] = [GraphRecord("rec-9", "s1@contoso.com", Day(2), "Word", 1)];
        _vendors.TooManyRequests = 1;
        _vendors.CutDownloads = 1;
        await using var app = new CollectorApp(_vendors, new Dictionary<string, string?>
        {
            ["Collectors:GitHub:MarkSeats"] = "true", ["Collectors:Microsoft:MarkSeats"] = "true",
        });
        await app.LoadWorldAsync();
        foreach (var name in new[] { "github", "m365-usage", "m365-audit" })
            Assert.Equal("succeeded", (await app.RunAsync(name)).Str("status"));
        // And a failing run, whose error is logged.
        await using (var refused = new CollectorApp(_vendors, new Dictionary<string, string?> { ["Collectors:Microsoft:ClientSecret"] = "wrong-TESTSECRET-x" }))
        {
            Assert.Equal("failed", (await refused.RunAsync("m365-audit")).Str("status"));
            Assert.DoesNotContain("TESTSECRET", refused.Logs.Text);
        }

        var answers = string.Join("\n",
            (await app.GetAsync("/api/v1/collectors")).GetRawText(),
            (await app.GetAsync("/api/v1/job-runs?limit=100")).GetRawText(),
            (await app.GetAsync("/api/v1/audit?limit=100")).GetRawText());
        Assert.Contains("m365-audit", answers);
        Assert.NotEmpty(app.Logs.Text);
        Assert.Contains("Collector github run", app.Logs.Text);
        foreach (var secret in new[] { FakeVendors.GitHubToken, FakeVendors.ClientSecret, FakeVendors.AccessToken, "TESTSECRET" })
        {
            Assert.DoesNotContain(secret, app.Logs.Text);
            Assert.DoesNotContain(secret, answers);
        }
    }

    [Fact]
    public async Task Every_collector_is_listed_configured_or_not_and_an_unconfigured_one_cannot_run()
    {
        await using var app = new CollectorApp(null);
        var collectors = (await app.GetAsync("/api/v1/collectors")).EnumerateArray().ToList();
        Assert.Equal(new[] { "github", "m365-usage", "m365-audit" }, collectors.Select(c => c.Str("name")!).ToArray());
        Assert.Equal(new[] { "github-copilot", "m365-copilot-usage", "m365-copilot-audit" }, collectors.Select(c => c.Str("source")!).ToArray());
        Assert.All(collectors, c =>
        {
            Assert.False(c.GetProperty("configured").GetBoolean());
            Assert.Equal(JsonValueKind.Null, c.GetProperty("lastRun").ValueKind);
            Assert.Equal(0, c.GetProperty("daysHeld").GetProperty("days").GetInt32());
        });

        var conflict = await app.Admin().PostAsync("/api/v1/collectors/github/run", null);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("Collectors:GitHub:Token", await conflict.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Admin().PostAsync("/api/v1/collectors/slack/run", null)).StatusCode);

        var executive = app.CreateClient();
        executive.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await executive.GetAsync("/api/v1/collectors")).StatusCode);
    }

    [Fact]
    public async Task A_collector_switched_on_without_its_keys_stops_the_start_naming_them()
    {
        await using var app = new CollectorApp(null, new Dictionary<string, string?>
        {
            ["Collectors:GitHub:Enabled"] = "true", ["Collectors:GitHub:Organization"] = "contoso", ["Collectors:Microsoft:Schedule"] = "every day",
        });
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        var message = error.ToString();
        Assert.Contains("Collectors:GitHub:Enabled is true but Collectors:GitHub:Token is not set.", message);
        Assert.Contains("Collectors:Microsoft:Schedule is not a Quartz cron expression", message);
    }

    [Fact]
    public async Task An_enabled_collector_has_its_schedule_and_next_run()
    {
        await using var app = new CollectorApp(_vendors, new Dictionary<string, string?>
        {
            ["Collectors:GitHub:Enabled"] = "true", ["Collectors:GitHub:Schedule"] = "0 30 5 * * ?",
        });
        JsonElement github = default;
        for (var i = 0; i < 100; i++)
        {
            github = await app.CollectorAsync("github");
            if (github.GetProperty("nextRunAt").ValueKind != JsonValueKind.Null) break;
            await Task.Delay(100);
        }
        Assert.True(github.GetProperty("enabled").GetBoolean());
        Assert.Equal("0 30 5 * * ?", github.Str("schedule"));
        var next = DateTimeOffset.Parse(github.Str("nextRunAt")!);
        Assert.Equal((5, 30, 0), (next.UtcDateTime.Hour, next.UtcDateTime.Minute, next.UtcDateTime.Second));
        Assert.False((await app.CollectorAsync("m365-usage")).GetProperty("enabled").GetBoolean());
    }
}
