using System.Globalization;
using System.Text;
using nietras.SeparatedValues;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Imports;

/// <summary>A column an import kind reads; required columns must be in the header.</summary>
public sealed record CsvColumn(string Name, bool Required);

/// <summary>
/// Reads an import file one row at a time: header first, columns in any order,
/// `,` or `;` detected from the header, UTF-8 with or without BOM. Wraps Sep, which parses
/// without copying the file into memory.
/// </summary>
public sealed class CsvImportFile : IDisposable
{
    private readonly SepReader _reader;
    private readonly Dictionary<string, int> _columnIndex;

    private CsvImportFile(SepReader reader, Dictionary<string, int> columnIndex, char separator, List<CsvLineError> warnings)
    {
        _reader = reader;
        _columnIndex = columnIndex;
        Separator = separator;
        Warnings = warnings;
    }

    public char Separator { get; }
    public bool DecimalComma => Separator == ';';
    public IReadOnlyList<CsvLineError> Warnings { get; }
    public int HeaderWidth => _columnIndex.Count == 0 ? 0 : _reader.Header.ColNames.Count;

    /// <summary>Opens the file and checks its header; a bad header is a 422 on line 1.</summary>
    public static CsvImportFile Open(TextReader text, IReadOnlyList<CsvColumn> columns)
    {
        if (text.Peek() < 0)
            throw new CsvValidationException("The file is empty.", [CsvLineError.Of(1, null, CsvErrorCode.EmptyFile, "The file is empty: a header line is expected.")]);

        SepReader reader;
        try
        {
            reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true, Trim = SepTrim.Outer }).From(new RecordLengthLimit(text));
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or NotSupportedException)
        {
            throw new CsvValidationException("The header of the file is not readable.",
                [CsvLineError.Of(1, null, CsvErrorCode.UnreadableHeader, "The header line cannot be read: each column needs a distinct name.")]);
        }
        var separator = reader.Spec.Sep.Separator;
        var names = reader.Header.ColNames;
        var errors = new List<CsvLineError>();
        var warnings = new List<CsvLineError>();
        if (separator is not (',' or ';') && names.Count > 1)
            errors.Add(CsvLineError.Of(1, null, CsvErrorCode.BadSeparator, $"The separator must be ',' or ';', not '{separator}'.", ("separator", separator.ToString())));

        var known = columns.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i].Trim();
            if (name.Length == 0) continue;
            if (!known.ContainsKey(name))
                warnings.Add(CsvLineError.Of(1, name, CsvErrorCode.UnknownColumn, $"Unknown column '{name}' is ignored.", ("column", name)));
            else if (!index.TryAdd(name, i))
                errors.Add(CsvLineError.Of(1, name, CsvErrorCode.DuplicateColumn, $"Column '{name}' appears more than once.", ("column", name)));
        }
        foreach (var column in columns.Where(c => c.Required && !index.ContainsKey(c.Name)))
            errors.Add(CsvLineError.Of(1, column.Name, CsvErrorCode.MissingColumn, $"Required column '{column.Name}' is missing.", ("column", column.Name)));

        if (errors.Count > 0)
        {
            reader.Dispose();
            throw new CsvValidationException("The header of the file is not valid.", errors);
        }
        return new CsvImportFile(reader, index, separator, warnings);
    }

    /// <summary>Each data row, with its line number and a way to read typed cells.</summary>
    public IEnumerable<CsvImportRow> Rows()
    {
        foreach (var row in _reader)
        {
            var cells = new string?[_columnIndex.Count == 0 ? 0 : row.ColCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = row[i].ToString();
            // A well-formed record has an even number of quotes; an odd one means a quote was
            // never closed and the parser ran on past the line.
            var balanced = row.Span.Count('"') % 2 == 0;
            yield return new CsvImportRow(row.LineNumberFrom, cells, row.ColCount, this, balanced);
        }
    }

    internal int? IndexOf(string column) => _columnIndex.TryGetValue(column, out var i) ? i : null;

    public void Dispose() => _reader.Dispose();

    /// <summary>A text reader that refuses bytes that are not UTF-8 instead of guessing.</summary>
    public static TextReader Utf8Reader(Stream stream) =>
        new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true),
            detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
}

/// <summary>
/// Sep holds a whole record in its buffer, growing it to fit, up to 16 M characters, beyond
/// which it fails. A 50 MB line or an unclosed quote running to the end of the file would thus
/// cost hundreds of MB, then a 500. This reader, between the text and Sep, counts the characters
/// of the current record (a quoted line break does not end one) and stops at
/// <see cref="MaxChars"/> with a 422 naming the line where that record starts, so Sep's buffer
/// never grows past it. It also turns a body that cannot be read (a multipart section whose
/// boundary never comes) into a 400 instead of a 500.
/// </summary>
internal sealed class RecordLengthLimit(TextReader inner) : TextReader
{
    /// <summary>The longest record accepted: far above any real row (the longest cell is 4,000 characters), far below Sep's limit.</summary>
    public const int MaxChars = 1 << 20;

    private long _line = 1, _recordLine = 1;
    private int _recordChars;
    private bool _inQuotes;

    public override int Peek() => Guard(inner.Peek);

    public override int Read()
    {
        var c = Guard(inner.Read);
        if (c >= 0) Count([(char)c]);
        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        int read;
        try
        {
            read = inner.Read(buffer);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && e is not BadHttpRequestException)
        {
            throw Unreadable(e);
        }
        Count(buffer[..read]);
        return read;
    }

    public override int ReadBlock(Span<char> buffer)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = Read(buffer[total..])) > 0) total += read;
        return total;
    }

    public override int ReadBlock(char[] buffer, int index, int count) => ReadBlock(buffer.AsSpan(index, count));

    private void Count(ReadOnlySpan<char> chars)
    {
        foreach (var c in chars)
        {
            if (c == '"') _inQuotes = !_inQuotes;
            if (c == '\n')
            {
                _line++;
                if (!_inQuotes)
                {
                    _recordChars = 0;
                    _recordLine = _line;
                    continue;
                }
            }
            if (++_recordChars > MaxChars)
                throw new CsvValidationException($"Line {_recordLine} is too long; nothing was imported.",
                [
                    CsvLineError.Of(_recordLine, null, _inQuotes ? CsvErrorCode.UnclosedQuote : CsvErrorCode.LineTooLong,
                        _inQuotes
                            ? $"A quoted value opened on this line runs past {MaxChars} characters: check this line's quotes."
                            : $"This line is longer than {MaxChars} characters.",
                        ("max", MaxChars.ToString(CultureInfo.InvariantCulture))),
                ]);
        }
    }

    private static int Guard(Func<int> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is InvalidDataException or IOException && e is not BadHttpRequestException)
        {
            throw Unreadable(e);
        }
    }

    private static BadHttpRequestException Unreadable(Exception e) =>
        new($"The request body cannot be read: {e.Message}", StatusCodes.Status400BadRequest, e);

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>
/// One data row. Each typed accessor records an error against the row's line and column
/// instead of throwing, so that one pass reports every bad cell of the file.
/// </summary>
public sealed class CsvImportRow(long line, string?[] cells, int width, CsvImportFile file, bool quotesBalanced = true)
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];
    private readonly List<CsvLineError> _errors = [];

    public long Line { get; } = line;
    public IReadOnlyList<CsvLineError> Errors => _errors;
    public bool IsValid => _errors.Count == 0;
    public bool IsBlank => cells.All(string.IsNullOrWhiteSpace);
    public bool HasHeaderWidth => width == file.HeaderWidth;
    public bool QuotesBalanced => quotesBalanced;

    public void Error(string? column, CsvErrorCode code, string message, params (string Name, string Value)[] args) =>
        _errors.Add(CsvLineError.Of(Line, column, code, message, args));

    public string? Text(string column, bool required = false, int maxLength = 1000)
    {
        var value = Raw(column);
        if (value is null)
        {
            if (required) Error(column, CsvErrorCode.Required, $"'{column}' is required.", ("column", column));
            return null;
        }
        if (value.Length > maxLength)
            Error(column, CsvErrorCode.TooLong, $"'{column}' is longer than {maxLength} characters.", ("column", column), ("max", maxLength.ToString(CultureInfo.InvariantCulture)));
        return value;
    }

    /// <summary>
    /// A key cell (a code, an employee key, an id): folded to normal form KC, so that keys typed
    /// in another form (decomposed accents, fullwidth letters) match; invisible and control
    /// characters are a line error (<see cref="KeyText"/>).
    /// </summary>
    public string? Key(string column, bool required = false, int maxLength = 100)
    {
        var value = Text(column, required, maxLength);
        if (value is null) return null;
        if (KeyText.Problem($"'{column}'", value) is { } problem)
        {
            Error(column, CsvErrorCode.InvisibleCharacter, problem, ("value", value));
            return null;
        }
        return KeyText.Normalise(value);
    }

    public DateOnly? Date(string column, bool required = false)
    {
        var value = Text(column, required);
        if (value is null) return null;
        if (DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && DateBounds.Contains(date))
            return date;
        Error(column, CsvErrorCode.NotADate, $"'{value}' is not a date (YYYY-MM-DD or DD/MM/YYYY).", ("value", value));
        return null;
    }

    public decimal? Decimal(string column, bool required = false, decimal min = decimal.MinValue, decimal max = 1_000_000_000_000m)
    {
        var value = Text(column, required);
        if (value is null) return null;
        // Decimals use '.', or ',' when the separator is ';'.
        var normalised = file.DecimalComma ? value.Replace(',', '.') : value;
        if (!decimal.TryParse(normalised, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            if (file.DecimalComma) Error(column, CsvErrorCode.NotANumberDecimalComma, $"'{value}' is not a number (decimal comma expected with ';').", ("value", value));
            else Error(column, CsvErrorCode.NotANumber, $"'{value}' is not a number.", ("value", value));
            return null;
        }
        if (number < min || number > max)
        {
            Error(column, CsvErrorCode.OutOfRange, $"'{value}' must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.",
                ("value", value), ("min", min.ToString(CultureInfo.InvariantCulture)), ("max", max.ToString(CultureInfo.InvariantCulture)));
            return null;
        }
        return number;
    }

    public int? Integer(string column, bool required = false, int min = int.MinValue, int max = int.MaxValue)
    {
        var value = Text(column, required);
        if (value is null) return null;
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            Error(column, CsvErrorCode.NotAWholeNumber, $"'{value}' is not a whole number.", ("value", value));
            return null;
        }
        if (number < min || number > max)
        {
            Error(column, CsvErrorCode.OutOfRange, $"'{value}' must be between {min} and {max}.",
                ("value", value), ("min", min.ToString(CultureInfo.InvariantCulture)), ("max", max.ToString(CultureInfo.InvariantCulture)));
            return null;
        }
        return number;
    }

    /// <summary>True/false, 1/0, oui/non, vrai/faux, in any case.</summary>
    public bool? Boolean(string column)
    {
        var value = Text(column);
        if (value is null) return null;
        switch (value.ToLowerInvariant())
        {
            case "true" or "1" or "oui" or "vrai": return true;
            case "false" or "0" or "non" or "faux": return false;
            default:
                Error(column, CsvErrorCode.NotYesNo, $"'{value}' is not a yes/no value (true/false, 1/0, oui/non, vrai/faux).", ("value", value));
                return null;
        }
    }

    public string? OneOf(string column, IReadOnlyCollection<string> allowed, bool required = false)
    {
        var value = Text(column, required);
        if (value is null) return null;
        var match = allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
        if (match is null)
            Error(column, CsvErrorCode.NotOneOf, $"'{value}' is not one of {string.Join(", ", allowed)}.", ("value", value), ("allowed", string.Join(", ", allowed)));
        return match;
    }

    private string? Raw(string column)
    {
        var index = file.IndexOf(column);
        if (index is null || index.Value >= cells.Length) return null;
        var value = cells[index.Value];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
