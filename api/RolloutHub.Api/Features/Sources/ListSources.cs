using Dapper;
using MediatR;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Sources.Parsers;

namespace RolloutHub.Api.Features.Sources;

public sealed record ListSources : IRequest<IReadOnlyList<SourceFreshness>>;

/// <summary>
/// How fresh one source's data is: when it was last imported, the first and last dates of the
/// usage events it holds, how many, and how many users its last import could not match.
/// </summary>
public sealed record SourceFreshness(
    string Source, string Tool, DateTimeOffset LastImportAt, DateOnly? FirstDate, DateOnly? LastDate, long Events, long UnmatchedUsers);

/// <summary>
/// One entry per source with at least one successful import, in source order. A source's events
/// are those whose id starts with <c>&lt;source&gt;:</c>: a range of the primary key (the ids
/// from <c>source:</c> up to <c>source;</c>, ';' following ':'), so each source is an index range
/// scan, not a scan of every event; the prefix test beside it keeps the answer exact whatever the
/// database's collation.
/// </summary>
public sealed class ListSourcesHandler(DbSession session) : IRequestHandler<ListSources, IReadOnlyList<SourceFreshness>>
{
    public async Task<IReadOnlyList<SourceFreshness>> Handle(ListSources request, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var lastImports = await connection.QueryAsync<(string Source, DateTimeOffset ImportedAt, long UnmatchedUsers)>("""
            SELECT s.source, s.imported_at, s.unmatched_users
            FROM source_imports s
            WHERE s.id = (SELECT MAX(l.id) FROM source_imports l WHERE l.source = s.source)
            """, transaction: session.Transaction);
        var answer = new List<SourceFreshness>();
        foreach (var last in lastImports.OrderBy(l => l.Source, StringComparer.Ordinal))
        {
            var prefix = last.Source + ":";
            var held = await connection.QuerySingleAsync<(DateOnly? First, DateOnly? Last, long Events)>("""
                SELECT MIN(occurred_on), MAX(occurred_on), COUNT(*)
                FROM usage_events
                WHERE event_id >= @from AND event_id < @to AND SUBSTRING(event_id, 1, @length) = @prefix
                """, new { from = prefix, to = last.Source + ";", prefix, length = prefix.Length }, session.Transaction);
            var tool = SourceParsers.Find(last.Source)?.Tool ?? "";
            answer.Add(new SourceFreshness(last.Source, tool, last.ImportedAt, held.First, held.Last, held.Events, last.UnmatchedUsers));
        }
        return answer;
    }
}
