using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Imports;

/// <summary>
/// The line errors of one import file: all are counted, the first <see cref="MaxListed"/> are
/// kept (a file of a million bad lines must not answer a million errors), and the answer lists
/// them in line order. Written by the parsing side only, read once the file has been read.
/// </summary>
public sealed class ImportErrors
{
    /// <summary>Past this many, further errors are counted but not listed.</summary>
    public const int MaxListed = 10_000;

    private readonly List<CsvLineError> _listed = [];

    public int Count { get; private set; }

    /// <summary>The line being read: where a file that stops being UTF-8 is reported.</summary>
    public long LastLine { get; set; } = 1;

    public void Add(CsvLineError error)
    {
        Count++;
        if (_listed.Count < MaxListed) _listed.Add(error);
    }

    public void AddRange(IEnumerable<CsvLineError> errors)
    {
        foreach (var error in errors) Add(error);
    }

    public IReadOnlyList<CsvLineError> Sorted() => _listed.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();

    /// <summary>All or nothing: any error refuses the whole file, with every listed error in one answer.</summary>
    public void ThrowIfAny()
    {
        if (Count == 0) return;
        throw new CsvValidationException(
            Count > MaxListed
                ? $"{Count} errors in the file; the first {MaxListed} are listed. Nothing was imported."
                : $"{Count} error(s) in the file. Nothing was imported.",
            Sorted());
    }
}
