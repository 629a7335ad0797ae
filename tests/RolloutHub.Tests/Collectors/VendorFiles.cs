using System.Text.Json;

namespace RolloutHub.Tests.Collectors;

/// <summary>Files and records shaped as the vendors document them (see the shared samples), small.</summary>
internal static class VendorFiles
{
    public static string Day(int daysAgo) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-daysAgo).ToString("yyyy-MM-dd");

    /// <summary>One user-day record of GitHub's users-1-day report (a line of its NDJSON file).</summary>
    public static string GitHubRecord(string login, string day, string feature, int interactions) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["user_id"] = login.Length, ["user_login"] = login, ["day"] = day, ["organization_id"] = "100000001",
            ["user_initiated_interaction_count"] = interactions, ["code_generation_activity_count"] = interactions + 1,
            ["code_acceptance_activity_count"] = interactions, ["used_chat"] = feature.StartsWith("chat", StringComparison.Ordinal),
            ["totals_by_feature"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["feature"] = feature, ["user_initiated_interaction_count"] = interactions,
                    ["code_generation_activity_count"] = interactions + 1, ["code_acceptance_activity_count"] = interactions,
                    ["loc_added_sum"] = 10, ["loc_deleted_sum"] = 1,
                },
            },
        });

    public const string UsageReportHeader =
        "Report Refresh Date,User Principal Name,Display Name,Last Activity Date,Copilot Chat Last Activity Date," +
        "Microsoft Teams Copilot Last Activity Date,Word Copilot Last Activity Date,Excel Copilot Last Activity Date," +
        "PowerPoint Copilot Last Activity Date,Outlook Copilot Last Activity Date,OneNote Copilot Last Activity Date," +
        "Loop Copilot Last Activity Date,Report Period";

    /// <summary>The Copilot usage report's user detail (v1 CSV, as Graph's v1.0 endpoint sends it).</summary>
    public static string UsageReport() => string.Join("\n",
        UsageReportHeader,
        $"{Day(1)},s1@contoso.com,S One,{Day(2)},{Day(2)},{Day(3)},,,,,,,7",
        $"{Day(1)},h1@contoso.com,H One,{Day(1)},,,{Day(1)},,,,,,7",
        $"{Day(1)},nobody@contoso.com,No Body,{Day(1)},{Day(1)},,,,,,,,7") + "\n";

    /// <summary>The AuditData of a CopilotInteraction record (the schema's Word example, with this record's id, user and time).</summary>
    public static string AuditData(string id, string user, string day, string appHost, int prompts) =>
        JsonSerializer.Serialize(new
        {
            CreationTime = $"{day}T10:12:36", Id = id, Operation = "CopilotInteraction", OrganizationId = "408e31c8-8f05-410a-9221-84335f0ce512",
            RecordType = 261, UserKey = "12d24f71-64c7-49b3-821f-f8884f3f373e", UserType = 0, Version = 1, Workload = "Copilot",
            ClientIP = "ffff:10.11.0.229", ClientRegion = "US", UserId = user,
            CopilotEventData = new
            {
                AISystemPlugin = Array.Empty<object>(), AccessedResources = Array.Empty<object>(), AppHost = appHost,
                Contexts = new[] { new { Id = "https://contoso.sharepoint.com/doc.docx", Type = "docx" } },
                MessageIds = Array.Empty<object>(),
                Messages = Enumerable.Range(0, prompts).Select(i => new { Id = $"{id}-p{i}", isPrompt = true })
                    .Append(new { Id = $"{id}-r", isPrompt = false }).ToArray(),
                ModelTransparencyDetails = Array.Empty<object>(), ThreadId = $"19:{id}@thread.v2",
            },
        });

    /// <summary>An auditLogRecord as Graph's audit log query answers it.</summary>
    public static string GraphRecord(string id, string user, string day, string appHost, int prompts) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id, ["createdDateTime"] = $"{day}T10:12:36Z", ["auditLogRecordType"] = "copilotInteraction",
            ["operation"] = "CopilotInteraction", ["organizationId"] = "408e31c8-8f05-410a-9221-84335f0ce512", ["userType"] = "regular",
            ["userId"] = user, ["service"] = "Copilot", ["objectId"] = null, ["userPrincipalName"] = user, ["clientIp"] = "10.11.0.229",
            ["administrativeUnits"] = Array.Empty<string>(),
            ["auditData"] = JsonSerializer.Deserialize<JsonElement>(AuditData(id, user, day, appHost, prompts)),
        });

    /// <summary>The same record as a line of Purview's audit search export, as an admin would upload it.</summary>
    public static string PurviewRow(string id, string user, string day, string appHost, int prompts) =>
        $"{id},{day}T10:12:36.0000000Z,CopilotInteraction,CopilotInteraction,{user},\"{AuditData(id, user, day, appHost, prompts).Replace("\"", "\"\"")}\",,";

    public const string PurviewHeader = "RecordId,CreationDate,RecordType,Operation,UserId,AuditData,AssociatedAdminUnits,AssociatedAdminUnitsNames";
}
