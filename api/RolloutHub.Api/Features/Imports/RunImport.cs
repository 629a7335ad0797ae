using System.Data.Common;
using Dapper;
using MediatR;
using Microsoft.Data.Sqlite;
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
/// SPEC §4 imports, all or nothing. The file is streamed row by row into a temporary
/// staging table (so memory does not grow with the file), checked there with set-based
/// SQL, counted against the target, and merged in one transaction. A dry run takes the
/// very same path and rolls the merge back, so it answers exactly what the import would.
/// </summary>
public sealed class RunImportHandler(Db db, CurrentUser user, AuditTrail audit, ILogger<RunImportHandler> logger) : IRequestHandler<RunImport, ImportResult>
{
    /// <summary>Past this many, further errors are counted but not listed.</summary>
    public const int MaxListedErrors = 10_000;

    public async Task<ImportResult> Handle(RunImport request, CancellationToken cancellationToken)
    {
        var kind = ImportKinds.Find(request.Kind)
                   ?? throw new NotFoundException("Import kind", request.Kind);
        if (!user.IsAdmin && !kind.Roles.Contains(user.Role))
            throw new ForbiddenException($"The {user.Role} role may not import {kind.Name}.");

        var timings = new ImportTimings();
        await using var hashing = new HashingStream(request.Content);
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var pageCache = await ImportPageCache.EnlargeAsync(connection, cancellationToken);
        var errors = new ErrorList();
        IReadOnlyList<CsvLineError> warnings;
        IReadOnlyList<string> columns;
        long rowsRead;
        try
        {
            await CreateStagingAsync(connection, db.Dialect, kind);
            (rowsRead, warnings, columns) = await StageAsync(connection, db.Dialect, kind, hashing, errors, cancellationToken);
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
            foreach (var check in kind.References)
            foreach (var line in await connection.QueryAsync<long>(dialect.ForStaging(check.MissingLinesSql)))
                errors.Add(CsvLineError.Of(line, check.Column, check.Code, $"{check.Message}."));
            errors.AddRange(await kind.CheckAsync(connection, null, dialect));
            foreach (var line in await connection.QueryAsync<long>(dialect.ForStaging(DuplicateKeySql(kind))))
                errors.Add(CsvLineError.Of(line, string.Join(",", kind.Key), CsvErrorCode.DuplicateKey, "The same key appears on an earlier line of the file."));

            await EnsureWithinScopeAsync(connection, null, kind);
            if (errors.Count > 0)
                throw new CsvValidationException(
                    errors.Count > MaxListedErrors
                        ? $"{errors.Count} errors in the file; the first {MaxListedErrors} are listed. Nothing was imported."
                        : $"{errors.Count} error(s) in the file. Nothing was imported.",
                    errors.Sorted());

            timings.Lap("checks");
            using var writeTurn = await db.EnterWriteAsync(cancellationToken);
            var firstLoad = await ImportWrite.IsFirstLoadAsync(connection, kind.Table);
            var (inserted, updated) = firstLoad
                ? (rowsRead, 0L)
                : await connection.QuerySingleAsync<(long, long)>(dialect.ForStaging(kind.CountSql(columns, dialect)));
            await using var transaction = await ImportWrite.BeginAsync(connection, cancellationToken);
            // Again under the write turn: a row moved to another department since the first check stays there.
            await EnsureWithinScopeAsync(connection, transaction, kind);
            if (inserted + updated > 0)
            {
                var rollup = kind.Table == "usage_events" ? await ActivityRollup.BeforeMergeAsync(connection, transaction, dialect, firstLoad, cancellationToken) : null;
                if (kind.ChangedDatesSql(columns) is { } changedDates)
                    await DataChanges.MarkDatesAsync(connection, transaction, dialect,
                        dialect.ForStaging(firstLoad ? "SELECT DISTINCT occurred_on FROM import_staging" : changedDates));
                // Only the columns the file has: an absent column leaves existing rows' values as they are.
                var merged = kind.Merged(columns);
                var list = string.Join(", ", merged);
                await connection.ExecuteAsync(
                    firstLoad
                        ? $"INSERT INTO {kind.Table} ({list}) SELECT {list} FROM {dialect.StagingTable}"
                        : dialect.InsertFrom(kind.Table, OnConflict.UpdateWhenChanged, kind.Key, merged, dialect.StagingTable),
                    transaction: transaction, commandTimeout: 0);
                if (rollup is not null) await rollup.AfterMergeAsync(cancellationToken);
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
            logger.LogInformation("Import {Kind} of {Rows} rows, timings: {Timings}", kind.Name, rowsRead, timings);
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

    private static async Task<(long RowsRead, IReadOnlyList<CsvLineError> Warnings, IReadOnlyList<string> Columns)> StageAsync(
        DbConnection connection, SqlDialect dialect, ImportKind kind, Stream content, ErrorList errors, CancellationToken cancellationToken)
    {
        using var text = CsvImportFile.Utf8Reader(content);
        using var file = CsvImportFile.Open(text, kind.Columns);

        // Only the temporary table is written here; on SQLite a deferred transaction keeps
        // the database's write lock free for other writers while a large file streams in.
        await using var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(cancellationToken);
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

        var values = new object?[kind.Staging.Count];
        var row = new object?[kind.Staging.Count + 1];
        long rowsRead = 0;
        foreach (var csvRow in file.Rows())
        {
            cancellationToken.ThrowIfCancellationRequested();
            errors.LastLine = csvRow.Line;
            if (csvRow.IsBlank) continue;
            rowsRead++;
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
            // Rows with bad cells are staged too (those cells empty), so that the reference
            // checks below report every error of the file in one answer.
            row[0] = csvRow.Line;
            values.CopyTo(row, 1);
            await staging.WriteAsync(row, cancellationToken);
        }
        await staging.CompleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (rowsRead, file.Warnings, kind.PresentColumns(name => file.IndexOf(name) is not null));
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

    private sealed class ErrorList
    {
        private readonly List<CsvLineError> _listed = [];
        public int Count { get; private set; }
        public long LastLine { get; set; } = 1;

        public void Add(CsvLineError error)
        {
            Count++;
            if (_listed.Count < MaxListedErrors) _listed.Add(error);
        }

        public void AddRange(IEnumerable<CsvLineError> errors)
        {
            foreach (var error in errors) Add(error);
        }

        public IReadOnlyList<CsvLineError> Sorted() => _listed.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
    }
}

/// <summary>Stopwatch laps of one import, logged at its end: where a large file's time goes.</summary>
internal sealed class ImportTimings
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly List<(string Phase, long Milliseconds)> _laps = [];

    public void Lap(string phase)
    {
        _laps.Add((phase, _clock.ElapsedMilliseconds));
        _clock.Restart();
    }

    public override string ToString() =>
        string.Join(", ", _laps.Select(l => $"{l.Phase} {l.Milliseconds} ms")) + $"; total {_laps.Sum(l => l.Milliseconds)} ms";
}

/// <summary>
/// A large import touches the pages of usage_events' indexes in no particular order (a new
/// event lands in (employee_key, occurred_on) wherever its employee is), and the staging table
/// is sorted once for the duplicate-key check. With SQLite's default 2 MB page cache the same
/// pages are read and written back many times. With a bigger cache for the importing connection
/// the merge of 4.9 million events took about half as long and the import a fifth less CPU
/// (make bench). The cache is given back before the connection returns to the pool, so the
/// memory (peak RSS about 330 MB for that file) lasts only as long as the import.
/// </summary>
internal sealed class ImportPageCache : IAsyncDisposable
{
    /// <summary>Cache of the main database and of the temporary one (staging), in KiB.</summary>
    private const int MainKiB = 128 * 1024, TempKiB = 32 * 1024;
    private readonly SqliteConnection? _connection;

    private ImportPageCache(SqliteConnection? connection) => _connection = connection;

    public static async Task<ImportPageCache> EnlargeAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (connection is not SqliteConnection sqlite) return new ImportPageCache(null);
        await sqlite.ExecuteAsync(new CommandDefinition(
            $"PRAGMA main.cache_size = -{MainKiB}; PRAGMA temp.cache_size = -{TempKiB};", cancellationToken: cancellationToken));
        return new ImportPageCache(sqlite);
    }

    public async ValueTask DisposeAsync()
    {
        // Back to SQLite's default (2000 KiB): lowering the limit frees the pages above it.
        if (_connection is null) return;
        try
        {
            await _connection.ExecuteAsync("PRAGMA main.cache_size = -2000; PRAGMA temp.cache_size = -2000;");
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            // A broken connection is not reused; the import's own error is the one to report.
        }
    }
}
