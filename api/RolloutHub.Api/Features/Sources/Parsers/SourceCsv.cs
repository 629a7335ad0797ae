using System.Globalization;
using System.Text;
using nietras.SeparatedValues;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Sources.Parsers;

/// <summary>
/// A source's CSV file as exported, read one row at a time through Sep (which never holds the
/// file in memory). The header names the columns: a name is compared without case, surrounding
/// spaces and a trailing " (UTC)"; the separator (',', ';' or a tab) is detected from the header;
/// a BOM is ignored; cells may be quoted with doubled quotes and span lines. Duplicate names are
/// allowed (the first one counts): exports are not ours to fix.
/// </summary>
internal sealed class SourceCsv : IDisposable
{
    private readonly TextReader _text;
    private readonly SepReader _reader;
    private readonly Dictionary<string, int> _index = new(StringComparer.OrdinalIgnoreCase);

    private SourceCsv(TextReader text, SepReader reader, IReadOnlyList<string> names)
    {
        _text = text;
        _reader = reader;
        Names = names;
        for (var i = 0; i < names.Count; i++)
            if (names[i].Length > 0) _index.TryAdd(names[i], i);
    }

    /// <summary>The header's names, trimmed, without a trailing " (UTC)", in file order.</summary>
    public IReadOnlyList<string> Names { get; }

    public char Separator => _reader.Spec.Sep.Separator;

    /// <summary>Decimals may use ',' when the separator is not ','.</summary>
    public bool DecimalComma => Separator != ',';

    /// <summary>
    /// Opens the file and reads its header. <paramref name="required"/>: each required column
    /// with the other names it may have (e.g. UserId or UserIds); a missing one is a 422 on line 1.
    /// </summary>
    public static SourceCsv Open(Stream content, IReadOnlyList<string[]> required)
    {
        var text = new StreamReader(content, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        SepReader reader;
        try
        {
            reader = Sep.Reader(o => o with
            {
                HasHeader = false,
                Unescape = true,
                Trim = SepTrim.All,
                DisableColCountCheck = true,
            }).From(new Imports.RecordLengthLimit(text)); // a 50 MB line is a 422, not 50 MB held
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or NotSupportedException)
        {
            text.Dispose();
            throw new CsvValidationException("The header of the file is not readable.",
                [CsvLineError.Of(1, null, CsvErrorCode.UnreadableHeader, "The header line cannot be read.")]);
        }

        var names = new List<string>();
        if (reader.MoveNext())
        {
            var header = reader.Current;
            for (var i = 0; i < header.ColCount; i++) names.Add(Normalise(header[i].Span));
        }
        var csv = new SourceCsv(text, reader, names);
        var missing = required.Where(r => csv.IndexOf(r) < 0).ToList();
        if (missing.Count > 0)
        {
            csv.Dispose();
            throw MissingColumns(missing.Select(m => m[0]));
        }
        return csv;
    }

    public static CsvValidationException MissingColumns(IEnumerable<string> columns) =>
        new("The file lacks required columns.",
            columns.Select(c => CsvLineError.Of(1, c, CsvErrorCode.MissingColumn, $"Required column '{c}' is missing.", ("column", c))).ToList());

    /// <summary>A header name as compared: trimmed, without a trailing " (UTC)".</summary>
    public static string Normalise(ReadOnlySpan<char> name)
    {
        name = name.Trim();
        if (name.EndsWith("(UTC)", StringComparison.OrdinalIgnoreCase) && name.Length > 5 && char.IsWhiteSpace(name[^6]))
            name = name[..^5].TrimEnd();
        return name.ToString();
    }

    /// <summary>The index of the first column having one of these names, or -1.</summary>
    public int IndexOf(params string[] names)
    {
        foreach (var name in names)
            if (_index.TryGetValue(name, out var i)) return i;
        return -1;
    }

    /// <summary>Moves to the next row that is not blank.</summary>
    public bool MoveNext()
    {
        while (_reader.MoveNext())
        {
            var row = _reader.Current;
            for (var i = 0; i < row.ColCount; i++)
                if (!row[i].Span.IsWhiteSpace()) return true;
        }
        return false;
    }

    public SepReader.Row Current => _reader.Current;

    public static ReadOnlySpan<char> Cell(SepReader.Row row, int index) =>
        index >= 0 && index < row.ColCount ? row[index].Span.Trim() : [];

    /// <summary>The name the file gives a column (for errors).</summary>
    public string NameAt(int index) => Names[index];

    /// <summary>
    /// A number cell: empty (or NA, the R exports' "no value") is null; '.' decimals, or ','
    /// when the separator is not ','.
    /// </summary>
    public bool TryNumber(ReadOnlySpan<char> cell, out double? value)
    {
        value = null;
        if (cell.IsEmpty || cell.Equals("NA", StringComparison.OrdinalIgnoreCase) || cell.Equals("N/A", StringComparison.OrdinalIgnoreCase)
            || cell.Equals("null", StringComparison.OrdinalIgnoreCase))
            return true;
        if (double.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number))
        {
            value = number;
            return true;
        }
        if (DecimalComma && cell.Contains(',') && !cell.Contains('.') && cell.Length <= 64)
        {
            Span<char> copy = stackalloc char[cell.Length];
            cell.CopyTo(copy);
            copy.Replace(',', '.');
            if (double.TryParse(copy, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number)
                && double.IsFinite(number))
            {
                value = number;
                return true;
            }
        }
        return false;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _text.Dispose();
    }
}

/// <summary>The errors a source row reports, in one shape.</summary>
internal static class SourceErrors
{
    public static void NotADate(IList<CsvLineError> errors, long line, string column, ReadOnlySpan<char> value, string expected) =>
        errors.Add(CsvLineError.Of(line, column, CsvErrorCode.NotADate, $"'{value}' is not a date ({expected}).", ("value", value.ToString())));

    public static void NotANumber(IList<CsvLineError> errors, long line, string column, ReadOnlySpan<char> value) =>
        errors.Add(CsvLineError.Of(line, column, CsvErrorCode.NotANumber, $"'{value}' is not a number.", ("value", value.ToString())));

    public static void Missing(IList<CsvLineError> errors, long line, string column) =>
        errors.Add(CsvLineError.Of(line, column, CsvErrorCode.MissingValue, $"'{column}' is empty.", ("column", column)));
}
