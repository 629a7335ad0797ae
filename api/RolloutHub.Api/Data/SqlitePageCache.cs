using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace RolloutHub.Api.Data;

/// <summary>
/// A bigger SQLite page cache for one connection while it does a large write (an import), given
/// back before the connection returns to the pool. A large import touches the pages of
/// usage_events' indexes in no particular order, and the staging table is sorted once for the
/// duplicate-key check; with SQLite's default 2 MB cache the same pages are read and written back
/// many times. With 128 MB the merge of 4.9 million events took about half as long and the import
/// a fifth less CPU (make bench), for a peak RSS of about 330 MB that lasts only as long as the
/// import. Other databases manage their own memory: nothing to do there.
/// <para>
/// SQLite's sorter (ORDER BY, GROUP BY, DISTINCT, CREATE INDEX) keeps in memory runs as large as
/// the main database's page cache may grow, on top of the cache itself: with the import's 128 MB
/// cache the API peaked at 516 MB building usage_events' indexes (make bench). The large sorts of
/// an import run under <see cref="SmallForSortsAsync"/>; the sort then spills to temporary files in
/// runs of <see cref="SortKiB"/> instead.
/// </para>
/// </summary>
public sealed class SqlitePageCache : IAsyncDisposable
{
    /// <summary>Cache of the main database and of the temporary one (staging), in KiB.</summary>
    private const int MainKiB = 128 * 1024, TempKiB = 32 * 1024;

    /// <summary>The page cache, hence the sorter's runs, during a large sort, in KiB.</summary>
    private const int SortKiB = 32 * 1024;

    /// <summary>SQLite's default, to which the connection returns: lowering the limit frees the pages above it.</summary>
    private const int DefaultKiB = 2000;

    private readonly SqliteConnection? _connection;

    private SqlitePageCache(SqliteConnection? connection) => _connection = connection;

    public static async Task<SqlitePageCache> EnlargeForImportAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (connection is not SqliteConnection sqlite) return new SqlitePageCache(null);
        await sqlite.ExecuteAsync(new CommandDefinition(
            $"PRAGMA main.cache_size = -{MainKiB}; PRAGMA temp.cache_size = -{TempKiB};", cancellationToken: cancellationToken));
        return new SqlitePageCache(sqlite);
    }

    /// <summary>
    /// The main database's cache at <see cref="SortKiB"/> until disposed, then as it was (also in
    /// the middle of a transaction: the pages above the limit are written out or dropped).
    /// </summary>
    public static async Task<IAsyncDisposable> SmallForSortsAsync(DbConnection connection, DbTransaction? transaction = null)
    {
        if (connection is not SqliteConnection) return new Restore(null, null, 0);
        var cacheSize = await connection.ExecuteScalarAsync<long>("PRAGMA main.cache_size", transaction: transaction);
        await connection.ExecuteAsync($"PRAGMA main.cache_size = -{SortKiB}", transaction: transaction);
        return new Restore(connection, transaction, cacheSize);
    }

    private sealed class Restore(DbConnection? connection, DbTransaction? transaction, long cacheSize) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (connection is null) return;
            try
            {
                await connection.ExecuteAsync($"PRAGMA main.cache_size = {cacheSize}", transaction: transaction);
            }
            catch (Exception e) when (e is SqliteException or InvalidOperationException)
            {
                // A broken connection is not reused; the sort's own error is the one to report.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null) return;
        try
        {
            await _connection.ExecuteAsync($"PRAGMA main.cache_size = -{DefaultKiB}; PRAGMA temp.cache_size = -{DefaultKiB};");
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            // A broken connection is not reused; the import's own error is the one to report.
        }
    }
}
