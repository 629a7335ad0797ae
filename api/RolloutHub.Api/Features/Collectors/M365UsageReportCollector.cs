using Microsoft.Extensions.Options;

namespace RolloutHub.Api.Features.Collectors;

/// <summary>
/// Microsoft 365 Copilot usage report, user detail, last 7 days, as CSV (Graph
/// <c>getMicrosoft365CopilotUsageUserDetail(period='D7')</c>, which answers with a redirect to the
/// file): imported as <c>m365-copilot-usage</c>, giving its users a seat when MarkSeats is on.
/// The report is a snapshot, so a run takes it once; the day held is the day it was taken.
/// </summary>
public sealed class M365UsageReportCollector(IOptionsMonitor<CollectorsOptions> options, CollectorHttp http, MicrosoftSignIn signIn)
    : ICollector
{
    public const string CollectorName = "m365-usage";
    private const string What = "the Copilot usage report (user detail, 7 days)";
    private const string Permission = "Reports.Read.All";

    private MicrosoftCollectorOptions Settings => options.CurrentValue.Microsoft;

    public string Name => CollectorName;
    public string Source => "m365-copilot-usage";
    public bool Configured => Settings.Configured;
    public bool Enabled => Settings.Enabled && Settings.UsageReport && Settings.Configured;
    public string Schedule => Settings.Schedule;
    public string NotConfigured => $"The Microsoft collectors need {string.Join(" and ", Settings.Missing())}.";

    public async Task<CollectorOutcome> CollectAsync(CollectorRun run, CancellationToken cancellationToken)
    {
        var settings = Settings;
        var token = await signIn.TokenAsync(cancellationToken);
        var url = MicrosoftGraph.Url(settings, "v1.0/copilot/reports/getMicrosoft365CopilotUsageUserDetail(period='D7')");
        await using var file = run.NewFile();
        await http.DownloadAsync(MicrosoftGraph.Vendor, What, () => MicrosoftSignIn.Graph(HttpMethod.Get, url, token), file, cancellationToken,
            response => MicrosoftGraph.EnsureAllowed(signIn, response, What, Permission));
        await EnsureCsvAsync(file, cancellationToken);
        var result = await run.ImportAsync(Source, file, "text/csv", seats: settings.MarkSeats, cancellationToken);
        await run.HoldAsync(run.Today, result.RowsRead, cancellationToken);
        return CollectorOutcome.None.Add(result);
    }

    /// <summary>The report is CSV with a header naming users; a JSON or HTML answer is a changed API.</summary>
    private static async Task EnsureCsvAsync(FileStream file, CancellationToken cancellationToken)
    {
        file.Position = 0;
        using var reader = new StreamReader(file, leaveOpen: true);
        var header = await reader.ReadLineAsync(cancellationToken) ?? "";
        if (!header.Contains("User Principal Name", StringComparison.OrdinalIgnoreCase))
            throw CollectorHttp.Changed(MicrosoftGraph.Vendor, What, "the first line is not a CSV header with a 'User Principal Name' column");
        file.Position = 0;
    }
}
