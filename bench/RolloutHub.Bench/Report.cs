using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RolloutHub.Bench;

/// <summary>
/// Joins the phase fragments into bench/results/latest.json (the keys the issue names, then
/// extras) and latest.md. A figure that could not be measured is null, with its reason.
/// </summary>
public static class Report
{
    private sealed record Aim(string Key, string Text, Func<double, bool> Met);

    public static readonly string[] RequiredKeys =
    [
        "import_rows_per_s", "import_sqlite3_rows_per_s", "import_ratio", "import_peak_rss_mb",
        "kpi_full_s", "kpi_full_us_per_event", "kpi_incremental_s", "kpi_baseline_s", "kpi_full_ratio", "kpi_incremental_share",
        "api_kpi_peak_rss_mb", "freshness_s",
        "http_kpis_rps", "http_kpis_p99_ms", "http_departments_rps", "http_departments_gzip_rps", "http_heatmap_gzip_rps", "http_health_rps", "http_health_p99_ms",
        "http_kpis_p99_ratio", "http_departments_gzip_ratio", "http_heatmap_gzip_ratio",
        "web_js_gzip_kb", "web_overview_ms",
        "source_purview_rows_per_s", "source_purview_ratio", "source_github_rows_per_s", "source_github_ratio", "source_peak_rss_mb",
    ];

    /// <summary>At scale 10 (and above), two more: the full run against the same run's scale-1 point.</summary>
    private static readonly string[] LargeScaleKeys = ["kpi_full_scale1_ratio"];

    /// <summary>The aims; some are those of the larger organisation (scale 10).</summary>
    private static Aim[] AimsFor(double scale) =>
    [
        new("import_ratio", "≤ 3 (sqlite3 rows/s ÷ API rows/s)", v => v <= 3),
        new("import_peak_rss_mb", "< 400 MB", v => v < 400),
        scale >= 10
            ? new("kpi_full_s", "≤ 60 s", v => v <= 60)
            : new("kpi_full_s", "", _ => true),
        new("kpi_full_ratio", "≤ 3 (full run ÷ baseline query)", v => v <= 3),
        new("kpi_full_scale1_ratio", "≤ 10 (full run ÷ the scale-1 full run)", v => v <= 10),
        new("kpi_incremental_share", "< 0.05 (incremental ÷ full)", v => v < 0.05),
        new("api_kpi_peak_rss_mb", "≤ 2048 MB (2 GB)", v => v <= 2048),
        scale >= 10
            ? new("freshness_s", "≤ 15 s", v => v <= 15)
            : new("freshness_s", "≤ 10 s", v => v <= 10),
        new("http_kpis_p99_ratio", "≤ 1.5 (/kpis p99 ÷ /health/live p99)", v => v <= 1.5),
        // The aim is the read the dashboard makes: its heatmap reads the compact answer. The full
        // department read with gzip is still reported, without an aim.
        new("http_heatmap_gzip_ratio", "≥ 0.25 (/kpis/departments/heatmap with gzip rps ÷ health rps: the read the dashboard's heatmap makes)", v => v >= 0.25),
        new("web_js_gzip_kb", "< 300 KB", v => v < 300),
        scale >= 10
            ? new("web_overview_ms", "≤ 1500 ms", v => v <= 1500)
            : new("web_overview_ms", "", _ => true),
        new("source_purview_ratio", "≥ 0.5 (Purview export rows/s ÷ usage-events rows/s)", v => v >= 0.5),
        new("source_github_ratio", "≥ 0.5 (GitHub export rows/s ÷ usage-events rows/s)", v => v >= 0.5),
        new("source_peak_rss_mb", "< 400 MB", v => v < 400),
    ];

    private static readonly (string Prefix, string Phase)[] Phases =
        [("import_", "import"), ("api_kpi_", "kpi"), ("kpi_", "kpi"), ("freshness", "freshness"), ("http_", "http"), ("web_", "web"), ("source_", "sources")];

    public static int Write(Options o)
    {
        var results = o.Required("results");
        var outDir = o.Required("out");
        var name = o.Optional("name") ?? "latest";
        var figures = new JsonObject();
        foreach (var fragment in new[] { "generate", "import-setup", "import", "sqlite-import", "kpi-warmup", "kpi-full", "kpi-baseline", "next-day", "kpi-incremental", "http", "web", "kpi-what-if", "freshness", "sources" })
            Merge(figures, Json.ReadObject(Path.Combine(results, $"{fragment}.json")));

        var failures = File.Exists(Path.Combine(results, "failures.tsv"))
            ? File.ReadAllLines(Path.Combine(results, "failures.tsv")).Where(l => l.Length > 0).Select(l => l.Split('\t', 2)).ToList()
            : [];

        DeriveAll(figures);

        var scale = Number(figures, "scale") ?? 1;
        var points = Points(results, figures);
        // The scale-1 full run of this same run (the sweep's point), else of the last scale-1 run.
        var scale1 = points.OfType<JsonObject>().FirstOrDefault(p => Number(p, "scale") == 1) is { } point && scale != 1
            ? Number(point, "kpi_full_s")
            : Json.ReadObject(Path.Combine(outDir, "latest.json")) is { } last && scale != 1 ? Number(last, "kpi_full_s") : null;
        if (scale1 is { } s1 && Number(figures, "kpi_full_s") is { } full && s1 > 0)
        {
            figures["kpi_full_scale1_s"] = s1;
            figures["kpi_full_scale1_ratio"] = Math.Round(full / s1, 4);
        }

        var latest = new JsonObject();
        var reasons = new JsonObject();
        foreach (var key in scale >= 10 ? [.. RequiredKeys, .. LargeScaleKeys] : RequiredKeys)
        {
            latest[key] = figures[key]?.DeepClone();
            if (latest[key] is null) reasons[key] = ReasonFor(key, figures, failures);
        }
        latest["aims"] = AimsObject(latest, scale);
        latest["null_reasons"] = reasons;
        latest["kpi_points"] = points;
        foreach (var (key, value) in figures)
            if (!latest.ContainsKey(key)) latest[key] = value?.DeepClone();
        foreach (var meta in o.All("meta"))
        {
            var parts = meta.Split('=', 2);
            latest[parts[0]] = parts.Length < 2 ? null
                : parts[0].EndsWith("_seconds", StringComparison.Ordinal) && double.TryParse(parts[1], CultureInfo.InvariantCulture, out var number)
                    ? number : parts[1];
        }
        latest["machine"] = Machine();
        latest["failures"] = new JsonArray(failures.Select(f => (JsonNode)new JsonObject { ["phase"] = f[0], ["message"] = f.ElementAtOrDefault(1) }).ToArray());
        latest["profile"] = new JsonArray(o.All("log").SelectMany(ProfileLines).Select(l => (JsonNode)JsonValue.Create(l)!).ToArray());

        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, $"{name}.json"), latest.ToJsonString(Json.Options) + "\n");
        File.WriteAllText(Path.Combine(outDir, $"{name}.md"), Markdown(latest));
        if (o.Optional("readme") is { } readme) UpdateReadme(readme, outDir);
        Console.WriteLine($"bench: wrote {Path.Combine(outDir, $"{name}.json")} and {name}.md");
        return 0;
    }

    /// <summary>The ratios and per-event figures, from the measured ones (also for an older run that predates some of them).</summary>
    private static void DeriveAll(JsonObject figures)
    {
        Derive(figures, "import_ratio", "import_sqlite3_rows_per_s", "import_rows_per_s", (a, b) => a / b);
        Derive(figures, "kpi_full_ratio", "kpi_full_s", "kpi_baseline_s", (a, b) => a / b);
        Derive(figures, "kpi_incremental_share", "kpi_incremental_s", "kpi_full_s", (a, b) => a / b);
        Derive(figures, "http_kpis_ratio", "http_kpis_rps", "http_health_rps", (a, b) => a / b);
        Derive(figures, "http_departments_ratio", "http_departments_rps", "http_health_rps", (a, b) => a / b);
        Derive(figures, "http_kpis_p99_ratio", "http_kpis_p99_ms", "http_health_p99_ms", (a, b) => a / b);
        Derive(figures, "http_departments_gzip_ratio", "http_departments_gzip_rps", "http_health_rps", (a, b) => a / b);
        Derive(figures, "http_heatmap_gzip_ratio", "http_heatmap_gzip_rps", "http_health_rps", (a, b) => a / b);
        Derive(figures, "kpi_full_us_per_event", "kpi_full_s", "usage_events", (a, b) => a * 1e6 / b);
        if (figures["kpi_full_api_peak_rss_mb"] is { } kpiRss) figures["api_kpi_peak_rss_mb"] = kpiRss.DeepClone();
    }

    private static void Merge(JsonObject into, JsonObject? fragment)
    {
        if (fragment is null) return;
        foreach (var (key, value) in fragment) into[key] = value?.DeepClone();
    }

    private static double? Number(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

    private static void Derive(JsonObject o, string key, string a, string b, Func<double, double, double> f)
    {
        if (Number(o, a) is { } x && Number(o, b) is { } y && y != 0) o[key] = Math.Round(f(x, y), 4);
    }

    private static string ReasonFor(string key, JsonObject figures, List<string[]> failures)
    {
        var phase = Phases.First(p => key.StartsWith(p.Prefix, StringComparison.Ordinal)).Phase;
        if (phase == "web" && figures["web_reason"] is JsonValue reason) return reason.ToString();
        var failure = failures.FirstOrDefault(f => f[0].StartsWith(phase, StringComparison.Ordinal));
        return failure is not null ? $"{failure[0]} failed: {failure.ElementAtOrDefault(1)}" : "not measured in this run";
    }

    private static JsonObject AimsObject(JsonObject latest, double scale)
    {
        var aims = new JsonObject();
        foreach (var aim in AimsFor(scale).Where(a => a.Text.Length > 0 && latest.ContainsKey(a.Key)))
            aims[aim.Key] = new JsonObject
            {
                ["aim"] = aim.Text,
                ["met"] = Number(latest, aim.Key) is { } v ? aim.Met(v) : null,
            };
        return aims;
    }

    /// <summary>How the full KPI run grows with the organisation: the sweep's sizes and the main one.</summary>
    private static JsonArray Points(string results, JsonObject main)
    {
        var points = new List<JsonObject>();
        var folders = Directory.Exists(results) ? Directory.GetDirectories(results, "sweep-*") : [];
        foreach (var folder in folders)
        {
            var p = new JsonObject();
            foreach (var name in new[] { "generate", "kpi-full", "kpi-baseline" }) Merge(p, Json.ReadObject(Path.Combine(folder, $"{name}.json")));
            points.Add(Point(p));
        }
        if (Number(main, "kpi_full_s") is not null) points.Add(Point(main));
        return new JsonArray(points.OrderBy(p => Number(p, "scale") ?? 0).Select(p => (JsonNode)p).ToArray());
    }

    private static JsonObject Point(JsonObject source)
    {
        var point = new JsonObject();
        foreach (var key in new[] { "scale", "employees", "usage_events", "kpi_full_s", "kpi_baseline_s" })
            point[key] = source[key]?.DeepClone();
        Derive(point, "kpi_full_ratio", "kpi_full_s", "kpi_baseline_s", (a, b) => a / b);
        if (Number(point, "kpi_full_s") is { } s && Number(point, "usage_events") is { } n && s > 0)
            point["events_per_s"] = Math.Round(n / s);
        return point;
    }

    private static JsonObject Machine()
    {
        string? Field(string file, string name) => File.Exists(file)
            ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return new JsonObject
        {
            ["cores"] = Environment.ProcessorCount,
            ["cpu"] = Field("/proc/cpuinfo", "model name"),
            ["memory"] = Field("/proc/meminfo", "MemTotal"),
            ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            ["dotnet"] = Environment.Version.ToString(),
            ["load_average_at_report"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null,
        };
    }

    /// <summary>The API's phase timings (Stopwatch logs), so the profile travels with the figures.</summary>
    private static IEnumerable<string> ProfileLines(string log)
    {
        if (!File.Exists(log)) yield break;
        foreach (var line in File.ReadLines(log))
            if (Regex.IsMatch(line, @"timings|KPI inputs|KPI run", RegexOptions.IgnoreCase))
                yield return Regex.Replace(line, @"\x1b\[[0-9;]*m", "").Trim();
    }

    /// <summary>
    /// Rewrites the README's figures between its two markers: scale 1 (latest.json) and scale 10
    /// (scale10.json) side by side, each with its own aims and whether they were met.
    /// </summary>
    private static void UpdateReadme(string path, string resultsDir)
    {
        const string start = "<!-- bench:latest -->", end = "<!-- /bench:latest -->";
        var text = File.ReadAllText(path);
        int from = text.IndexOf(start, StringComparison.Ordinal), to = text.IndexOf(end, StringComparison.Ordinal);
        if (from < 0 || to < from) return;
        var runs = new[] { ("scale 1", "latest.json"), ("scale 10", "scale10.json") }
            .Select(r => (r.Item1, Json: Json.ReadObject(Path.Combine(resultsDir, r.Item2))))
            .ToList();
        foreach (var (_, run) in runs)
            if (run is not null) DeriveAll(run);
        var block = new StringBuilder();
        block.AppendLine(start);
        foreach (var (label, run) in runs)
            block.AppendLine(run is null
                ? $"- {label}: not measured yet."
                : $"- {label} (`bench/results/{(label == "scale 1" ? "latest" : "scale10")}.json`): {Format(run, "employees")} employees, " +
                  $"{Format(run, "departments")} departments, {Format(run, "usage_events")} usage events; run of {run["date"]} " +
                  $"(commit {run["git_commit"]}, {((run["machine"] as JsonObject)?["cores"])} cores, load average {run["load_average_start"]} at its start).");
        block.AppendLine();
        block.AppendLine("| metric | scale 1 | aim at scale 1 | met | scale 10 | aim at scale 10 | met |");
        block.AppendLine("| --- | ---: | --- | --- | ---: | --- | --- |");
        var keys = RequiredKeys.Concat(LargeScaleKeys).Where(k => !k.StartsWith("source_", StringComparison.Ordinal));
        foreach (var key in keys)
        {
            var cells = runs.Select(r => r.Json is null ? ("—", "", "") : Cell(r.Json, key)).ToList();
            block.AppendLine($"| `{key}` | {cells[0].Item1} | {cells[0].Item2} | {cells[0].Item3} | {cells[1].Item1} | {cells[1].Item2} | {cells[1].Item3} |");
        }
        block.AppendLine();
        block.AppendLine("The full KPI run by size (scale 1 = 20,000 employees), from each run's sweep:");
        block.AppendLine();
        block.AppendLine("| run | scale | employees | usage events | full KPI run s | sqlite3 GROUP BY s | ratio |");
        block.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (label, run) in runs)
            foreach (var p in (run?["kpi_points"] as JsonArray ?? []).OfType<JsonObject>())
                block.AppendLine($"| {label} | {p["scale"]} | {p["employees"]} | {p["usage_events"]} | {p["kpi_full_s"]} | {p["kpi_baseline_s"]} | {p["kpi_full_ratio"]} |");
        File.WriteAllText(path, text[..from] + block + text[to..]);
    }

    /// <summary>A figure of one run beside today's aim at that run's scale (an older run may have been judged by older aims).</summary>
    private static (string Value, string Aim, string Met) Cell(JsonObject run, string key)
    {
        var aim = AimsFor(Number(run, "scale") ?? 1).FirstOrDefault(a => a.Key == key && a.Text.Length > 0);
        var value = Number(run, key);
        var met = aim is not null && value is { } v ? (aim.Met(v) ? "yes" : "**no**") : "";
        var shown = run[key] is not null ? Format(run, key) : run.ContainsKey(key) ? "null" : "not measured";
        return (shown, aim?.Text ?? "", met);
    }

    private static string Format(JsonObject latest, string key) => latest[key] is JsonValue v
        ? v.TryGetValue<double>(out var d) ? d.ToString(d >= 100 ? "#,0" : "0.###", CultureInfo.InvariantCulture) : v.ToString()
        : "null";

    /// <summary>Each required figure beside its aim and whether it was met (latest.md and the README).</summary>
    private static string MetricTable(JsonObject latest)
    {
        var aims = (JsonObject)latest["aims"]!;
        var reasons = (JsonObject)latest["null_reasons"]!;
        var table = new StringBuilder();
        table.AppendLine("| metric | value | aim | met |");
        table.AppendLine("| --- | ---: | --- | --- |");
        foreach (var key in RequiredKeys.Concat(LargeScaleKeys).Where(latest.ContainsKey))
        {
            var aim = aims[key] as JsonObject;
            var met = aim?["met"] is JsonValue m ? (m.GetValue<bool>() ? "yes" : "**no**") : "";
            var value = latest[key] is null ? $"null ({reasons[key]})" : Format(latest, key);
            table.AppendLine($"| `{key}` | {value} | {aim?["aim"]} | {met} |");
        }
        return table.ToString();
    }

    private static string Markdown(JsonObject latest)
    {
        string Show(string key) => Format(latest, key);
        var md = new StringBuilder();
        md.AppendLine($"# RolloutHub benchmark — scale {Format(latest, "scale")}");
        md.AppendLine();
        md.AppendLine($"Scale {Show("scale")}: {Show("employees")} employees, {Show("departments")} departments, {Show("weeks")} weeks, " +
                      $"{Show("usage_events")} usage events ({Show("data_start")} to {Show("data_end")}). " +
                      $"Commit {Show("git_commit")}, {Show("date")}.");
        var machine = (JsonObject)latest["machine"]!;
        md.AppendLine($"Machine: {machine["cores"]} cores, {machine["cpu"]}, {machine["memory"]}; load average at start {Show("load_average_start")}, at the end {machine["load_average_at_report"]}.");
        md.AppendLine();
        md.Append(MetricTable(latest));
        md.AppendLine();
        md.AppendLine("Extras: " + string.Join(", ", new[]
        {
            ("import_s", "API import s"), ("import_sqlite3_s", "sqlite3 .import s"), ("http_kpis_p50_ms", "kpis p50 ms"),
            ("http_departments_p50_ms", "departments p50 ms"), ("http_health_p99_ms", "health p99 ms"),
            ("http_kpis_api_cpu_us_per_request", "API CPU µs per kpis request"),
            ("http_departments_api_cpu_us_per_request", "per departments request"), ("http_health_api_cpu_us_per_request", "per health request"),
            ("http_departments_gzip_p99_ms", "departments with gzip p99 ms"), ("http_heatmap_gzip_p99_ms", "heatmap with gzip p99 ms"),
            ("http_heatmap_gzip_api_cpu_us_per_request", "per heatmap request with gzip"), ("http_heatmap_gzip_bytes", "heatmap answer bytes"), ("kpi_full_api_peak_rss_mb", "API peak RSS during the full run MB"),
            ("kpi_incremental_api_peak_rss_mb", "during the incremental run MB"), ("freshness_post_s", "the champion's POST s"),
            ("kpi_full_scale1_s", "scale-1 full run s"),
            ("http_departments_bytes", "departments answer bytes"), ("kpi_full_periods", "periods rewritten by the full run"),
            ("kpi_incremental_periods", "periods rewritten incrementally"),
            ("kpi_full_recent_hires_s", "full run with no hire date before the 52 weeks s"), ("kpi_full_recent_hires_periods", "its periods"),
            ("import_api_cpu_s", "API CPU s during the import"), ("kpi_full_api_cpu_s", "API CPU s during the full run"),
            ("source_purview_usage_events_rows_per_s", "usage-events import of the Purview events rows/s"),
            ("source_github_usage_events_rows_per_s", "usage-events import of the GitHub events rows/s"),
            ("source_purview_events_per_s", "Purview events/s"), ("source_github_events_per_s", "GitHub events/s"),
        }.Where(x => latest[x.Item1] is not null).Select(x => $"{x.Item2} {Show(x.Item1)}")) + ".");
        md.AppendLine();
        md.AppendLine("## Full KPI run by size");
        md.AppendLine();
        md.AppendLine("| scale | employees | usage events | full run s | baseline s | ratio | events/s |");
        md.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var p in ((JsonArray)latest["kpi_points"]!).OfType<JsonObject>())
            md.AppendLine($"| {p["scale"]} | {p["employees"]} | {p["usage_events"]} | {p["kpi_full_s"]} | {p["kpi_baseline_s"]} | {p["kpi_full_ratio"]} | {p["events_per_s"]} |");
        if (latest["failures"] is JsonArray { Count: > 0 } failures)
        {
            md.AppendLine();
            md.AppendLine("## Failures");
            foreach (var f in failures.OfType<JsonObject>()) md.AppendLine($"- {f["phase"]}: {f["message"]}");
        }
        if (latest["profile"] is JsonArray { Count: > 0 } profile)
        {
            md.AppendLine();
            md.AppendLine("## API phase timings (from its log)");
            md.AppendLine();
            foreach (var line in profile) md.AppendLine($"    {line}");
        }
        return md.ToString();
    }
}
