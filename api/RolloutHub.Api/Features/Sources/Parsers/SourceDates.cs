namespace RolloutHub.Api.Features.Sources.Parsers;

/// <summary>
/// The dates and times the sources' files hold, read without culture and without allocating:
/// dates are YYYY-MM-DD (some sources also DD/MM/YYYY); timestamps are ISO 8601 (fraction and
/// zone optional, no zone meaning UTC, an offset converted to UTC before the date is taken) or
/// the US M/D/YYYY H:MM[:SS] [AM|PM] of older audit exports. Surrounding spaces are ignored.
/// </summary>
public static class SourceDates
{
    public static bool TryParseDate(ReadOnlySpan<char> text, bool dayFirst, out DateOnly date)
    {
        text = text.Trim();
        date = default;
        if (TryIsoDate(text, out var y, out var m, out var d, out var used) && used == text.Length)
            return TryMake(y, m, d, out date);
        if (dayFirst && TrySlashDate(text, out var first, out var second, out y, out used) && used == text.Length)
            return TryMake(y, second, first, out date);
        return false;
    }

    /// <summary>A date written YYYY-MM-DD in UTF-8 (JSON sources).</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> utf8, out DateOnly date)
    {
        date = default;
        Span<char> chars = stackalloc char[16];
        if (utf8.Length > chars.Length) return false;
        for (var i = 0; i < utf8.Length; i++) chars[i] = (char)utf8[i];
        return TryParseDate(chars[..utf8.Length], dayFirst: false, out date);
    }

    /// <summary>The UTC date of an ISO 8601 or US timestamp.</summary>
    public static bool TryParseUtcDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        text = text.Trim();
        date = default;
        int y, m, d, used;
        bool us;
        if (TryIsoDate(text, out y, out m, out d, out used)) us = false;
        else if (TrySlashDate(text, out m, out d, out y, out used)) us = true;
        else return false;
        if (!TryMake(y, m, d, out var day)) return false;

        var rest = text[used..];
        if (rest.IsEmpty) { date = day; return true; }
        if (rest[0] is not ('T' or 't' or ' ')) return false;
        rest = rest[1..].TrimStart();

        if (!TryTwoDigits(rest, out var hour, out var n)) return false;
        rest = rest[n..];
        if (rest.IsEmpty || rest[0] != ':' || !TryExactlyTwo(rest[1..], out var minute)) return false;
        rest = rest[3..];
        var second = 0;
        if (!rest.IsEmpty && rest[0] == ':')
        {
            if (!TryExactlyTwo(rest[1..], out second)) return false;
            rest = rest[3..];
            if (!rest.IsEmpty && rest[0] is '.' or ',')
            {
                var f = 1;
                while (f < rest.Length && char.IsAsciiDigit(rest[f])) f++;
                if (f == 1) return false;
                rest = rest[f..];
            }
        }
        if (minute > 59 || second > 60) return false;

        var offsetMinutes = 0;
        if (us)
        {
            rest = rest.TrimStart();
            if (rest.Length == 2 && (rest[1] is 'M' or 'm') && (rest[0] is 'A' or 'a' or 'P' or 'p'))
            {
                if (hour is < 1 or > 12) return false;
                var pm = rest[0] is 'P' or 'p';
                hour = hour % 12 + (pm ? 12 : 0);
            }
            else if (!rest.IsEmpty) return false;
            if (hour > 23) return false;
        }
        else
        {
            if (hour > 23 && !(hour == 24 && minute == 0 && second == 0)) return false;
            if (!rest.IsEmpty)
            {
                if (rest.Length == 1 && rest[0] is 'Z' or 'z') { }
                else if (rest[0] is '+' or '-')
                {
                    var sign = rest[0] == '-' ? -1 : 1;
                    var zone = rest[1..];
                    if (!TryExactlyTwo(zone, out var oh)) return false;
                    zone = zone[2..];
                    var om = 0;
                    if (!zone.IsEmpty)
                    {
                        if (zone[0] == ':') zone = zone[1..];
                        if (zone.Length != 2 || !TryExactlyTwo(zone, out om)) return false;
                    }
                    if (oh > 23 || om > 59) return false;
                    offsetMinutes = sign * (oh * 60 + om);
                }
                else return false;
            }
        }

        // Only the date matters: an offset can move the UTC time across midnight either way.
        var minutes = hour * 60 + minute - offsetMinutes;
        date = day.AddDays(FloorDiv(minutes, 24 * 60));
        return true;
    }

    /// <summary>YYYY-MM-DD as text (event ids).</summary>
    public static int Write(DateOnly date, Span<char> destination)
    {
        var y = date.Year;
        destination[0] = (char)('0' + y / 1000 % 10);
        destination[1] = (char)('0' + y / 100 % 10);
        destination[2] = (char)('0' + y / 10 % 10);
        destination[3] = (char)('0' + y % 10);
        destination[4] = '-';
        destination[5] = (char)('0' + date.Month / 10);
        destination[6] = (char)('0' + date.Month % 10);
        destination[7] = '-';
        destination[8] = (char)('0' + date.Day / 10);
        destination[9] = (char)('0' + date.Day % 10);
        return 10;
    }

    private static int FloorDiv(int a, int b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static bool TryMake(int y, int m, int d, out DateOnly date)
    {
        date = default;
        if (y is < 1900 or > 2200 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    // YYYY-MM-DD at the start of the text.
    private static bool TryIsoDate(ReadOnlySpan<char> s, out int y, out int m, out int d, out int used)
    {
        y = m = d = used = 0;
        if (s.Length < 10 || s[4] != '-' || s[7] != '-') return false;
        if (!TryDigits(s[..4], out y) || !TryDigits(s.Slice(5, 2), out m) || !TryDigits(s.Slice(8, 2), out d)) return false;
        used = 10;
        return true;
    }

    // A/B/YYYY at the start of the text, A and B of one or two digits.
    private static bool TrySlashDate(ReadOnlySpan<char> s, out int a, out int b, out int y, out int used)
    {
        a = b = y = used = 0;
        if (!TryTwoDigits(s, out a, out var n) || n >= s.Length || s[n] != '/') return false;
        var i = n + 1;
        if (!TryTwoDigits(s[i..], out b, out n) || i + n >= s.Length || s[i + n] != '/') return false;
        i += n + 1;
        if (s.Length < i + 4 || !TryDigits(s.Slice(i, 4), out y)) return false;
        used = i + 4;
        return used == s.Length || !char.IsAsciiDigit(s[used]);
    }

    // One or two digits.
    private static bool TryTwoDigits(ReadOnlySpan<char> s, out int value, out int used)
    {
        value = used = 0;
        while (used < s.Length && used < 2 && char.IsAsciiDigit(s[used])) value = value * 10 + (s[used++] - '0');
        return used > 0 && (used == s.Length || !char.IsAsciiDigit(s[used]));
    }

    private static bool TryExactlyTwo(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        return s.Length >= 2 && TryDigits(s[..2], out value);
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
