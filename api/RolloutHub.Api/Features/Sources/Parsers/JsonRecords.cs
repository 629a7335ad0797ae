using System.Text.Json;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Sources.Parsers;

/// <summary>
/// The records of a JSON source file, one at a time, in bounded memory whatever the file's size:
/// NDJSON (one record per line, numbered by line), a JSON array of records, or a JSON object
/// whose <c>container</c> array holds them (both numbered by position from 1). The object's other
/// members are skipped without being kept. Which one a file is comes from its first character and,
/// for '{', from whether its first line is a whole JSON value other than the container object
/// (NDJSON) or not (a document), whatever its media type says. Each record is handed over as its raw UTF-8
/// bytes, valid until the next move. A document that stops being JSON cannot be read further:
/// that is a 422 listing the errors met so far and this one.
/// </summary>
internal sealed class JsonRecords
{
    private const int MaxFirstLine = 4 << 20;
    private static readonly JsonReaderOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private readonly Stream _stream;
    private readonly string _container;
    private readonly IList<CsvLineError> _errors;
    private byte[] _buffer = new byte[1 << 16];
    private int _start, _end;
    private bool _eof;
    private Mode _mode;
    private long _nextLine = 1;
    private int _recordStart, _recordLength;

    private enum Mode { Ndjson, Array, Done }

    private JsonRecords(Stream stream, string container, IList<CsvLineError> errors)
    {
        _stream = stream;
        _container = container;
        _errors = errors;
    }

    /// <summary>The current record's line (NDJSON) or position from 1 (a document).</summary>
    public long Position { get; private set; }

    public ReadOnlySpan<byte> Current => _buffer.AsSpan(_recordStart, _recordLength);

    public static JsonRecords Open(Stream stream, string container, IList<CsvLineError> errors)
    {
        var records = new JsonRecords(stream, container, errors);
        records.Start();
        return records;
    }

    private void Start()
    {
        Fill();
        if (_end - _start >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF) _start += 3;
        var first = PeekNonSpace(consume: false);
        if (first < 0) { _mode = Mode.Done; return; }
        if (first == '[')
        {
            PeekNonSpace(consume: true);
            _start++;
            _mode = Mode.Array;
            return;
        }
        if (first != '{')
            throw NotJson(1, "The file is not JSON: a JSON array, a JSON object or one JSON object per line is expected.");

        // The content decides, not the media type: NDJSON is often sent as application/json, and a
        // pretty-printed report as anything.
        if (FirstLineIsOneRecord())
        {
            _mode = Mode.Ndjson;
            return;
        }
        PeekNonSpace(consume: true);
        _start++;
        EnterContainer();
    }

    /// <summary>The first non-blank line holds a whole JSON value that is not the container object.</summary>
    private bool FirstLineIsOneRecord()
    {
        var from = _start;
        while (from < _end && IsSpace(_buffer[from])) from++;
        int newline;
        while ((newline = Array.IndexOf(_buffer, (byte)'\n', from, _end - from)) < 0 && !_eof)
        {
            if (_end - _start >= MaxFirstLine) return false;
            var shift = _start;
            Fill();
            from -= shift - _start;
        }
        var line = _buffer.AsSpan(from, (newline < 0 ? _end : newline) - from);
        try
        {
            var reader = new Utf8JsonReader(line, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            var hasContainer = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                hasContainer |= reader.ValueTextEquals(_container);
                reader.Read();
                reader.Skip();
            }
            return !hasContainer;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Inside the root object: walks its members up to the container's array.</summary>
    private void EnterContainer()
    {
        while (true)
        {
            var c = PeekNonSpace(consume: true);
            if (c == ',') { _start++; continue; }
            if (c == '}' || c < 0)
            {
                if (c < 0) throw NotJson(1, "The JSON document ends before its end.");
                throw new CsvValidationException("The file lacks a required field.",
                    [.. _errors, CsvLineError.Of(1, _container, CsvErrorCode.MissingField, $"Required field '{_container}' is missing.", ("field", _container))]);
            }
            var (nameStart, nameLength) = ReadValue(0);
            var name = new Utf8JsonReader(_buffer.AsSpan(nameStart, nameLength), Options);
            var isContainer = name.Read() && name.TokenType == JsonTokenType.String && name.ValueTextEquals(_container);
            if (PeekNonSpace(consume: true) != ':') throw NotJson(1, "The JSON document is not valid.");
            _start++;
            var value = PeekNonSpace(consume: true);
            if (isContainer && value == '[')
            {
                _start++;
                _mode = Mode.Array;
                return;
            }
            ReadValue(0);
            if (isContainer)
            {
                _mode = Mode.Done;
                return;
            }
        }
    }

    public bool MoveNext() => _mode switch
    {
        Mode.Ndjson => NextLine(),
        Mode.Array => NextElement(),
        _ => false,
    };

    private bool NextLine()
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline < 0 && !_eof)
            {
                Fill();
                continue;
            }
            if (newline < 0 && _start == _end)
            {
                _mode = Mode.Done;
                return false;
            }
            var end = newline < 0 ? _end : newline;
            var line = _nextLine++;
            var from = _start;
            _start = newline < 0 ? _end : newline + 1;
            while (from < end && IsSpace(_buffer[from])) from++;
            while (end > from && IsSpace(_buffer[end - 1])) end--;
            if (from == end) continue;
            _recordStart = from;
            _recordLength = end - from;
            Position = line;
            return true;
        }
    }

    private bool NextElement()
    {
        while (true)
        {
            var c = PeekNonSpace(consume: true);
            if (c == ',') { _start++; continue; }
            if (c == ']')
            {
                _start++;
                _mode = Mode.Done;
                return false;
            }
            if (c < 0) throw NotJson(Position + 1, "The JSON document ends before its end.");
            (_recordStart, _recordLength) = ReadValue(Position + 1);
            Position++;
            return true;
        }
    }

    /// <summary>The next byte that is not white space (-1 at the end); <c>consume</c> drops the spaces.</summary>
    private int PeekNonSpace(bool consume)
    {
        var i = _start;
        while (true)
        {
            while (i < _end && IsSpace(_buffer[i])) i++;
            if (consume) _start = i;
            if (i < _end) return _buffer[i];
            if (_eof) return -1;
            var shift = _start;
            Fill();
            i -= shift - _start;
        }
    }

    /// <summary>One whole JSON value from the current position (it may need more of the file).</summary>
    private (int Start, int Length) ReadValue(long position)
    {
        while (true)
        {
            try
            {
                var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _eof, new JsonReaderState(Options));
                if (reader.Read() && reader.TrySkip())
                {
                    var value = (_start, (int)reader.BytesConsumed);
                    _start += (int)reader.BytesConsumed;
                    return value;
                }
            }
            catch (JsonException e)
            {
                throw NotJson(position == 0 ? 1 : position, $"The JSON document is not valid: {e.Message}");
            }
            if (_eof) throw NotJson(position == 0 ? 1 : position, "The JSON document ends before its end.");
            Fill();
        }
    }

    /// <summary>Moves the unread bytes to the front, grows the buffer when they fill it, and reads more.</summary>
    private void Fill()
    {
        if (_eof) return;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _recordStart -= _start;
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _eof = true;
        _end += read;
    }

    private CsvValidationException NotJson(long position, string message) =>
        new("The file is not valid JSON.", [.. _errors, CsvLineError.Of(position, null, CsvErrorCode.NotJson, message)]);

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
