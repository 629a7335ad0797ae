using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Sources;

/// <summary>
/// One usage event a source row gives (docs: "Sources"): its event id as the source defines it
/// (identifiers lowercased, dates YYYY-MM-DD), its date, and the use case it counts for, by code
/// (already slugged) and by the title a new use case would get.
/// </summary>
public readonly record struct SourceEvent(string EventId, DateOnly OccurredOn, string UseCaseCode, string UseCaseTitle, int Uses);

/// <summary>
/// One row (CSV, NDJSON line) or record (JSON document) of a source file, as its parser read it.
/// <c>Line</c> is where the row starts (CSV, NDJSON) or the record's position from 1 (JSON).
/// A skipped row (another kind of record, no activity) has no user and no events. Otherwise
/// <c>UserId</c> is the source's identifier of the user as written (trimmed), matched by the
/// import against identities of <c>IdentitySystem</c> (<c>email</c> also against employees' email).
/// </summary>
public sealed record SourceRecord(long Line, bool Skipped, string? UserId, string IdentitySystem, IReadOnlyList<SourceEvent> Events)
{
    /// <summary>
    /// The report hides who the user is (a 32-hex hash instead of a UPN): the record matches
    /// nobody, and a file of such records only is refused
    /// (<see cref="Parsers.M365CopilotUsageParser.ConcealedMessage"/>).
    /// </summary>
    public bool Concealed { get; init; }

    public static SourceRecord Skip(long line) => new(line, true, null, "", []);
}

/// <summary>
/// Reads one source's file as exported. A file that lacks a required column or field is refused
/// at once (<see cref="CsvValidationException"/>, line 1 or the record's line); a row with an
/// unreadable date, number or JSON is reported into <c>errors</c> and reading goes on, so that one
/// answer lists every bad row. Rows are yielded one at a time: memory does not grow with the file.
/// </summary>
public interface ISourceParser
{
    /// <summary>The source's name in the API: <c>m365-copilot-audit</c>, <c>github-copilot</c>…</summary>
    string Source { get; }

    /// <summary>The tool the source's use cases belong to (use case <c>tool</c>).</summary>
    string Tool { get; }

    IEnumerable<SourceRecord> Read(Stream content, string? mediaType, IList<CsvLineError> errors);
}
