namespace RolloutHub.Api.Features.Sources.Parsers;

/// <summary>
/// The use case a source's app or feature counts for: <c>slug(prefix + "-" + name)</c>, where
/// slug lowercases and turns every run of characters other than a–z and 0–9 into one '-',
/// trimmed at both ends. A use case created from a source takes the name as its title.
/// </summary>
public static class UseCaseSlug
{
    public static string For(string prefix, string name) => Of(prefix + "-" + name);

    public static string Of(ReadOnlySpan<char> text)
    {
        Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        var pendingDash = false;
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (pendingDash && length > 0) buffer[length++] = '-';
                pendingDash = false;
                buffer[length++] = c;
            }
            else pendingDash = true;
        }
        return new string(buffer[..length]);
    }
}

/// <summary>A use case a source names: its code (already slugged) and the title a new one gets.</summary>
public sealed record SourceUseCase(string Code, string Title)
{
    public static SourceUseCase For(string prefix, string name) => new(UseCaseSlug.For(prefix, name), name);
}
