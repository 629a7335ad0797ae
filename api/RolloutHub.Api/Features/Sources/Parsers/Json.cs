using System.Text;
using System.Text.Json;

namespace RolloutHub.Api.Features.Sources.Parsers;

/// <summary>Small readers over <see cref="Utf8JsonReader"/> for the JSON the sources hold.</summary>
internal static class Json
{
    /// <summary>The current property name equals this ASCII name, without case.</summary>
    public static bool NameIs(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
            return Ascii.EqualsIgnoreCase(reader.ValueSpan, name);
        var text = reader.GetString();
        return text is not null && Ascii.EqualsIgnoreCase(Encoding.UTF8.GetBytes(text), name);
    }

    /// <summary>A string or number value as text; null for null, objects and arrays (skipped).</summary>
    public static string? Text(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String: return reader.GetString();
            case JsonTokenType.Number: return Encoding.UTF8.GetString(reader.ValueSpan);
            default:
                reader.Skip();
                return null;
        }
    }

    /// <summary>A string value's characters, unescaped, into the buffer (longer ones allocate).</summary>
    public static ReadOnlySpan<char> Chars(ref Utf8JsonReader reader, char[] buffer)
    {
        if (!reader.HasValueSequence && reader.ValueSpan.Length <= buffer.Length)
            return buffer.AsSpan(0, reader.CopyString(buffer));
        return reader.GetString();
    }
}
