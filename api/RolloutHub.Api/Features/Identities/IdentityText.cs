namespace RolloutHub.Api.Features.Identities;

/// <summary>
/// How employees' e-mail addresses and their identifiers in other systems are stored and compared:
/// without case and surrounding spaces. Stored already normalised, so that an index on the column
/// compares them as the rule says on every database.
/// </summary>
public static class IdentityText
{
    public const int MaxSystemLength = 50;
    public const int MaxExternalIdLength = 320;

    /// <summary>Trimmed and lowercased; null for nothing but spaces.</summary>
    public static string? Normalise(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();

    /// <summary>An e-mail address or UPN as the tools export them: one '@', something on each side, no spaces.</summary>
    public static bool LooksLikeEmail(string value)
    {
        var at = value.IndexOf('@');
        return at > 0 && at == value.LastIndexOf('@') && at < value.Length - 1 && !value.Any(char.IsWhiteSpace);
    }
}
