using Microsoft.Extensions.Options;
using Quartz;

namespace RolloutHub.Api.Features.Collectors;

/// <summary>
/// The <c>Collectors</c> section: what every collector shares. Secrets (tokens, client secrets,
/// certificate passwords) are read from configuration or environment variables only; they are
/// never answered by the API, logged, or written to job runs or the audit log.
/// </summary>
public sealed class CollectorsOptions
{
    /// <summary><c>Collectors:BackfillDays</c>: how many days a collector that holds none fetches on its first run.</summary>
    public int BackfillDays { get; set; } = 28;

    /// <summary><c>Collectors:RefetchDays</c>: the last days fetched again at every run (the vendors publish with 24–72 h of lag).</summary>
    public int RefetchDays { get; set; } = 3;

    /// <summary><c>Collectors:MaxRetries</c>: retries of a run that failed for a passing reason (network, vendor busy or down).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary><c>Collectors:RetryDelaySeconds</c>: the wait before the first retry of a run, doubled for each further one.</summary>
    public double RetryDelaySeconds { get; set; } = 300;

    /// <summary><c>Collectors:HttpAttempts</c>: tries of one request answered 429 or 5xx before the run fails.</summary>
    public int HttpAttempts { get; set; } = 5;

    /// <summary><c>Collectors:HttpRetryDelaySeconds</c>: the wait before retrying a request when the vendor gives no Retry-After, doubled each time.</summary>
    public double HttpRetryDelaySeconds { get; set; } = 2;

    /// <summary><c>Collectors:MaxRetryAfterSeconds</c>: the longest Retry-After honoured within a run; a longer one fails the run, which is retried later.</summary>
    public double MaxRetryAfterSeconds { get; set; } = 600;

    /// <summary><c>Collectors:HttpTimeoutSeconds</c>: the longest one request (a download included) may take.</summary>
    public double HttpTimeoutSeconds { get; set; } = 600;

    public GitHubCollectorOptions GitHub { get; set; } = new();
    public MicrosoftCollectorOptions Microsoft { get; set; } = new();
}

/// <summary><c>Collectors:GitHub</c>: GitHub Copilot's usage metrics and seats.</summary>
public sealed class GitHubCollectorOptions
{
    public bool Enabled { get; set; }
    /// <summary>Quartz cron (seconds first, UTC).</summary>
    public string Schedule { get; set; } = "0 15 4 * * ?";
    /// <summary>The REST API's root: https://api.github.com, https://HOST/api/v3 (GitHub Enterprise Server) or https://api.SUBDOMAIN.ghe.com (data residency).</summary>
    public string BaseUrl { get; set; } = "https://api.github.com";
    public string? Organization { get; set; }
    public string? Enterprise { get; set; }
    public string? Token { get; set; }
    /// <summary>Mark the employees who hold a Copilot seat (matched through their <c>github</c> identity) as seat holders.</summary>
    public bool MarkSeats { get; set; }

    public bool Configured =>
        !string.IsNullOrWhiteSpace(Token) && (!string.IsNullOrWhiteSpace(Organization) || !string.IsNullOrWhiteSpace(Enterprise));

    /// <summary>The keys still missing, in words for an admin.</summary>
    public IEnumerable<string> Missing()
    {
        if (string.IsNullOrWhiteSpace(Token)) yield return "Collectors:GitHub:Token";
        if (string.IsNullOrWhiteSpace(Organization) && string.IsNullOrWhiteSpace(Enterprise)) yield return "Collectors:GitHub:Organization (or Enterprise)";
    }
}

/// <summary><c>Collectors:Microsoft</c>: Microsoft Graph, as an application (client credentials).</summary>
public sealed class MicrosoftCollectorOptions
{
    public bool Enabled { get; set; }
    public string Schedule { get; set; } = "0 45 4 * * ?";
    /// <summary>https://graph.microsoft.com, or a national cloud's (https://graph.microsoft.us, https://microsoftgraph.chinacloudapi.cn…).</summary>
    public string GraphBaseUrl { get; set; } = "https://graph.microsoft.com";
    /// <summary>https://login.microsoftonline.com, or a national cloud's (https://login.microsoftonline.us, https://login.chinacloudapi.cn…).</summary>
    public string LoginBaseUrl { get; set; } = "https://login.microsoftonline.com";
    public string? TenantId { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>A PFX/PKCS#12 file holding the application's certificate and private key (instead of a client secret).</summary>
    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }
    /// <summary>The employees listed by the Copilot usage report (licence holders) get a seat.</summary>
    public bool MarkSeats { get; set; }
    /// <summary>Collect the Copilot usage report (user detail, last 7 days).</summary>
    public bool UsageReport { get; set; } = true;
    /// <summary>Collect the CopilotInteraction records of the audit log.</summary>
    public bool AuditLog { get; set; } = true;
    /// <summary>How often a running audit log query is asked whether it has finished.</summary>
    public double AuditPollSeconds { get; set; } = 30;
    /// <summary>How long an audit log query may run before the run gives up (it is retried later).</summary>
    public double AuditQueryTimeoutMinutes { get; set; } = 120;

    public bool Configured =>
        !string.IsNullOrWhiteSpace(TenantId) && !string.IsNullOrWhiteSpace(ClientId)
        && (!string.IsNullOrWhiteSpace(ClientSecret) || !string.IsNullOrWhiteSpace(CertificatePath));

    public IEnumerable<string> Missing()
    {
        if (string.IsNullOrWhiteSpace(TenantId)) yield return "Collectors:Microsoft:TenantId";
        if (string.IsNullOrWhiteSpace(ClientId)) yield return "Collectors:Microsoft:ClientId";
        if (string.IsNullOrWhiteSpace(ClientSecret) && string.IsNullOrWhiteSpace(CertificatePath))
            yield return "Collectors:Microsoft:ClientSecret (or CertificatePath)";
    }
}

/// <summary>
/// Checked when the service starts: a collector switched on without what it needs, a schedule
/// that is not a cron expression or a base URL that is not one stops the start with the key to fix.
/// The messages name keys, never values.
/// </summary>
public sealed class ValidateCollectorsOptions : IValidateOptions<CollectorsOptions>
{
    public ValidateOptionsResult Validate(string? name, CollectorsOptions options)
    {
        var errors = new List<string>();
        if (options.BackfillDays is < 1 or > 400) errors.Add("Collectors:BackfillDays must be between 1 and 400.");
        if (options.RefetchDays is < 0 or > 28) errors.Add("Collectors:RefetchDays must be between 0 and 28.");
        if (options.MaxRetries < 0) errors.Add("Collectors:MaxRetries must not be negative.");
        if (options.HttpAttempts < 1) errors.Add("Collectors:HttpAttempts must be at least 1.");
        if (options.RetryDelaySeconds < 0 || options.HttpRetryDelaySeconds < 0 || options.MaxRetryAfterSeconds < 0)
            errors.Add("Collectors:RetryDelaySeconds, HttpRetryDelaySeconds and MaxRetryAfterSeconds must not be negative.");
        if (options.HttpTimeoutSeconds <= 0) errors.Add("Collectors:HttpTimeoutSeconds must be positive.");

        var github = options.GitHub;
        CheckCron(errors, "Collectors:GitHub:Schedule", github.Schedule);
        CheckUrl(errors, "Collectors:GitHub:BaseUrl", github.BaseUrl);
        if (!string.IsNullOrWhiteSpace(github.Organization) && !string.IsNullOrWhiteSpace(github.Enterprise))
            errors.Add("Collectors:GitHub: set Organization or Enterprise, not both.");
        if (github.Enabled && !github.Configured)
            errors.Add($"Collectors:GitHub:Enabled is true but {string.Join(" and ", github.Missing())} is not set.");

        var microsoft = options.Microsoft;
        CheckCron(errors, "Collectors:Microsoft:Schedule", microsoft.Schedule);
        CheckUrl(errors, "Collectors:Microsoft:GraphBaseUrl", microsoft.GraphBaseUrl);
        CheckUrl(errors, "Collectors:Microsoft:LoginBaseUrl", microsoft.LoginBaseUrl);
        if (microsoft.AuditPollSeconds <= 0 || microsoft.AuditQueryTimeoutMinutes <= 0)
            errors.Add("Collectors:Microsoft:AuditPollSeconds and AuditQueryTimeoutMinutes must be positive.");
        if (microsoft.Enabled && !microsoft.Configured)
            errors.Add($"Collectors:Microsoft:Enabled is true but {string.Join(" and ", microsoft.Missing())} is not set.");
        if (!string.IsNullOrWhiteSpace(microsoft.CertificatePath) && !File.Exists(microsoft.CertificatePath))
            errors.Add("Collectors:Microsoft:CertificatePath names no readable file.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckCron(List<string> errors, string key, string cron)
    {
        if (!CronExpression.TryParse(cron, out _)) errors.Add($"{key} is not a Quartz cron expression (seconds first, e.g. 0 15 4 * * ?).");
    }

    private static void CheckUrl(List<string> errors, string key, string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            errors.Add($"{key} is not an absolute http(s) URL.");
    }
}
