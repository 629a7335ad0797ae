using System.Text;

namespace RolloutHub.Api.Infrastructure;

/// <summary>A page of a list (<c>limit</c>, <c>cursor</c>).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Keyset paging: the cursor is the opaque sort key of the last row returned, so a page is
/// one index seek however deep it is, and rows inserted meanwhile are neither skipped nor repeated.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 5000;

    public static int Limit(int? limit)
    {
        if (limit is null) return DefaultLimit;
        if (limit < 1 || limit > MaxLimit)
            throw RequestValidationException.For("limit", $"limit must be between 1 and {MaxLimit}.");
        return limit.Value;
    }

    public static string? After(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(cursor.Replace('-', '+').Replace('_', '/').PadRight((cursor.Length + 3) / 4 * 4, '=')));
        }
        catch (FormatException)
        {
            throw RequestValidationException.For("cursor", "The cursor is not one this API returned.");
        }
    }

    /// <summary>The cursor of a list ordered by a numeric id.</summary>
    public static long? AfterId(string? cursor)
    {
        var after = After(cursor);
        if (after is null) return null;
        return long.TryParse(after, out var id) ? id : throw RequestValidationException.For("cursor", "The cursor is not one this API returned.");
    }

    /// <summary>The cursor of a list ordered by date then key, newest first.</summary>
    public static (DateOnly? Date, string? Key) AfterDateAndKey(string? cursor)
    {
        var after = After(cursor);
        if (after is null) return (null, null);
        var parts = after.Split('|', 2);
        return parts.Length == 2 && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", out var date)
            ? (date, parts[1])
            : throw RequestValidationException.For("cursor", "The cursor is not one this API returned.");
    }

    /// <summary>Builds the page from up to limit + 1 rows fetched, the extra one telling whether there is more.</summary>
    public static Page<T> From<T>(IReadOnlyList<T> rows, int limit, Func<T, string> key)
    {
        if (rows.Count <= limit) return new Page<T>(rows, null);
        var items = rows.Take(limit).ToList();
        var next = Convert.ToBase64String(Encoding.UTF8.GetBytes(key(items[^1]))).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        return new Page<T>(items, next);
    }
}
