using System.Data.Common;
using Dapper;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Audit;
using RolloutHub.Api.Features.Kpis.Engine;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Imports;

public sealed record RunImport(string Kind, Stream Content, bool DryRun) : IRequest<ImportResult>;

public sealed record ImportResult(
    string Kind, long RowsRead, long Inserted, long Updated, long Unchanged, bool DryRun,
    IReadOnlyList<CsvLineError> Warnings);

/// <summary>
/// Imports, all or nothing. The file is streamed row by row into a temporary staging table (so
/// memory does not grow with the file; the parsing runs a few batches ahead of the writes, on
/// another core), checked there with set-based SQL, counted against the target, and merged in
/// one transaction. A dry run takes the very same path and rolls the merge back, so it answers
/// exactly what the import would.
/// </summary>
public sealed class RunImportHandler(Db db, CurrentUser user, AuditTrail audit, ILogger<RunImportHandler> logger) : IRequestHandler<RunImport, ImportResult>
{
    /// <summary>Past this many, further errors are counted but not listed.</summary>
    public const int MaxListedErrors = ImportErrors.MaxListed;

    /// <summary>Rows handed from the parser to the writer at a time, and batches parsed ahead.</summary>
    private const int Batch = 512, BatchesAhead = 8;

    public async Task<ImportResult> Handle(RunImport request, CancellationToken cancellationToken)
    {
        var kind = ImportKinds.Find(request.Kind)
                   ?? throw new NotFoundException("Import kind", request.Kind);
        if (!user.IsAdmin && !kind.Roles.Contains(user.Role))
            throw new ForbiddenException($"The {user.Role} role may not import {kind.Name}.");

        var timings = new ImportTimings();
        await using var hashing = new HashingStream(request.Content);
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var pageCache = await SqlitePageCache.EnlargeForImportAsync(connection, cancellationToken);
        var errors = new ImportErrors();
        IReadOnlyList<CsvLineError> warnings;
        IReadOnlyList<string> columns;
        long rowsRead;
        bool keysAscending;
        try
        {
            await CreateStagingAsync(connection, db.Dialect, kind);
            (rowsRead, warnings, columns, keysAscending) = await StageAsync(connection, db.Dialect, kind, hashing, errors, cancellationToken);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new CsvValidationException("The file is not UTF-8 text.",
                [CsvLineError.Of(Math.Max(1, errors.LastLine + 1), null, CsvErrorCode.NotUtf8, "The file is not valid UTF-8 text; save it as CSV UTF-8.")]);
        }
        timings.Lap("stage");

        var dialect = db.Dialect;
        try
        {
            // The duplicate-key check sorts the staged keys: bounded like an index build.
            await using (await SqlitePageCache.SmallForSortsAsync(connection))
            {
                foreach (var check in kind.References)
                    foreach (var line in await connection.QueryAsync<long>(dialect.ForStaging(check.MissingLinesSql), commandTimeout: 0))
                        errors.Add(CsvLineError.Of(line, check.Column, check.Code, $"{check.Message}."));
                errors.AddRange(await kind.CheckAsync(connection, null, dialect));
                // Keys in ascending order are distinct; on SQLite the staged keys compare as they were read.
                var distinctKeys = keysAscending && dialect.Provider == DatabaseProvider.Sqlite;
                foreach (var line in distinctKeys ? [] : await connection.QueryAsync<long>(dialect.ForStaging(DuplicateKeySql(kind)), commandTimeout: 0))
                    errors.Add(CsvLineError.Of(line, string.Join(",", kind.Key), CsvErrorCode.DuplicateKey, "The same key appears on an earlier line of the file."));
            }

            await EnsureWithinScopeAsync(connection, null, kind);
            errors.ThrowIfAny();
            timings.Lap("checks");

            using var writeTurn = await db.EnterWriteAsync(cancellationToken);
            var firstLoad = await ImportWrite.IsFirstLoadAsync(connection, kind.Table);
            var (inserted, updated) = firstLoad
                ? (rowsRead, 0L)
                : await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(dialect.ForStaging(kind.CountSql(columns, dialect)), commandTimeout: 0));
            await using var transaction = await ImportWrite.BeginAsync(connection, cancellationToken);
            // Again under the write turn: a row moved to another department since the first check stays there.
            await EnsureWithinScopeAsync(connection, transaction, kind);
            var mergeTimings = new ImportTimings();
            if (inserted + updated > 0)
            {
                await ImportWrite.MergeAsync(connection, transaction, dialect,
                    new ImportMerge(kind.Table, kind.Key, kind.Merged(columns), dialect.StagingTable, firstLoad, kind.ChangedDatesSql(columns)), mergeTimings);
                await kind.AfterMergeAsync(connection, transaction, dialect, columns);
                await DataChanges.TouchAsync(connection, transaction, kind.ChangesAllPeriods);
            }
            timings.Lap("count-and-merge");
            var result = new ImportResult(kind.Name, rowsRead, inserted, updated, rowsRead - inserted - updated, request.DryRun, warnings);
            if (request.DryRun)
            {
                await transaction.RollbackAsync(cancellationToken);
                return result;
            }
            await audit.RecordAsync(connection, transaction, "import", kind.Name, null,
                new { result.RowsRead, result.Inserted, result.Updated, result.Unchanged, sha256 = hashing.HashHex() });
            await transaction.CommitAsync(cancellationToken);
            timings.Lap("commit");
            logger.LogInformation("Import {Kind} of {Rows} rows, timings: {Timings} (merge: {MergeTimings})", kind.Name, rowsRead, timings, mergeTimings);
            return result;
        }
        finally
        {
            await connection.ExecuteAsync($"DROP TABLE IF EXISTS {dialect.StagingTable}");
        }
    }

    /// <summary>Champions write for their own departments only, including the rows an upsert would replace.</summary>
    private async Task EnsureWithinScopeAsync(DbConnection connection, DbTransaction? transaction, ImportKind kind)
    {
        if (!user.IsChampion || kind.OutsideScopeSql(db.Dialect) is not { } scopeSql) return;
        var line = await connection.ExecuteScalarAsync<long?>(db.Dialect.ForStaging(scopeSql), new { departmentCodes = user.DepartmentCodes }, transaction);
        if (line is not null)
            throw new ForbiddenException(
                $"Line {line} is for an employee or department you do not champion, or would replace another department's record; nothing was imported.");
    }

    private static async Task CreateStagingAsync(DbConnection connection, SqlDialect dialect, ImportKind kind)
    {
        var columns = string.Join(", ", kind.Staging.Select(c => $"{c.Name} {dialect.TypeName(c.Type)}"));
        await connection.ExecuteAsync(dialect.CreateStaging($"line BIGINT NOT NULL, {columns}"));
    }

    private static async Task<(long RowsRead, IReadOnlyList<CsvLineError> Warnings, IReadOnlyList<string> Columns, bool KeysAscending)> StageAsync(
        DbConnection connection, SqlDialect dialect, ImportKind kind, Stream content, ImportErrors errors, CancellationToken cancellationToken)
    {
        using var text = CsvImportFile.Utf8Reader(content);
        using var file = CsvImportFile.Open(text, kind.Columns);

        // Only the temporary table is written here: a deferred transaction keeps the database's
        // write lock free for other writers while a large file streams in.
        await using var transaction = await DbTransactions.BeginDeferredAsync(connection, cancellationToken);
        var columns = kind.Staging.Select(c => new BulkColumn(c.Name, c.Type switch
        {
            StagingType.Text => BulkType.Text,
            StagingType.Date => BulkType.Date,
            StagingType.Number => BulkType.Number,
            StagingType.Money => BulkType.Money,
            StagingType.Integer => BulkType.Integer,
            _ => BulkType.Boolean,
        })).Prepend(new BulkColumn("line", BulkType.BigInteger)).ToList();
        await using var staging = await BulkWriter.OpenAsync(connection, transaction, dialect.StagingTable, columns, cancellationToken);

        var parsed = new ParsedRows(kind, file, errors);
        await foreach (var batch in ReadAhead.BatchesAsync(parsed.Rows(), Batch, BatchesAhead, cancellationToken))
            foreach (var row in batch)
                await staging.WriteAsync(row, cancellationToken);
        await staging.CompleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (parsed.RowsRead, file.Warnings, kind.PresentColumns(name => file.IndexOf(name) is not null), parsed.KeysAscending);
    }

    /// <summary>
    /// The file's rows as staging rows (line, then the kind's staging columns), read on the
    /// parsing thread; their errors go to the import's list. Rows with bad cells are staged too
    /// (those cells empty), so that the reference checks report every error of the file in one answer.
    /// </summary>
    private sealed class ParsedRows(ImportKind kind, CsvImportFile file, ImportErrors errors)
    {
        private readonly int _key = kind.Key.Count == 1 ? kind.Staging.ToList().FindIndex(c => c.Name == kind.Key[0]) : -1;
        private string? _lastKey;

        public long RowsRead { get; private set; }

        /// <summary>
        /// Every staged key is greater than the one before (ordinal order), so no key is there twice:
        /// files exported in the order of their ids need no duplicate-key sort. A key of several
        /// columns, or a row without its key, leaves this false or as it was.
        /// </summary>
        public bool KeysAscending { get; private set; } = kind.Key.Count == 1;

        public IEnumerable<object?[]> Rows()
        {
            var values = new object?[kind.Staging.Count];
            foreach (var csvRow in file.Rows())
            {
                errors.LastLine = csvRow.Line;
                if (csvRow.IsBlank) continue;
                RowsRead++;
                Array.Clear(values);
                if (!csvRow.QuotesBalanced)
                {
                    csvRow.Error(null, CsvErrorCode.UnclosedQuote, "A quoted value is not closed: check this line's quotes.");
                }
                else if (!csvRow.HasHeaderWidth)
                {
                    csvRow.Error(null, CsvErrorCode.WrongWidth, $"Expected {file.HeaderWidth} fields as in the header; check for a stray separator or an unclosed quote.",
                        ("expected", file.HeaderWidth.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
                else
                {
                    kind.Read(csvRow, values);
                }
                if (!csvRow.IsValid)
                {
                    errors.AddRange(csvRow.Errors);
                    if (!csvRow.HasHeaderWidth || !csvRow.QuotesBalanced) continue;
                }
                if (KeysAscending && values[_key] is string key)
                {
                    KeysAscending = _lastKey is null || string.CompareOrdinal(_lastKey, key) < 0;
                    _lastKey = key;
                }
                var row = new object?[values.Length + 1];
                row[0] = csvRow.Line;
                values.CopyTo(row, 1);
                yield return row;
            }
        }
    }

    // One sort of the staged keys, whatever the planner: a correlated EXISTS on the unindexed
    // staging table is quadratic where SQLite does not build an automatic index for it (the
    // sqlite3 3.40 CLI does not), and a few million lines then never finish.
    private static string DuplicateKeySql(ImportKind kind) => $"""
        SELECT s.line FROM import_staging s
        JOIN (SELECT {string.Join(", ", kind.Key)}, MIN(line) AS first_line FROM import_staging
              GROUP BY {string.Join(", ", kind.Key)} HAVING COUNT(*) > 1) d
          ON {string.Join(" AND ", kind.Key.Select(k => $"d.{k} = s.{k}"))} AND s.line > d.first_line
        """;
}
