using System.Data.Common;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Sources;

/// <summary>
/// Files shaped as the tools export them, written small for the source import tests, and the
/// few calls those tests make.
/// </summary>
internal static class SourceFiles
{
    public const string UsageReportHeader =
        "Report Refresh Date,User Principal Name,Display Name,Last Activity Date,Copilot Chat Last Activity Date," +
        "Microsoft Teams Copilot Last Activity Date,Word Copilot Last Activity Date,Report Period";

    /// <summary>One user-day record of GitHub's usage metrics, with its features' counts (interactions, generations, acceptances).</summary>
    public static string GitHub(string login, string day, params (string Feature, int Interactions, int Generations, int Acceptances)[] features)
    {
        var record = new Dictionary<string, object>
        {
            ["user_id"] = 1, ["user_login"] = login, ["day"] = day,
            ["user_initiated_interaction_count"] = features.Sum(f => f.Interactions),
            ["code_generation_activity_count"] = features.Sum(f => f.Generations),
            ["code_acceptance_activity_count"] = features.Sum(f => f.Acceptances),
            ["totals_by_feature"] = features.Select(f => new Dictionary<string, object>
            {
                ["feature"] = f.Feature, ["user_initiated_interaction_count"] = f.Interactions,
                ["code_generation_activity_count"] = f.Generations, ["code_acceptance_activity_count"] = f.Acceptances,
            }).ToArray(),
        };
        return JsonSerializer.Serialize(record);
    }

    /// <summary>A Purview audit search export row; AuditData is JSON, CSV-quoted with doubled quotes.</summary>
    public static string PurviewRow(string recordId, string creationDate, string operation, string userId, string? appHost, int prompts)
    {
        var messages = Enumerable.Range(0, prompts).Select(i => (object)new { Id = $"p{i}", isPrompt = true })
            .Append(new { Id = "r", isPrompt = false }).ToArray();
        var auditData = JsonSerializer.Serialize(new
        {
            CreationTime = "2026-01-05T10:00:00", Id = recordId, Operation = operation, RecordType = 261, UserId = userId,
            CopilotEventData = appHost is null ? (object)new { Messages = messages } : new { AppHost = appHost, Messages = messages },
        });
        return $"{recordId},{creationDate},261,{operation},{userId},\"{auditData.Replace("\"", "\"\"")}\",,";
    }

    public const string PurviewHeader = "RecordId,CreationDate,RecordType,Operation,UserId,AuditData,AssociatedAdminUnits,AssociatedAdminUnitsNames";

    public const string ChatGptHeader = "cadence,period_start,period_end,email,is_active,first_day_active_in_period,last_day_active_in_period,messages";
}

internal static class SourceCalls
{
    public static async Task<HttpResponseMessage> ImportSourceAsync(this TestApp app, string source, string content, string mediaType,
        string query = "", HttpClient? client = null)
    {
        var body = new StringContent(content, Encoding.UTF8);
        body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await (client ?? app.Admin()).PostAsync($"/api/v1/imports/sources/{source}{query}", body);
    }

    public static async Task<JsonElement> ImportSourceOkAsync(this TestApp app, string source, string content, string mediaType, string query = "")
    {
        var response = await app.ImportSourceAsync(source, content, mediaType, query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"import {source}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static (long RowsRead, long Skipped, long Unmatched, long Inserted, long Updated, long Unchanged) Counts(this JsonElement answer) =>
        (answer.GetProperty("rowsRead").GetInt64(), answer.GetProperty("skipped").GetInt64(), answer.GetProperty("unmatchedUsers").GetInt64(),
         answer.GetProperty("inserted").GetInt64(), answer.GetProperty("updated").GetInt64(), answer.GetProperty("unchanged").GetInt64());

    public static List<string> Sample(this JsonElement answer) =>
        answer.GetProperty("unmatchedSample").EnumerateArray().Select(e => e.GetString()!).ToList();

    public static async Task ExecuteAsync(this TestApp app, string sql, object? parameters = null)
    {
        await using var connection = await app.Database.OpenAsync();
        await connection.ExecuteAsync(sql, parameters);
    }

    public static async Task<List<T>> QueryAsync<T>(this TestApp app, string sql, object? parameters = null)
    {
        await using var connection = await app.Database.OpenAsync();
        return (await connection.QueryAsync<T>(sql, parameters)).ToList();
    }

    /// <summary>What a source import may change, to compare before and after a refused or dry-run import.</summary>
    public static async Task<string> StoredStateAsync(this TestApp app)
    {
        await using var connection = await app.Database.OpenAsync();
        async Task<long> Count(DbConnection c, string table) => await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
        var seats = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM employees WHERE has_seat = @yes", new { yes = true });
        return $"events {await Count(connection, "usage_events")}, use cases {await Count(connection, "use_cases")}, " +
               $"imports {await Count(connection, "source_imports")}, audit {await Count(connection, "audit_log")}, seats {seats}, " +
               $"dirty {await Count(connection, "kpi_dirty_dates")}";
    }

    /// <summary>The vendors' example files (Sources/samples, copied to the test output).</summary>
    public static string Sample(string fileName)
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "Sources", "samples", fileName);
        if (File.Exists(copied)) return File.ReadAllText(copied);
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "RolloutHub.Tests", "Sources", "samples", fileName);
            if (File.Exists(candidate)) return File.ReadAllText(candidate);
        }
        throw new FileNotFoundException($"Sample {fileName} not found under tests/RolloutHub.Tests/Sources/samples.");
    }
}
