using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace RolloutHub.Api.Features.Collectors;

/// <summary>
/// The CopilotInteraction records of Microsoft Purview's audit log, day by day, through Graph's
/// audit log query API: a query for the day is created, asked until it has succeeded, and its
/// records are paged. They are written in the shape of Purview's audit search CSV export
/// (RecordId, CreationDate, RecordType, Operation, UserId, AuditData…) and imported as
/// <c>m365-copilot-audit</c>, exactly as an admin's export would be.
/// </summary>
public sealed class M365AuditLogCollector(IOptionsMonitor<CollectorsOptions> options, CollectorHttp http, MicrosoftSignIn signIn,
    ILogger<M365AuditLogCollector> logger) : ICollector
{
    public const string CollectorName = "m365-audit";
    private const string Permission = "AuditLogsQuery.Read.All";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private MicrosoftCollectorOptions Settings => options.CurrentValue.Microsoft;

    public string Name => CollectorName;
    public string Source => "m365-copilot-audit";
    public bool Configured => Settings.Configured;
    public bool Enabled => Settings.Enabled && Settings.AuditLog && Settings.Configured;
    public string Schedule => Settings.Schedule;
    public string NotConfigured => $"The Microsoft collectors need {string.Join(" and ", Settings.Missing())}.";

    public async Task<CollectorOutcome> CollectAsync(CollectorRun run, CancellationToken cancellationToken)
    {
        var settings = Settings;
        var outcome = CollectorOutcome.None;
        foreach (var day in await run.DaysToFetchAsync(cancellationToken))
        {
            var queryId = await CreateQueryAsync(settings, day, cancellationToken);
            await WaitForQueryAsync(settings, day, queryId, cancellationToken);
            await using var file = run.NewFile();
            var records = await WriteRecordsAsync(settings, day, queryId, file, cancellationToken);
            long rows = 0;
            if (records > 0)
            {
                var result = await run.ImportAsync(Source, file, "text/csv", seats: false, cancellationToken);
                outcome = outcome.Add(result);
                rows = result.RowsRead;
            }
            await run.HoldAsync(day, rows, cancellationToken);
        }
        return outcome;
    }

    private async Task<string> CreateQueryAsync(MicrosoftCollectorOptions settings, DateOnly day, CancellationToken cancellationToken)
    {
        var what = $"the audit log query of {CollectorDays.Text(day)}";
        var token = await signIn.TokenAsync(cancellationToken);
        var url = MicrosoftGraph.Url(settings, "v1.0/security/auditLog/queries");
        var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var body = new
        {
            displayName = $"RolloutHub CopilotInteraction {CollectorDays.Text(day)}",
            filterStartDateTime = start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            filterEndDateTime = start.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            recordTypeFilters = new[] { "copilotInteraction" },
        };
        using var response = await http.SendAsync(MicrosoftGraph.Vendor, what,
            () => MicrosoftSignIn.Graph(HttpMethod.Post, url, token, JsonContent.Create(body, options: Json)), cancellationToken);
        MicrosoftGraph.EnsureAllowed(signIn, response, what, Permission);
        using var json = await CollectorHttp.ReadJsonAsync(response, MicrosoftGraph.Vendor, what, cancellationToken);
        if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("id", out var id)
            || id.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(id.GetString()))
            throw CollectorHttp.Changed(MicrosoftGraph.Vendor, what, "no query id");
        return id.GetString()!;
    }

    private async Task WaitForQueryAsync(MicrosoftCollectorOptions settings, DateOnly day, string queryId, CancellationToken cancellationToken)
    {
        var what = $"the audit log query of {CollectorDays.Text(day)}";
        var url = MicrosoftGraph.Url(settings, $"v1.0/security/auditLog/queries/{Uri.EscapeDataString(queryId)}");
        var giveUpAt = DateTimeOffset.UtcNow.AddMinutes(settings.AuditQueryTimeoutMinutes);
        while (true)
        {
            var token = await signIn.TokenAsync(cancellationToken);
            using (var response = await http.SendAsync(MicrosoftGraph.Vendor, what, () => MicrosoftSignIn.Graph(HttpMethod.Get, url, token), cancellationToken))
            {
                MicrosoftGraph.EnsureAllowed(signIn, response, what, Permission);
                using var json = await CollectorHttp.ReadJsonAsync(response, MicrosoftGraph.Vendor, what, cancellationToken);
                if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("status", out var status)
                    || status.ValueKind != JsonValueKind.String)
                    throw CollectorHttp.Changed(MicrosoftGraph.Vendor, what, "no status");
                switch (status.GetString())
                {
                    case "succeeded":
                        return;
                    case "failed":
                    case "cancelled":
                        throw new CollectorFailure($"Microsoft Purview's {what} {status.GetString()}; the run will be retried.", passing: true);
                    case "notStarted":
                    case "running":
                        break;
                    default:
                        throw CollectorHttp.Changed(MicrosoftGraph.Vendor, what, $"unknown status '{status.GetString()}'");
                }
            }
            if (DateTimeOffset.UtcNow > giveUpAt)
                throw new CollectorFailure(
                    $"Microsoft Purview's {what} had not finished after {settings.AuditQueryTimeoutMinutes:0} minutes; the run will be retried.", passing: true);
            logger.LogDebug("Audit log query of {Day} still running", day);
            await Task.Delay(TimeSpan.FromSeconds(settings.AuditPollSeconds), cancellationToken);
        }
    }

    /// <summary>Pages the query's records into the file as Purview's CSV export; answers how many.</summary>
    private async Task<long> WriteRecordsAsync(MicrosoftCollectorOptions settings, DateOnly day, string queryId, FileStream file,
        CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(file, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        await writer.WriteAsync("RecordId,CreationDate,RecordType,Operation,UserId,AuditData,AssociatedAdminUnits,AssociatedAdminUnitsNames\n");
        var next = MicrosoftGraph.Url(settings, $"v1.0/security/auditLog/queries/{Uri.EscapeDataString(queryId)}/records");
        long count = 0;
        for (var page = 1; ; page++)
        {
            var what = $"page {page} of the audit log records of {CollectorDays.Text(day)}";
            var token = await signIn.TokenAsync(cancellationToken);
            var url = next;
            using var response = await http.SendAsync(MicrosoftGraph.Vendor, what, () => MicrosoftSignIn.Graph(HttpMethod.Get, url, token), cancellationToken);
            MicrosoftGraph.EnsureAllowed(signIn, response, what, Permission);
            using var json = await CollectorHttp.ReadJsonAsync(response, MicrosoftGraph.Vendor, what, cancellationToken);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("value", out var records) || records.ValueKind != JsonValueKind.Array)
                throw CollectorHttp.Changed(MicrosoftGraph.Vendor, what, "no value array");
            foreach (var record in records.EnumerateArray())
            {
                await writer.WriteAsync(PurviewRow(record, what));
                count++;
            }
            if (!root.TryGetProperty("@odata.nextLink", out var link) || link.ValueKind != JsonValueKind.String) break;
            // The next page's link must stay on Graph: the access token goes with it.
            if (!Uri.TryCreate(link.GetString(), UriKind.Absolute, out var nextUrl)
                || !string.Equals(nextUrl.Authority, next.Authority, StringComparison.OrdinalIgnoreCase))
                throw CollectorHttp.Changed(MicrosoftGraph.Vendor, what, "@odata.nextLink does not point to Microsoft Graph");
            next = nextUrl;
        }
        await writer.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>One auditLogRecord as a line of Purview's audit search export.</summary>
    private static string PurviewRow(JsonElement record, string what)
    {
        if (record.ValueKind != JsonValueKind.Object) throw CollectorHttp.Changed(MicrosoftGraph.Vendor, what, "a record is not an object");
        string Text(string name) =>
            record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
        var id = Text("id");
        var created = Text("createdDateTime");
        if (id.Length == 0 || created.Length == 0 || !record.TryGetProperty("auditData", out var auditData) || auditData.ValueKind != JsonValueKind.Object)
            throw CollectorHttp.Changed(MicrosoftGraph.Vendor, what, "a record without id, createdDateTime or auditData object");
        var recordType = Text("auditLogRecordType");
        if (string.Equals(recordType, "copilotInteraction", StringComparison.OrdinalIgnoreCase)) recordType = "CopilotInteraction";
        var user = Text("userPrincipalName") is { Length: > 0 } upn ? upn : Text("userId");
        var operation = Text("operation") is { Length: > 0 } op ? op : "CopilotInteraction";
        return string.Join(',', new[] { id, created, recordType, operation, user, auditData.GetRawText(), "", "" }.Select(Quote)) + "\n";
    }

    private static string Quote(string value) => $"\"{value.Replace("\"", "\"\"")}\"";
}
