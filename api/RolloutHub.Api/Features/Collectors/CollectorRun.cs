using Dapper;
using MediatR;
using Microsoft.Extensions.Options;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Audit;
using RolloutHub.Api.Features.Imports;
using RolloutHub.Api.Features.Sources;

namespace RolloutHub.Api.Features.Collectors;

/// <summary>
/// One run of one collector: what it needs from the application. Everything fetched goes to a
/// temporary file first and is imported only once complete, so that no database write (and, on
/// SQLite, no write lock) is held while waiting on a vendor. The files are deleted at the end.
/// </summary>
public sealed class CollectorRun(string collector, string runId, Db db, IServiceScopeFactory scopes,
    IOptionsMonitor<CollectorsOptions> options, TimeProvider clock) : IAsyncDisposable
{
    private readonly List<string> _files = [];

    public string Collector { get; } = collector;
    public string RunId { get; } = runId;
    public CollectorsOptions Options => options.CurrentValue;
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The days this run fetches (see <see cref="CollectorDays.ToFetch"/>).</summary>
    public async Task<IReadOnlyList<DateOnly>> DaysToFetchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var held = await CollectorDays.HeldAsync(connection, Collector);
        return CollectorDays.ToFetch(held.LastDate, Today, Options.BackfillDays, Options.RefetchDays);
    }

    /// <summary>A new temporary file, read-write, deleted when the run ends.</summary>
    public FileStream NewFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rollouthub-{Collector}-{Guid.NewGuid():N}.tmp");
        _files.Add(path);
        return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous);
    }

    /// <summary>Imports a complete file through the sources' pipeline, as an upload would be.</summary>
    public async Task<SourceImportResult> ImportAsync(string source, Stream file, string mediaType, bool seats, CancellationToken cancellationToken)
    {
        file.Position = 0;
        await using var scope = scopes.CreateSystemScope(CollectorRegistry.JobName(Collector));
        return await scope.ServiceProvider.GetRequiredService<IMediator>()
            .Send(new RunSourceImport(source, file, mediaType, DryRun: false, Seats: seats), cancellationToken);
    }

    /// <summary>Records that the collector holds <paramref name="day"/> (fetched and imported).</summary>
    public async Task HoldAsync(DateOnly day, long rowsRead, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        using (await db.EnterWriteAsync(cancellationToken))
            await CollectorDays.HoldAsync(connection, db.Dialect, Collector, day, RunId, rowsRead);
    }

    /// <summary>
    /// Gives a seat to the employees whose identity of <paramref name="system"/> is listed, and
    /// takes none away: a seat list read from one vendor does not say who holds another tool's.
    /// Answers how many employees got a seat they did not have.
    /// </summary>
    public async Task<int> MarkSeatsAsync(string system, IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken)
    {
        var ids = externalIds.Select(i => i.Trim().ToLowerInvariant()).Where(i => i.Length > 0).Distinct().ToList();
        if (ids.Count == 0) return 0;
        await using var scope = scopes.CreateSystemScope(CollectorRegistry.JobName(Collector));
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        await using var connection = await db.OpenAsync(cancellationToken);
        using (await db.EnterWriteAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var marked = 0;
            var (yes, no) = db.Provider == DatabaseProvider.Postgres ? ("TRUE", "FALSE") : ("1", "0");
            // In slices: SQL Server takes at most 2,100 parameters in one statement.
            foreach (var slice in ids.Chunk(500))
                marked += await connection.ExecuteAsync($"""
                    UPDATE employees SET has_seat = {yes}
                    WHERE (has_seat IS NULL OR has_seat = {no})
                      AND employee_key IN (SELECT employee_key FROM identities WHERE system = @system AND {db.Dialect.In("external_id", "@ids")})
                    """, new { system, ids = slice }, transaction);
            if (marked > 0)
            {
                await audit.RecordAsync(connection, transaction, "collect-seats", "employees", null,
                    new { collector = Collector, runId = RunId, seatsListed = ids.Count, seatsGiven = marked });
                await DataChanges.TouchAsync(connection, transaction, fullRecompute: true);
            }
            await transaction.CommitAsync(cancellationToken);
            return marked;
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var path in _files)
        {
            try { File.Delete(path); }
            catch (IOException) { } // still open by a failed import: the OS temp cleaner takes it
        }
        return ValueTask.CompletedTask;
    }
}
