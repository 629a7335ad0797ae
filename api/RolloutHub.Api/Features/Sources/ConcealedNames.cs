namespace RolloutHub.Api.Features.Sources;

/// <summary>
/// The Microsoft 365 usage report hides user names by default ("Display concealed user, group,
/// and site names in all reports"): each UPN becomes 32 hexadecimal characters, which name nobody.
/// </summary>
public static class ConcealedNames
{
    public const string UsageReport = "m365-copilot-usage";

    public const string Message =
        "Every user name in this report is concealed, so no row can be matched to an employee. In the Microsoft 365 admin centre, " +
        "Settings > Org settings > Services > Reports, turn off 'Display concealed user, group, and site names in all reports', " +
        "then export the report again.";

    /// <summary>A UPN (or its part before '@') of exactly 32 hexadecimal characters.</summary>
    public static bool IsConcealed(string upn)
    {
        var name = upn.Trim();
        var at = name.IndexOf('@');
        if (at >= 0) name = name[..at];
        return name.Length == 32 && name.All(char.IsAsciiHexDigit);
    }
}
