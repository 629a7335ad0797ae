namespace RolloutHub.Api.Features.Sources.Parsers;

/// <summary>
/// Writes a source event's id: parts joined by ':', identifiers lowercased, dates YYYY-MM-DD,
/// so that the same export read twice gives the same ids. One string allocated per id.
/// </summary>
internal ref struct EventId
{
    private Span<char> _buffer;
    private char[]? _rented;
    private int _length;

    public EventId(Span<char> buffer)
    {
        _buffer = buffer;
        _rented = null;
        _length = 0;
    }

    public static string Of(string source, ReadOnlySpan<char> id)
    {
        var b = new EventId(stackalloc char[256]);
        b.Part(source);
        b.Identifier(id);
        return b.ToStringAndClear();
    }

    public void Part(ReadOnlySpan<char> text)
    {
        Separator();
        Append(text);
    }

    public void Identifier(ReadOnlySpan<char> text)
    {
        Separator();
        Ensure(text.Length);
        _length += text.ToLowerInvariant(_buffer[_length..]);
    }

    public void Date(DateOnly date)
    {
        Separator();
        Ensure(10);
        _length += SourceDates.Write(date, _buffer[_length..]);
    }

    public string ToStringAndClear()
    {
        var text = new string(_buffer[.._length]);
        if (_rented is not null) System.Buffers.ArrayPool<char>.Shared.Return(_rented);
        _rented = null;
        return text;
    }

    private void Separator()
    {
        if (_length == 0) return;
        Ensure(1);
        _buffer[_length++] = ':';
    }

    private void Append(ReadOnlySpan<char> text)
    {
        Ensure(text.Length);
        text.CopyTo(_buffer[_length..]);
        _length += text.Length;
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length) return;
        var bigger = System.Buffers.ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer[.._length].CopyTo(bigger);
        if (_rented is not null) System.Buffers.ArrayPool<char>.Shared.Return(_rented);
        _rented = bigger;
        _buffer = bigger;
    }
}
