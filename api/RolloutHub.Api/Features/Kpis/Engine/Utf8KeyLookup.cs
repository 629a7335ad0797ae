namespace RolloutHub.Api.Features.Kpis.Engine;

/// <summary>
/// The index of a key (an employee or a use case) from the UTF-8 bytes SQLite hands over, without
/// making a string per row. The scans read indexes ordered by day (or week) and then by key, so
/// rows come in runs of ascending keys: the lookup tries the last key found and the few after it
/// before a binary search. Keys are ordered by their bytes, as SQLite orders text (BINARY).
/// </summary>
public sealed class Utf8KeyLookup(IReadOnlyDictionary<string, int> indexes)
{
    private const int Ahead = 4;
    private byte[][]? _keys;
    private int[]? _indexes;
    private int _last;

    /// <summary>The same keys by their text, for readers that hand over strings (ADO.NET).</summary>
    public IReadOnlyDictionary<string, int> ByText => indexes;

    // Ordered by bytes once, on the first lookup: a run that reads no SQLite rows never pays for it.
    private void Sort()
    {
        var sorted = indexes.Select(kv => (Key: System.Text.Encoding.UTF8.GetBytes(kv.Key), Index: kv.Value)).ToArray();
        Array.Sort(sorted, (a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        _keys = sorted.Select(k => k.Key).ToArray();
        _indexes = sorted.Select(k => k.Index).ToArray();
    }

    public bool TryFind(ReadOnlySpan<byte> key, out int index)
    {
        if (_keys is null) Sort();
        for (var i = _last; i < Math.Min(_last + Ahead, _keys!.Length); i++)
        {
            var order = key.SequenceCompareTo(_keys[i]);
            if (order == 0) return Found(i, out index);
            if (order < 0) break;
        }
        int lo = 0, hi = _keys.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var order = key.SequenceCompareTo(_keys[mid]);
            if (order == 0) return Found(mid, out index);
            if (order < 0) hi = mid - 1; else lo = mid + 1;
        }
        index = -1;
        return false;
    }

    /// <summary>The index of a key that must exist (a foreign key of the row).</summary>
    public int Find(ReadOnlySpan<byte> key) => TryFind(key, out var index)
        ? index
        : throw new KeyNotFoundException($"'{System.Text.Encoding.UTF8.GetString(key)}' is not a known key.");

    private bool Found(int position, out int index)
    {
        _last = position;
        index = _indexes![position];
        return true;
    }
}
