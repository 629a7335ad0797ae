using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RolloutHub.Bench;

/// <summary>
/// The AI tools' exports for the source-import bench, generated beside the organisation: a Purview
/// audit search CSV (500,000 records × scale, one Copilot interaction each, a few other operations
/// that are skipped) and a GitHub Copilot user-level NDJSON (1,000,000 user-day records × scale,
/// one to three features each). Each comes with the usage-events CSV of exactly the events the
/// source import gives (same event ids, employees, use cases, uses), so the two imports can be
/// compared. Users are the organisation's employees (<c>e000001@bench.example</c>, GitHub login
/// <c>gh-e000001</c>) plus 1% of people not in the roster, who are counted as unmatched.
/// </summary>
public static class SourceExports
{
    public const int PurviewRecords = 500_000;
    public const int GitHubRecords = 1_000_000;

    private static readonly string[] AppHosts = ["Word", "Excel", "PowerPoint", "Outlook", "Teams", "OneNote", "Loop", "Bing", "M365App"];
    private static readonly string[] Features = ["code_completion", "chat_panel_ask_mode", "chat_panel_agent_mode", "chat_panel_edit_mode", "copilot_cli", "code_review"];

    public sealed record Files(string Purview, string PurviewEvents, long PurviewRows, long PurviewEventRows,
        string GitHub, string GitHubEvents, long GitHubRows, long GitHubEventRows);

    public static Files Write(string data, double scale, ulong seed)
    {
        var manifest = Json.Read<Manifest>(Path.Combine(data, "manifest.json"));
        var start = DateOnly.ParseExact(manifest.Start, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var days = manifest.Weeks * 7;
        var employees = manifest.Employees;
        string Key(int i) => $"E{i + 1:D6}";

        var purview = Path.Combine(data, "source-purview.csv");
        var purviewEvents = Path.Combine(data, "source-purview-usage-events.csv");
        long purviewRows = 0, purviewEventRows = 0;
        var records = Math.Max(1, (int)Math.Round(PurviewRecords * scale));
        using (var file = Writer(purview))
        using (var events = Writer(purviewEvents))
        {
            file.Write("RecordId,CreationDate,RecordType,Operation,UserId,AuditData,AssociatedAdminUnits,AssociatedAdminUnitsNames\n");
            events.Write("event_id,occurred_on,employee_key,use_case_code,uses,minutes_saved\n");
            var r = new SplitMix64(seed ^ 0x50757276UL);
            for (var n = 0; n < records; n++)
            {
                var person = r.Below(employees);
                var stranger = r.Chance(0.01);
                var user = stranger ? $"guest{person}@partner.example" : $"{Key(person).ToLowerInvariant()}@bench.example";
                var day = start.AddDays(r.Below(days));
                var time = new TimeOnly(7 + r.Below(12), r.Below(60), r.Below(60));
                var interaction = !r.Chance(0.05);
                var app = AppHosts[r.Below(AppHosts.Length)];
                var prompts = 1 + r.Below(3);
                var recordId = $"{r.Next():x16}-{n:x8}";
                var operation = interaction ? "CopilotInteraction" : "FileAccessed";
                var auditData = new StringBuilder();
                auditData.Append($$"""{"CreationTime":"{{day:yyyy-MM-dd}}T{{time:HH:mm:ss}}","Id":"{{recordId}}","Operation":"{{operation}}","RecordType":261,"UserId":"{{user}}","Workload":"Copilot","CopilotEventData":{"AppHost":"{{app}}","Contexts":[{"Id":"https://contoso.sharepoint.com/doc{{n}}.docx","Type":"docx"}],"Messages":[""");
                for (var p = 0; p < prompts; p++) auditData.Append($$"""{"Id":"{{n}}{{p}}","isPrompt":true},""");
                auditData.Append($$"""{"Id":"{{n}}r","isPrompt":false}],"ThreadId":"19:{{recordId}}@thread.v2""").Append("\"}}");
                file.Write($"{recordId},{day:yyyy-MM-dd}T{time:HH:mm:ss}.0000000Z,261,{operation},{user},\"{auditData.Replace("\"", "\"\"")}\",,\n");
                purviewRows++;
                if (!interaction || stranger) continue;
                events.Write($"m365-copilot-audit:{recordId},{day:yyyy-MM-dd},{Key(person)},m365-{Slug(app)},{prompts},\n");
                purviewEventRows++;
            }
        }

        var github = Path.Combine(data, "source-github.ndjson");
        var githubEvents = Path.Combine(data, "source-github-usage-events.csv");
        long githubRows = 0, githubEventRows = 0;
        var target = Math.Max(1, (int)Math.Round(GitHubRecords * scale));
        // One record per user and active day, as GitHub reports them: each day, each person is
        // active with the chance that fills the target over the year.
        var people = employees + Math.Max(1, employees / 100);
        var chance = Math.Min(1.0, target / (double)(people * days) * 1.02);
        using (var file = Writer(github))
        using (var events = Writer(githubEvents))
        {
            events.Write("event_id,occurred_on,employee_key,use_case_code,uses,minutes_saved\n");
            var r = new SplitMix64(seed ^ 0x47697448UL);
            for (var d = 0; d < days && githubRows < target; d++)
            {
                var day = start.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                for (var person = 0; person < people && githubRows < target; person++)
                {
                    if (!r.Chance(chance)) continue;
                    var member = person < employees;
                    var login = member ? $"gh-{Key(person).ToLowerInvariant()}" : $"outside-{person}";
                    var count = 1 + r.Below(3);
                    var first = r.Below(Features.Length);
                    var features = new List<object>();
                    int interactions = 0, generations = 0, acceptances = 0;
                    for (var f = 0; f < count; f++)
                    {
                        var feature = Features[(first + f) % Features.Length];
                        int i = r.Below(20), g = 1 + r.Below(30), a = r.Below(g + 1);
                        interactions += i; generations += g; acceptances += a;
                        features.Add(new
                        {
                            feature, user_initiated_interaction_count = i, code_generation_activity_count = g, code_acceptance_activity_count = a,
                            loc_suggested_to_add_sum = g * 3, loc_suggested_to_delete_sum = 0, loc_added_sum = a * 3, loc_deleted_sum = 0,
                        });
                        if (member) events.Write($"github-copilot:{login}:{day}:github-{Slug(feature)},{day},{Key(person)},github-{Slug(feature)},{Math.Max(1, i + a)},\n");
                        if (member) githubEventRows++;
                    }
                    file.Write(JsonSerializer.Serialize(new
                    {
                        user_id = 1000 + person, user_login = login, day, organization_id = "100000001", enterprise_id = "200001",
                        user_initiated_interaction_count = interactions, code_generation_activity_count = generations,
                        code_acceptance_activity_count = acceptances, used_agent = false, used_chat = interactions > 0, used_cli = false,
                        totals_by_ide = Array.Empty<object>(), totals_by_feature = features,
                    }));
                    file.Write("\n");
                    githubRows++;
                }
            }
        }
        return new Files(purview, purviewEvents, purviewRows, purviewEventRows, github, githubEvents, githubRows, githubEventRows);
    }

    /// <summary>The use-case slug of the sources: lowercase, each run of other characters one '-', trimmed.</summary>
    public static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        return slug.ToString().Trim('-');
    }

    private static StreamWriter Writer(string path) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20), new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
}

/// <summary>
/// <c>sources</c>: for each generated export, the usage-events CSV of the same events through the
/// plain import, then (events deleted) the export through POST /api/v1/imports/sources/{source},
/// both into an empty usage_events table, with rows/s, API CPU and peak RSS of each.
/// </summary>
public static class SourceBench
{
    public static async Task<int> RunAsync(Options o)
    {
        var data = o.Required("data");
        var db = o.Required("db");
        var pid = int.Parse(o.Required("pid"), CultureInfo.InvariantCulture);
        var scale = o.Number("scale", 1);
        var seed = o.Optional("seed") is { } s ? ulong.Parse(s, CultureInfo.InvariantCulture) : 20_260_105UL;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var files = SourceExports.Write(data, scale, seed);
        Console.WriteLine($"bench: generated {files.PurviewRows:N0} Purview records and {files.GitHubRows:N0} GitHub records in {clock.Elapsed.TotalSeconds:0.0} s");

        // Who is who: the e-mail addresses and GitHub logins of the roster, as an admin would load them.
        await Sqlite(db, """
            UPDATE employees SET email = LOWER(employee_key) || '@bench.example';
            INSERT INTO identities (system, external_id, employee_key) SELECT 'github', 'gh-' || LOWER(employee_key), employee_key FROM employees;
            """);

        using var api = new ApiClient(o.Required("api"), o.Required("token"));
        var values = new Dictionary<string, object?>();
        double peak = 0;
        foreach (var (name, source, file, mediaType, events, eventRows) in new[]
                 {
                     ("purview", "m365-copilot-audit", files.Purview, "text/csv", files.PurviewEvents, files.PurviewEventRows),
                     ("github", "github-copilot", files.GitHub, "application/x-ndjson", files.GitHubEvents, files.GitHubEventRows),
                 })
        {
            // An untimed source import first: it creates the source's use cases (which the
            // usage-events file names) and leaves both timed imports the same database to fill,
            // its pages freed by the DELETE, and warm code.
            var warmup = await api.ImportSourceAsync(source, file, mediaType);
            if (warmup.Inserted != eventRows)
                throw new BenchException($"The {source} import inserted {warmup.Inserted} events where {eventRows} were expected.");
            await Sqlite(db, "DELETE FROM usage_events; DELETE FROM kpi_dirty_dates;");
            var (plainResult, plainPeak, plainCpu) = await MeasureAsync(pid, () => api.ImportAsync("usage-events", events));
            if (plainResult.Inserted != eventRows)
                throw new BenchException($"The usage-events import of the {source} events inserted {plainResult.Inserted} where {eventRows} were expected.");
            await Sqlite(db, "DELETE FROM usage_events; DELETE FROM kpi_dirty_dates;");
            var (sourceResult, sourcePeak, sourceCpu) = await MeasureAsync(pid, () => api.ImportSourceAsync(source, file, mediaType));
            if (sourceResult.Inserted != eventRows)
                throw new BenchException($"The {source} import inserted {sourceResult.Inserted} events where {eventRows} were expected.");
            await Sqlite(db, "DELETE FROM usage_events; DELETE FROM kpi_dirty_dates;");

            var sourceRate = sourceResult.RowsRead / sourceResult.Seconds;
            var plainRate = plainResult.RowsRead / plainResult.Seconds;
            Console.WriteLine($"bench: {source}: {sourceResult.RowsRead:N0} records ({eventRows:N0} events) in {sourceResult.Seconds:0.0} s " +
                              $"({sourceRate:N0} rows/s, peak RSS {sourcePeak:0} MB); usage-events import of the same events " +
                              $"in {plainResult.Seconds:0.0} s ({plainRate:N0} rows/s, peak RSS {plainPeak:0} MB)");
            values[$"source_{name}_rows"] = sourceResult.RowsRead;
            values[$"source_{name}_events"] = eventRows;
            values[$"source_{name}_mb"] = Math.Round(sourceResult.Bytes / 1048576.0, 1);
            values[$"source_{name}_s"] = Math.Round(sourceResult.Seconds, 3);
            values[$"source_{name}_rows_per_s"] = Math.Round(sourceRate);
            values[$"source_{name}_events_per_s"] = Math.Round(eventRows / sourceResult.Seconds);
            values[$"source_{name}_api_cpu_s"] = sourceCpu is { } c1 ? Math.Round(c1, 3) : null;
            values[$"source_{name}_peak_rss_mb"] = Math.Round(sourcePeak);
            values[$"source_{name}_usage_events_s"] = Math.Round(plainResult.Seconds, 3);
            values[$"source_{name}_usage_events_rows_per_s"] = Math.Round(plainRate);
            values[$"source_{name}_usage_events_api_cpu_s"] = plainCpu is { } c2 ? Math.Round(c2, 3) : null;
            values[$"source_{name}_usage_events_peak_rss_mb"] = Math.Round(plainPeak);
            // Rows of the export per second ÷ rows of the usage-events file per second.
            values[$"source_{name}_ratio"] = Math.Round(sourceRate / plainRate, 4);
            peak = Math.Max(peak, sourcePeak);
        }
        values["source_peak_rss_mb"] = Math.Round(peak);
        Json.WriteFragment(o.Required("out"), values);
        return 0;
    }

    private static async Task<(ApiClient.ImportOutcome Result, double PeakMb, double? CpuSeconds)> MeasureAsync(int pid, Func<Task<ApiClient.ImportOutcome>> import)
    {
        await using var rss = new RssSampler(pid);
        var cpu = new CpuClock(pid);
        var result = await import();
        var cpuSeconds = cpu.Elapsed;
        var (highWater, sampled, _) = await rss.StopAsync();
        var peak = rss.PeakWasReset && highWater is { } h ? Math.Max(h, sampled) : sampled;
        return (result, peak, cpuSeconds);
    }

    private static async Task Sqlite(string db, string sql)
    {
        var run = await Tool.RunAsync("sqlite3", ["-bail", db], "PRAGMA busy_timeout = 30000;\n" + sql + "\n");
        if (run.ExitCode != 0) throw new BenchException($"sqlite3 failed: {run.Errors}");
    }
}
