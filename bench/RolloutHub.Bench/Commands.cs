using System.Diagnostics;
using System.Globalization;

namespace RolloutHub.Bench;

/// <summary>One method per phase; each writes its figures to the fragment named by --out.</summary>
public static class Commands
{
    private const ulong DefaultSeed = 20_260_105;

    public static int Generate(Options o)
    {
        var scale = o.Number("scale", 1);
        var seed = o.Optional("seed") is { } s ? ulong.Parse(s, CultureInfo.InvariantCulture) : DefaultSeed;
        var end = o.Optional("end") is { } e
            ? DateOnly.ParseExact(e, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : Organisation.LastCompleteWeekEnd(DateOnly.FromDateTime(DateTime.UtcNow));
        var folder = o.Required("out");
        var manifestPath = Path.Combine(folder, "manifest.json");

        var clock = Stopwatch.StartNew();
        Manifest manifest;
        var reused = false;
        if (File.Exists(manifestPath) && Json.Read<Manifest>(manifestPath) is var old
            && old.Seed == seed && old.Scale == scale && old.End == end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            && old.Files.All(f => File.Exists(Path.Combine(folder, f.Key)) && new FileInfo(Path.Combine(folder, f.Key)).Length == f.Value.Bytes))
        {
            manifest = old; // same seed, scale and end date: the same bytes
            reused = true;
        }
        else
        {
            manifest = Organisation.Write(folder, scale, seed, end);
        }
        clock.Stop();
        Console.WriteLine($"bench: {(reused ? "reused" : "generated")} {manifest.Employees} employees, {manifest.UsageEvents:N0} usage events " +
                          $"({manifest.Start} to {manifest.End}) in {clock.Elapsed.TotalSeconds:0.0} s");
        if (o.Optional("fragment") is { } fragment)
            Json.WriteFragment(fragment, new Dictionary<string, object?>
            {
                ["scale"] = scale, ["seed"] = seed, ["departments"] = manifest.Departments, ["employees"] = manifest.Employees,
                ["use_cases"] = manifest.UseCases, ["weeks"] = manifest.Weeks, ["usage_events"] = manifest.UsageEvents,
                ["next_day_usage_events"] = manifest.NextDayUsageEvents, ["data_start"] = manifest.Start, ["data_end"] = manifest.End,
                ["next_day"] = manifest.NextDay, ["usage_events_sha256"] = manifest.Files["usage-events.csv"].Sha256,
                ["usage_events_mb"] = Math.Round(manifest.Files["usage-events.csv"].Bytes / 1048576.0, 1),
                ["generate_s"] = Math.Round(clock.Elapsed.TotalSeconds, 2), ["generate_reused"] = reused,
            });
        return 0;
    }

    public static async Task<int> ImportAsync(Options o)
    {
        using var api = new ApiClient(o.Required("api"), o.Required("token"));
        var data = o.Required("data");
        var values = new Dictionary<string, object?>();
        switch (o.Required("phase"))
        {
            case "setup":
                // The roster and the library first: usage events reference them.
                double setup = 0;
                foreach (var (kind, file) in new[] { ("departments", "departments.csv"), ("employees", "employees.csv"), ("use-cases", "use-cases.csv") })
                {
                    var result = await api.ImportAsync(kind, Path.Combine(data, file));
                    Console.WriteLine($"bench: imported {result.RowsRead} {kind} in {result.Seconds:0.00} s");
                    setup += result.Seconds;
                }
                values["import_setup_s"] = Round(setup);
                break;

            case "events":
            {
                var pid = int.Parse(o.Required("pid"), CultureInfo.InvariantCulture);
                await using var rss = new RssSampler(pid);
                var cpu = new CpuClock(pid);
                var result = await api.ImportAsync("usage-events", Path.Combine(data, "usage-events.csv"));
                var cpuSeconds = cpu.Elapsed;
                var (highWater, sampled, now) = await rss.StopAsync();
                if (result.Inserted != result.RowsRead) throw new BenchException($"Expected every row inserted, got {result}.");
                var peak = rss.PeakWasReset && highWater is { } h ? Math.Max(h, sampled) : sampled;
                Console.WriteLine($"bench: imported {result.RowsRead:N0} usage events in {result.Seconds:0.0} s " +
                                  $"({result.RowsRead / result.Seconds:N0} rows/s, API CPU {cpuSeconds:0.0} s), peak RSS {peak:0} MB");
                values["import_rows"] = result.RowsRead;
                values["import_s"] = Round(result.Seconds);
                values["import_api_cpu_s"] = cpuSeconds is { } c ? Round(c) : null;
                values["import_rows_per_s"] = Math.Round(result.RowsRead / result.Seconds);
                values["import_mb_per_s"] = Round(result.Bytes / 1048576.0 / result.Seconds);
                values["import_peak_rss_mb"] = Math.Round(peak);
                values["import_peak_rss_source"] = rss.PeakWasReset ? "VmHWM after resetting it (clear_refs 5) and VmRSS sampled every 100 ms" : "VmRSS sampled every 100 ms";
                values["import_rss_after_mb"] = now is { } n ? Math.Round(n) : null;
                break;
            }

            case "next-day":
            {
                var result = await api.ImportAsync("usage-events", Path.Combine(data, "usage-events-next-day.csv"));
                Console.WriteLine($"bench: imported {result.RowsRead:N0} next-day usage events in {result.Seconds:0.00} s");
                values["next_day_rows"] = result.RowsRead;
                values["next_day_import_s"] = Round(result.Seconds);
                break;
            }

            default:
                throw new BenchException("--phase is setup, events or next-day.");
        }
        Json.WriteFragment(o.Required("out"), values);
        return 0;
    }

    /// <summary>The import baseline: sqlite3's own CSV import into a table with the same columns and no constraint or index.</summary>
    public static async Task<int> SqliteImportAsync(Options o)
    {
        var csv = Path.GetFullPath(o.Required("csv"));
        var db = o.Required("db");
        foreach (var f in new[] { db, db + "-wal", db + "-shm", db + "-journal" }) File.Delete(f);
        var run = await Tool.RunAsync("sqlite3", ["-bail", db], $"""
            CREATE TABLE usage_events (event_id TEXT, occurred_on TEXT, employee_key TEXT, use_case_code TEXT, uses INTEGER, minutes_saved REAL);
            .import --csv --skip 1 {Quote(csv)} usage_events
            """);
        if (run.ExitCode != 0) throw new BenchException($"sqlite3 .import failed: {run.Errors}");
        var count = await Tool.RunAsync("sqlite3", [db, "SELECT COUNT(*) FROM usage_events"]);
        var rows = long.Parse(count.Output.Trim(), CultureInfo.InvariantCulture);
        Console.WriteLine($"bench: sqlite3 .import of {rows:N0} rows in {run.Seconds:0.0} s ({rows / run.Seconds:N0} rows/s)");
        foreach (var f in new[] { db, db + "-wal", db + "-shm", db + "-journal" }) File.Delete(f);
        Json.WriteFragment(o.Required("out"), new Dictionary<string, object?>
        {
            ["import_sqlite3_rows"] = rows, ["import_sqlite3_s"] = Round(run.Seconds),
            ["import_sqlite3_rows_per_s"] = Math.Round(rows / run.Seconds),
        });
        return 0;
    }

    /// <summary>
    /// For the KPI points at other sizes only: puts the usage events straight into a database the
    /// API created (its import is measured once, at the main size), through a bare load table.
    /// </summary>
    public static async Task<int> SqliteLoadAsync(Options o)
    {
        var csv = Path.GetFullPath(o.Required("csv"));
        var run = await Tool.RunAsync("sqlite3", ["-bail", o.Required("db")], $"""
            PRAGMA busy_timeout = 30000;
            CREATE TEMP TABLE usage_load (event_id TEXT, occurred_on TEXT, employee_key TEXT, use_case_code TEXT, uses INTEGER, minutes_saved REAL);
            .import --csv --skip 1 --schema temp {Quote(csv)} usage_load
            INSERT INTO usage_events (event_id, occurred_on, employee_key, use_case_code, uses, minutes_saved)
            SELECT event_id, occurred_on, employee_key, use_case_code, uses, NULLIF(minutes_saved, '') FROM usage_load;
            -- What the API keeps with every write of usage events (ActivityRollup.RebuildAsync, SQLite's
            -- dialect): without it the KPI job would see no employee's first use.
            DELETE FROM activity_rollup;
            INSERT INTO activity_rollup (week_start, employee_key, day_mask, active_days, events)
            SELECT date(occurred_on, 'weekday 0', '-6 days'), employee_key,
                   SUM(DISTINCT 1 << (CAST(julianday(occurred_on) - 1721425.5 AS INTEGER) % 7)), COUNT(DISTINCT occurred_on), COUNT(*)
            FROM usage_events
            GROUP BY date(occurred_on, 'weekday 0', '-6 days'), employee_key;
            """);
        if (run.ExitCode != 0) throw new BenchException($"sqlite3 load failed: {run.Errors}");
        Console.WriteLine($"bench: loaded {csv} with sqlite3 in {run.Seconds:0.0} s");
        return 0;
    }

    public static async Task<int> KpiAsync(Options o)
    {
        using var api = new ApiClient(o.Required("api"), o.Required("token"));
        var mode = o.Required("mode");
        if (mode is not ("full" or "incremental")) throw new BenchException("--mode is full or incremental.");
        var prefix = o.Optional("prefix") ?? $"kpi_{mode}";
        var pid = o.Optional("pid") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : (int?)null;
        var cpu = pid is { } cpuPid ? new CpuClock(cpuPid) : null;
        // The API's memory while it computes (the KPI job reads every event of the periods it rewrites).
        await using var rss = pid is { } rssPid ? new RssSampler(rssPid) : null;
        var run = await api.RecomputeAsync(mode == "full", TimeSpan.FromSeconds(o.Number("timeout", 900)));
        var cpuSeconds = cpu?.Elapsed;
        double? peak = null;
        if (rss is not null)
        {
            var (highWater, sampled, _) = await rss.StopAsync();
            peak = rss.PeakWasReset && highWater is { } h ? Math.Max(h, sampled) : sampled;
        }
        if (run.Status != "succeeded") throw new BenchException($"KPI run {run.RunId} {run.Status}: {run.Error}");
        if (run.Mode != mode) throw new BenchException($"KPI run {run.RunId} did a {run.Mode} run where a {mode} one was expected.");
        Console.WriteLine($"bench: KPI {mode} run in {run.RunSeconds:0.00} s ({run.PeriodsTouched} periods rewritten" +
                          $"{(cpuSeconds is { } c ? $", API CPU {c:0.0} s" : "")}{(peak is { } m ? $", API peak RSS {m:0} MB" : "")})");
        Json.WriteFragment(o.Required("out"), new Dictionary<string, object?>
        {
            [$"{prefix}_s"] = Round(run.RunSeconds), [$"{prefix}_wall_s"] = Round(run.WallSeconds),
            [$"{prefix}_api_cpu_s"] = cpuSeconds is { } cpuUsed ? Round(cpuUsed) : null,
            [$"{prefix}_api_peak_rss_mb"] = peak is { } mb ? Math.Round(mb) : null,
            [$"{prefix}_periods"] = run.PeriodsTouched, [$"{prefix}_run_id"] = run.RunId,
        });
        return 0;
    }

    /// <summary>
    /// How soon a champion's logging shows: a champion of the first department POSTs a few usage
    /// events for its employees (the day after the next-day file), then /kpis is polled until an
    /// answer computed from data read after the POST, and not stale, comes back. Needs an API
    /// started with its after-change trigger on (the default debounce), unlike the timed KPI runs.
    /// </summary>
    public static async Task<int> FreshnessAsync(Options o)
    {
        var baseUrl = o.Required("api");
        using var admin = new ApiClient(baseUrl, o.Required("token"));
        var manifest = Json.Read<Manifest>(Path.Combine(o.Required("data"), "manifest.json"));
        var day = DateOnly.ParseExact(manifest.NextDay, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(1);
        var department = Organisation.DepartmentCode(0);
        var champion = await admin.IssueTokenAsync("bench-champion", "champion", [department]);
        var executive = await admin.IssueTokenAsync("bench-freshness-reader", "executive");
        // Employees i with i % departments == 0 are the first department's.
        var events = Enumerable.Range(0, 20).Select(k => new
        {
            eventId = $"FRESH{k:D4}", occurredOn = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            employeeKey = $"E{k * manifest.Departments + 1:D6}", useCaseCode = Organisation.UseCaseCode(k % 3), uses = 1, minutesSaved = (double?)null,
        }).ToArray();
        var timeout = TimeSpan.FromSeconds(o.Number("timeout", 600));
        // Same machine, same clock: a run that read the data after this instant and is not stale includes the events.
        var posted = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await admin.PostJsonAsync("api/v1/usage-events", new { events }, champion);
        var postSeconds = clock.Elapsed.TotalSeconds;
        var range = $"api/v1/kpis?grain=week&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}";
        while (true)
        {
            var (computedAt, stale) = await admin.KpiStateAsync(range, executive);
            if (computedAt is { } at && at > posted && !stale) break;
            if (clock.Elapsed > timeout) throw new BenchException($"/kpis did not include the champion's events within {timeout.TotalSeconds:0} s.");
            await Task.Delay(100);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"bench: a champion's {events.Length} usage events showed in /kpis {seconds:0.0} s after the POST began (the POST took {postSeconds:0.00} s)");
        Json.WriteFragment(o.Required("out"), new Dictionary<string, object?>
        {
            ["freshness_s"] = Round(seconds), ["freshness_post_s"] = Round(postSeconds), ["freshness_events"] = events.Length,
        });
        return 0;
    }

    /// <summary>
    /// The KPI baseline: the heart of the depth KPI as one GROUP BY, run by the sqlite3 CLI over the
    /// API's own database file — distinct active employees per department and ISO week (Monday start).
    /// </summary>
    public const string BaselineSql = """
        SELECT e.department_code, date(u.occurred_on, 'weekday 0', '-6 days') AS week_start, COUNT(DISTINCT u.employee_key)
        FROM usage_events u JOIN employees e ON e.employee_key = u.employee_key
        GROUP BY e.department_code, week_start;
        """;

    public static async Task<int> KpiBaselineAsync(Options o)
    {
        var prefix = o.Optional("prefix") ?? "kpi_baseline";
        var run = await Tool.RunAsync("sqlite3", ["-readonly", "-bail", o.Required("db"), BaselineSql], keepOutput: false);
        if (run.ExitCode != 0) throw new BenchException($"sqlite3 baseline query failed: {run.Errors}");
        Console.WriteLine($"bench: sqlite3 baseline query in {run.Seconds:0.00} s ({run.OutputLines} department-weeks)");
        Json.WriteFragment(o.Required("out"), new Dictionary<string, object?>
        {
            [$"{prefix}_s"] = Round(run.Seconds), [$"{prefix}_rows"] = run.OutputLines,
        });
        return 0;
    }

    /// <summary>
    /// wrk on the KPI reads the dashboard makes (and the full department read) and on /health/live, in turn, against the same
    /// process, as an executive (the dashboard's reader; its token is looked up like any issued one).
    /// </summary>
    public static async Task<int> HttpAsync(Options o)
    {
        var baseUrl = o.Required("api").TrimEnd('/');
        using var admin = new ApiClient(baseUrl, o.Required("token"));
        var token = await admin.IssueTokenAsync("bench-executive", "executive");
        var seconds = (int)o.Number("seconds", 30);
        var warmup = (int)o.Number("warmup", 5);
        var connections = (int)o.Number("connections", 64);
        var threads = (int)o.Number("threads", Math.Min(Environment.ProcessorCount, connections));
        var range = $"grain=week&from={o.Required("from")}&to={o.Required("to")}";
        // departments_gzip: the department read asking for gzip, as browsers ask (kept for comparison);
        // heatmap_gzip: the compact read the dashboard's heatmap makes instead, asking for gzip too.
        var targets = new (string Name, string Path, string? Token, bool Gzip)[]
        {
            ("kpis", $"/api/v1/kpis?{range}", token, false),
            ("departments", $"/api/v1/kpis/departments?{range}", token, false),
            ("health", "/health/live", null, false),
            ("departments_gzip", $"/api/v1/kpis/departments?{range}", token, true),
            ("heatmap_gzip", $"/api/v1/kpis/departments/heatmap?{range}", token, true),
        };
        var values = new Dictionary<string, object?>
        {
            ["http_seconds"] = seconds, ["http_connections"] = connections, ["http_threads"] = threads, ["http_role"] = "executive",
        };
        foreach (var (name, path, bearer, gzip) in targets)
        {
            var probe = await admin.ProbeAsync(path, bearer);
            if (probe.Status != 200) throw new BenchException($"GET {path} answered {probe.Status}.");
            values[$"http_{name}_bytes"] = probe.Bytes;
            var arguments = new List<string> { "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture), "--timeout", "10s", "--latency" };
            if (bearer is not null) arguments.AddRange(["-H", $"Authorization: Bearer {bearer}"]);
            if (gzip) arguments.AddRange(["-H", "Accept-Encoding: gzip"]);
            if (warmup > 0) await Tool.RunAsync("wrk", [.. arguments, "-d", $"{warmup}s", baseUrl + path]); // JIT and caches warm, not measured
            var cpu = o.Optional("pid") is { } pid ? new CpuClock(int.Parse(pid, CultureInfo.InvariantCulture)) : null;
            var run = await Tool.RunAsync("wrk", [.. arguments, "-d", $"{seconds}s", baseUrl + path]);
            var cpuSeconds = cpu?.Elapsed;
            if (run.ExitCode != 0) throw new BenchException($"wrk failed on {path}: {run.Errors}");
            var wrk = WrkResult.Parse(run.Output);
            // The API's CPU time per answer: what a request costs, much less blurred by the machine's load than requests/s.
            if (cpuSeconds is { } used && wrk.Requests > 0) values[$"http_{name}_api_cpu_us_per_request"] = Math.Round(used * 1e6 / wrk.Requests, 1);
            Console.WriteLine($"bench: GET {path}: {wrk.RequestsPerSecond:N0} req/s, p50 {wrk.P50Ms:0.00} ms, p99 {wrk.P99Ms:0.00} ms" +
                              (cpuSeconds is { } c && wrk.Requests > 0 ? $", API CPU {c * 1e6 / wrk.Requests:0} µs/request" : "") +
                              (wrk.Non2xx + wrk.SocketErrors > 0 ? $", {wrk.Non2xx} non-2xx, {wrk.SocketErrors} socket errors" : ""));
            values[$"http_{name}_rps"] = Math.Round(wrk.RequestsPerSecond, 1);
            values[$"http_{name}_p50_ms"] = Round(wrk.P50Ms);
            values[$"http_{name}_p90_ms"] = Round(wrk.P90Ms);
            values[$"http_{name}_p99_ms"] = Round(wrk.P99Ms);
            values[$"http_{name}_requests"] = wrk.Requests;
            values[$"http_{name}_errors"] = wrk.Non2xx + wrk.SocketErrors;
        }
        Json.WriteFragment(o.Required("out"), values);
        return 0;
    }

    private static string Quote(string path) => "'" + path.Replace("'", "''") + "'";
    private static double Round(double value) => Math.Round(value, 3);
}
