namespace RolloutHub.Api.Features.Sources.Parsers;

/// <summary>The sources RolloutHub reads, by their name in the API.</summary>
public static class SourceParsers
{
    public static IReadOnlyList<ISourceParser> All { get; } =
    [
        new M365CopilotAuditParser(),
        new M365CopilotUsageParser(),
        new GitHubCopilotParser(),
        new ChatGptEnterpriseParser(),
        new VivaCopilotParser(),
    ];

    /// <summary>The parser of a source name (any case), or null.</summary>
    public static ISourceParser? Find(string? source) =>
        source is null ? null : All.FirstOrDefault(p => string.Equals(p.Source, source.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The identity systems sources' users are matched against.</summary>
    public const string Email = "email";
    public const string GitHub = "github";
    public const string Viva = "viva";
}
