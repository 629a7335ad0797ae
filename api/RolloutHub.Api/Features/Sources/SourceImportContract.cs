using MediatR;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Sources;

/// <summary>
/// Imports one AI tool's export as it was exported (POST /api/v1/imports/sources/{source}, and
/// the collectors). <c>Seats</c>: the usage report lists licence holders, so its matched
/// employees get a seat.
/// </summary>
public sealed record RunSourceImport(string Source, Stream Content, string? MediaType, bool DryRun, bool Seats = false)
    : IRequest<SourceImportResult>;

/// <summary>The answer of a source import (the API's contract: see the endpoint's description).</summary>
public sealed record SourceImportResult(
    string Source, long RowsRead, long Skipped, long UnmatchedUsers, IReadOnlyList<string> UnmatchedSample,
    long Inserted, long Updated, long Unchanged, DateOnly? FirstDate, DateOnly? LastDate, bool DryRun,
    IReadOnlyList<CsvLineError> Warnings);
