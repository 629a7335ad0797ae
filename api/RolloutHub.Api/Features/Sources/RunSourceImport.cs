using System.Data.Common;
using System.Text.Json;
using Dapper;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Audit;
using RolloutHub.Api.Features.Imports;
using RolloutHub.Api.Features.Kpis.Engine;
using RolloutHub.Api.Features.Sources.Parsers;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Sources;

/// <summary>
/// Imports one AI tool's export, all or nothing, the way the CSV imports do: the parser's
/// records stream into temporary tables (memory holds the distinct users and use cases, not the
/// rows), users are matched to employees in SQL, and the events of matched users are counted and
/// merged into usage_events in one transaction by the same SQL as the usage-events import. A dry
/// run takes the very same path and rolls back. A user who matches nobody is counted, never an
/// error: the admin adds identities and imports the file again.
/// </summary>
public sealed class RunSourceImportHandler(Db db, CurrentUser user, AuditTrail audit, ILogger<RunSourceImportHandler> logger)
    : IRequestHandler<RunSourceImport, SourceImportResult>
{
    public const int UnmatchedSampleSize = 20;

    private static readonly ImportKind UsageEvents = ImportKinds.Find("usage-events")!;

    public async Task<SourceImportResult> Handle(RunSourceImport request, CancellationToken cancellationToken)
    {
        var parser = SourceParsers.Find(request.Source) ?? throw new NotFoundException("Source", request.Source);
        if (!user.IsAdmin && !user.IsChampion)
            throw new ForbiddenException($"The {user.Role} role may not import the tools' exports.");
        if (request.Seats && parser is not M365CopilotUsageParser)
            throw RequestValidationException.For("seats", $"seats=true applies to the usage report ({new M365CopilotUsageParser().Source}) only: its rows are the licence holders.");

        var timings = new ImportTimings();
        var dialect = db.Dialect;
        var tables = new SourceTables(dialect);
        await using var hashing = new HashingStream(request.Content);
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var pageCache = await SqlitePageCache.EnlargeForImportAsync(connection, cancellationToken);
        try
        {
            await connection.ExecuteAsync(tables.CreateAll());
            var errors = new CappedErrors(RunImportHandler.MaxListedErrors);
            StagedSource staged;
            try
            {
                staged = await SourceStaging.StageAsync(connection, tables, parser, hashing, request.MediaType, errors, cancellationToken);
            }
            catch (System.Text.DecoderFallbackException)
            {
                throw new CsvValidationException("The file is not UTF-8 text.",
                    [CsvLineError.Of(1, null, CsvErrorCode.NotUtf8, "The file is not valid UTF-8 text; export it again as UTF-8.")]);
            }
            timings.Lap("stage");
            if (errors.Total > 0)
                throw new CsvValidationException(
                    errors.Total > errors.Limit
                        ? $"{errors.Total} errors in the file; the first {errors.Limit} are listed. Nothing was imported."
                        : $"{errors.Total} error(s) in the file. Nothing was imported.",
                    errors.OrderBy(e => e.Line).ThenBy(e => e.Column, StringComparer.Ordinal).ToList());
            if (staged.Users.Count > 0 && staged.Concealed.Count == staged.Users.Count)
                throw new CsvValidationException(M365CopilotUsageParser.ConcealedMessage,
                    [CsvLineError.Of(1, "User Principal Name", CsvErrorCode.ConcealedUsers, M365CopilotUsageParser.ConcealedMessage)]);

            var matched = await SourceMatching.MatchAsync(connection, tables, cancellationToken);
            timings.Lap("match");
            var (events, duplicates) = await StageEventsAsync(connection, tables, cancellationToken);
            timings.Lap("events");
            var warnings = duplicates is { } d
                ? new List<CsvLineError> { CsvLineError.Of(d.FirstLine, "event_id", CsvErrorCode.DuplicateEvent,
                    $"{d.Count} event(s) repeat an event of an earlier line of the file; the first of each was kept.", ("count", d.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))) }
                : [];
            var unmatched = Enumerable.Range(0, staged.Users.Count).Where(i => !matched.Contains(i))
                .Select(i => staged.Users[i].ExternalId).ToList();
            var sample = unmatched.Order(StringComparer.Ordinal).Take(UnmatchedSampleSize).ToList();

            if (user.IsChampion && await SourceMatching.FirstOutsideAsync(connection, tables, dialect, user.DepartmentCodes) is { } outside)
                throw new ForbiddenException($"'{outside}' is an employee of a department you do not champion; nothing was imported.");
            var (firstDate, lastDate) = await connection.QuerySingleAsync<(DateOnly?, DateOnly?)>(
                dialect.ForStaging("SELECT MIN(occurred_on), MAX(occurred_on) FROM import_staging"));
            var newUseCases = await NewUseCasesAsync(connection, dialect, staged);
            timings.Lap("checks");

            using var writeTurn = await db.EnterWriteAsync(cancellationToken);
            var firstLoad = await ImportWrite.IsFirstLoadAsync(connection, "usage_events");
            // A source gives every column of a usage event (minutes_saved empty): all are compared and merged.
            var columns = UsageEvents.Staging.Select(c => c.Name).ToList();
            var (inserted, updated) = firstLoad
                ? (events, 0L)
                : await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(dialect.ForStaging(UsageEvents.CountSql(columns, dialect)), commandTimeout: 0));
            await using var transaction = await ImportWrite.BeginAsync(connection, cancellationToken);
            await CreateUseCasesAsync(connection, transaction, dialect, newUseCases, staged, parser.Tool);
            if (inserted + updated > 0)
                await ImportWrite.MergeAsync(connection, transaction, dialect,
                    new ImportMerge(UsageEvents.Table, UsageEvents.Key, columns, tables.Events, firstLoad, UsageEvents.ChangedDatesSql(columns)));
            var seatsGranted = request.Seats ? await GrantSeatsAsync(connection, transaction, tables) : 0;
            if (seatsGranted > 0) await DataChanges.TouchAsync(connection, transaction, fullRecompute: true);
            timings.Lap("count-and-merge");

            var result = new SourceImportResult(parser.Source, staged.RowsRead, staged.Skipped, unmatched.Count, sample,
                inserted, updated, events - inserted - updated, firstDate, lastDate, request.DryRun, warnings);
            if (request.DryRun)
            {
                await transaction.RollbackAsync(cancellationToken);
                return result;
            }
            await RecordAsync(connection, transaction, result);
            await audit.RecordAsync(connection, transaction, "import", "sources", parser.Source, new
            {
                result.RowsRead, result.Skipped, result.UnmatchedUsers, result.Inserted, result.Updated, result.Unchanged,
                createdUseCases = newUseCases, seatsGranted, sha256 = hashing.HashHex(),
            });
            await transaction.CommitAsync(cancellationToken);
            timings.Lap("commit");
            logger.LogInformation("Source import {Source} of {Rows} rows, timings: {Timings}", parser.Source, staged.RowsRead, timings);
            return result;
        }
        finally
        {
            await connection.ExecuteAsync(tables.DropAll());
        }
    }

    /// <summary>
    /// The events of matched users into <c>import_staging</c>. An event id given twice by one file
    /// (an export that repeats a record) keeps its first occurrence, as the file's order is the
    /// only order there is; the others are reported in one warning. The temporary tables have no
    /// statistics, so the join order is spelled out (CROSS JOIN fixes it on SQLite): each first
    /// occurrence looks its row up by key, never the other way round.
    /// </summary>
    private static async Task<(long Events, (long Count, long FirstLine)? Duplicates)> StageEventsAsync(
        DbConnection connection, SourceTables tables, CancellationToken cancellationToken)
    {
        var staged = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {tables.Rows}");
        var firsts = await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO {tables.Firsts} (seq)
            SELECT MIN(seq) FROM {tables.Rows} GROUP BY event_id
            """, cancellationToken: cancellationToken, commandTimeout: 0));
        var events = await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO {tables.Events} (line, event_id, occurred_on, employee_key, use_case_code, uses, minutes_saved)
            SELECT r.line, r.event_id, r.occurred_on, m.employee_key, r.use_case_code, r.uses, NULL
            FROM {tables.Firsts} f
            CROSS JOIN {tables.Rows} r
            JOIN {tables.Matches} m ON m.user_no = r.user_no
            WHERE r.seq = f.seq
            """, cancellationToken: cancellationToken, commandTimeout: 0));
        long? firstLine = firsts == staged ? null : await connection.ExecuteScalarAsync<long>($"""
            SELECT MIN(r.line) FROM {tables.Rows} r
            WHERE NOT EXISTS (SELECT 1 FROM {tables.Firsts} f WHERE f.seq = r.seq)
            """, commandTimeout: 0);
        // The raw rows are no longer needed: their pages go back to the temporary database's
        // cache, which the merge reads the events from.
        await connection.ExecuteAsync($"DROP TABLE {tables.Rows}; DROP TABLE {tables.Firsts};");
        return (events, firstLine is { } line ? (staged - firsts, line) : null);
    }

    /// <summary>The use cases the merged events name that do not exist yet, in code order.</summary>
    private static async Task<List<string>> NewUseCasesAsync(DbConnection connection, SqlDialect dialect, StagedSource staged)
    {
        var named = (await connection.QueryAsync<string>(dialect.ForStaging("SELECT DISTINCT use_case_code FROM import_staging")))
            .Order(StringComparer.Ordinal).ToList();
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var slice in named.Chunk(SqlDialect.ListSlice))
            existing.UnionWith(await connection.QueryAsync<string>(
                $"SELECT code FROM use_cases WHERE {dialect.In("code", "@codes")}", new { codes = slice }));
        return named.Where(code => !existing.Contains(code) && staged.UseCaseTitles.ContainsKey(code)).ToList();
    }

    /// <summary>
    /// A use case a source names for the first time: in production, no minutes saved per use
    /// until an admin says otherwise, for every department, no owner, and the source's tool. An
    /// existing use case is never changed by a source import.
    /// </summary>
    private static async Task CreateUseCasesAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect,
        IReadOnlyList<string> codes, StagedSource staged, string tool)
    {
        if (codes.Count == 0) return;
        await connection.ExecuteAsync(
            dialect.InsertRow("use_cases", OnConflict.Ignore, ["code"],
                ("code", "@code"), ("title", "@title"), ("category", "'tool'"), ("status", "'production'"),
                ("minutes_saved_per_use", "0"), ("tool", "@tool")),
            codes.Select(code => new { code, title = staged.UseCaseTitles[code], tool }), transaction);
    }

    /// <summary>The usage report lists licence holders: each matched employee holds a seat; nobody loses one.</summary>
    private static Task<int> GrantSeatsAsync(DbConnection connection, DbTransaction transaction, SourceTables tables) =>
        connection.ExecuteAsync($"""
            UPDATE employees SET has_seat = @yes
            WHERE employee_key IN (SELECT employee_key FROM {tables.Matches})
              AND (has_seat IS NULL OR has_seat <> @yes)
            """, new { yes = true }, transaction, commandTimeout: 0);

    private Task RecordAsync(DbConnection connection, DbTransaction transaction, SourceImportResult result) =>
        connection.ExecuteAsync("""
            INSERT INTO source_imports (source, imported_at, imported_by, rows_read, skipped, unmatched_users, unmatched_sample,
                                        inserted, updated, unchanged, first_date, last_date)
            VALUES (@source, @importedAt, @importedBy, @rowsRead, @skipped, @unmatchedUsers, @unmatchedSample,
                    @inserted, @updated, @unchanged, @firstDate, @lastDate)
            """,
            new
            {
                source = result.Source, importedAt = DateTimeOffset.UtcNow, importedBy = user.Name, rowsRead = result.RowsRead,
                skipped = result.Skipped, unmatchedUsers = result.UnmatchedUsers, unmatchedSample = JsonSerializer.Serialize(result.UnmatchedSample),
                inserted = result.Inserted, updated = result.Updated, unchanged = result.Unchanged,
                firstDate = result.FirstDate, lastDate = result.LastDate,
            }, transaction);
}
