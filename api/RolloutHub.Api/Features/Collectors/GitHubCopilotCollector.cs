using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace RolloutHub.Api.Features.Collectors;

/// <summary>
/// GitHub Copilot: for each day, the usage metrics API's users-1-day report (an answer holding
/// download links to NDJSON files, one record per user and active day), imported as
/// <c>github-copilot</c>; then, with MarkSeats, the Copilot seats list, whose holders get a seat
/// (matched through their <c>github</c> identity).
/// </summary>
public sealed class GitHubCopilotCollector(IOptionsMonitor<CollectorsOptions> options, CollectorHttp http, ILogger<GitHubCopilotCollector> logger)
    : ICollector
{
    public const string CollectorName = "github";
    private const string Vendor = "GitHub";
    private const int SeatsPerPage = 100;

    private GitHubCollectorOptions Settings => options.CurrentValue.GitHub;

    public string Name => CollectorName;
    public string Source => "github-copilot";
    public bool Configured => Settings.Configured;
    public bool Enabled => Settings.Enabled && Settings.Configured;
    public string Schedule => Settings.Schedule;
    public string NotConfigured => $"The GitHub collector needs {string.Join(" and ", Settings.Missing())}.";

    public async Task<CollectorOutcome> CollectAsync(CollectorRun run, CancellationToken cancellationToken)
    {
        var settings = Settings;
        var outcome = CollectorOutcome.None;
        var days = await run.DaysToFetchAsync(cancellationToken);
        var published = 0;
        foreach (var day in days)
        {
            var links = await DownloadLinksAsync(settings, day, cancellationToken);
            if (links is null) continue; // not published (yet): a later run asks again
            published++;
            await using var file = run.NewFile();
            for (var i = 0; i < links.Count; i++)
            {
                // Signed URLs: they carry their own credentials, the token is not sent with them.
                var url = links[i];
                await using var part = run.NewFile();
                await http.DownloadAsync(Vendor, $"file {i + 1} of {links.Count} of the users-1-day report of {CollectorDays.Text(day)}",
                    () => new HttpRequestMessage(HttpMethod.Get, url), part, cancellationToken);
                await part.CopyToAsync(file, cancellationToken);
                if (file.Length > 0)
                {
                    file.Seek(-1, SeekOrigin.End);
                    var last = file.ReadByte();
                    if (last != '\n') file.WriteByte((byte)'\n');
                }
            }
            long rows = 0;
            if (file.Length > 0)
            {
                var result = await run.ImportAsync(Source, file, "application/x-ndjson", seats: false, cancellationToken);
                outcome = outcome.Add(result);
                rows = result.RowsRead;
            }
            await run.HoldAsync(day, rows, cancellationToken);
        }
        if (days.Count > 0 && published == 0)
            logger.LogInformation("GitHub has published no users-1-day report for {From}..{To} yet", days[0], days[^1]);

        if (settings.MarkSeats)
        {
            var logins = await SeatHoldersAsync(settings, cancellationToken);
            outcome = outcome with { SeatsMarked = await run.MarkSeatsAsync("github", logins, cancellationToken) };
        }
        return outcome;
    }

    private string Owner(GitHubCollectorOptions settings) =>
        string.IsNullOrWhiteSpace(settings.Enterprise)
            ? $"orgs/{Uri.EscapeDataString(settings.Organization!.Trim())}"
            : $"enterprises/{Uri.EscapeDataString(settings.Enterprise.Trim())}";

    private string OwnerWords(GitHubCollectorOptions settings) =>
        string.IsNullOrWhiteSpace(settings.Enterprise)
            ? $"organisation '{settings.Organization!.Trim()}' (Collectors:GitHub:Organization)"
            : $"enterprise '{settings.Enterprise.Trim()}' (Collectors:GitHub:Enterprise)";

    private HttpRequestMessage Api(GitHubCollectorOptions settings, string pathAndQuery)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(ApiRoot(settings), pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token!.Trim());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        request.Headers.Add("X-GitHub-Api-Version", "2022-11-28");
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("RolloutHub", "1.0"));
        return request;
    }

    private static Uri ApiRoot(GitHubCollectorOptions settings) => new(settings.BaseUrl.TrimEnd('/') + "/");

    /// <summary>The day's report files (absolute URLs), or null when GitHub has no report for that day.</summary>
    private async Task<IReadOnlyList<Uri>?> DownloadLinksAsync(GitHubCollectorOptions settings, DateOnly day, CancellationToken cancellationToken)
    {
        var what = $"the users-1-day report request of {CollectorDays.Text(day)}";
        using var response = await http.SendAsync(Vendor, what,
            () => Api(settings, $"{Owner(settings)}/copilot/metrics/reports/users-1-day?day={CollectorDays.Text(day)}"), cancellationToken);
        switch (response.StatusCode)
        {
            case HttpStatusCode.NoContent:
                return null;
            case HttpStatusCode.NotFound:
                // Also GitHub's answer for a day not processed yet; an unknown owner shows as every day missing.
                await EnsureOwnerKnownAsync(settings, cancellationToken);
                return null;
        }
        EnsureAllowed(response, "the Copilot usage metrics");
        using var json = await CollectorHttp.ReadJsonAsync(response, Vendor, what, cancellationToken);
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("download_links", out var links) || links.ValueKind != JsonValueKind.Array)
            throw CollectorHttp.Changed(Vendor, what, "no download_links array");
        if (root.TryGetProperty("report_day", out var reportDay) && reportDay.ValueKind == JsonValueKind.String
            && reportDay.GetString() != CollectorDays.Text(day))
            throw CollectorHttp.Changed(Vendor, what, $"report_day is {reportDay.GetString()}, not the day asked");
        var urls = new List<Uri>();
        foreach (var link in links.EnumerateArray())
        {
            if (link.ValueKind != JsonValueKind.String || !Uri.TryCreate(ApiRoot(settings), link.GetString(), out var url)
                || url.Scheme is not ("https" or "http"))
                throw CollectorHttp.Changed(Vendor, what, "a download link is not a URL");
            urls.Add(url);
        }
        return urls;
    }

    /// <summary>Tells an unknown organisation or enterprise (or a missing Copilot subscription) from a day not published yet.</summary>
    private async Task EnsureOwnerKnownAsync(GitHubCollectorOptions settings, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(Vendor, "the Copilot seats list",
            () => Api(settings, $"{Owner(settings)}/copilot/billing/seats?per_page=1"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
            throw new CollectorFailure($"GitHub does not know the {OwnerWords(settings)}, or it has no Copilot subscription (404).");
        EnsureAllowed(response, "the Copilot seats list");
    }

    private async Task<List<string>> SeatHoldersAsync(GitHubCollectorOptions settings, CancellationToken cancellationToken)
    {
        var logins = new List<string>();
        for (var page = 1; ; page++)
        {
            var what = $"page {page} of the Copilot seats list";
            using var response = await http.SendAsync(Vendor, what,
                () => Api(settings, $"{Owner(settings)}/copilot/billing/seats?per_page={SeatsPerPage}&page={page}"), cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
                throw new CollectorFailure($"GitHub does not know the {OwnerWords(settings)}, or it has no Copilot subscription (404).");
            EnsureAllowed(response, "the Copilot seats list");
            using var json = await CollectorHttp.ReadJsonAsync(response, Vendor, what, cancellationToken);
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("seats", out var seats)
                || seats.ValueKind != JsonValueKind.Array)
                throw CollectorHttp.Changed(Vendor, what, "no seats array");
            var count = 0;
            foreach (var seat in seats.EnumerateArray())
            {
                count++;
                if (seat.ValueKind == JsonValueKind.Object && seat.TryGetProperty("assignee", out var assignee)
                    && assignee.ValueKind == JsonValueKind.Object && assignee.TryGetProperty("login", out var login)
                    && login.ValueKind == JsonValueKind.String)
                    logins.Add(login.GetString()!);
                else if (seat.ValueKind != JsonValueKind.Object || !seat.TryGetProperty("assignee", out _))
                    throw CollectorHttp.Changed(Vendor, what, "a seat without assignee");
            }
            var hasNext = response.Headers.TryGetValues("Link", out var link) && link.Any(l => l.Contains("rel=\"next\"", StringComparison.Ordinal));
            if (!hasNext && count < SeatsPerPage) return logins;
            if (count == 0) return logins;
        }
    }

    /// <summary>401 and 403 in plain words; any other failure answer too.</summary>
    private static void EnsureAllowed(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode) return;
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new CollectorFailure("GitHub refused the token (401): check Collectors:GitHub:Token."),
            HttpStatusCode.Forbidden => new CollectorFailure(
                $"GitHub denied the token access to {what} (403): the token needs the manage_billing:copilot scope " +
                "(or the Copilot metrics read permission of a fine-grained token), and the Copilot usage metrics policy must be enabled."),
            _ => new CollectorFailure($"GitHub answered {(int)response.StatusCode} {response.ReasonPhrase} to {what}.".Replace("  ", " ")),
        };
    }
}
