using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace RolloutHub.Api.Data;

/// <summary>
/// A first load of millions of rows into an empty table, with its secondary indexes built once
/// the rows are in instead of row by row. Each index then takes its keys in one sort, not one
/// descent of the B-tree per row into pages that are hot one moment and evicted the next (an
/// index on (employee_key, occurred_on) gets the rows of a file ordered by date in no order at
/// all). The drop and the creation are in the caller's transaction: a rollback (a dry run, an
/// error) leaves the indexes as they were. SQLite only; the other databases keep theirs.
/// </summary>
public static class IndexesBuiltAfter
{
    public static async Task WriteAsync(DbConnection connection, DbTransaction transaction, string table, Func<Task> write)
    {
        if (connection is not SqliteConnection)
        {
            await write();
            return;
        }
        // Indexes of constraints (the primary key, UNIQUE) have no SQL of their own and stay.
        var indexes = (await connection.QueryAsync<(string Name, string Sql)>(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = @table AND sql IS NOT NULL",
            new { table }, transaction)).ToList();
        foreach (var (name, _) in indexes)
            await connection.ExecuteAsync($"DROP INDEX \"{name}\"", transaction: transaction);
        await write();
        if (indexes.Count == 0) return;
        // SQLite's sorter keeps in memory runs as large as the page cache may grow, on top of
        // the cache itself: with an import's 128 MB cache the API peaked at 516 MB building
        // usage_events' indexes (make bench). A small cache for the build bounds both; the sort
        // spills to temporary files in runs of that size instead.
        var cacheSize = await connection.ExecuteScalarAsync<long>("PRAGMA main.cache_size", transaction: transaction);
        await connection.ExecuteAsync($"PRAGMA main.cache_size = -{SortKiB}", transaction: transaction);
        try
        {
            foreach (var (_, sql) in indexes)
                await connection.ExecuteAsync(sql, transaction: transaction, commandTimeout: 0);
        }
        finally
        {
            await connection.ExecuteAsync($"PRAGMA main.cache_size = {cacheSize}", transaction: transaction);
        }
    }

    /// <summary>The page cache, hence the sorter's runs, while the indexes are built, in KiB.</summary>
    private const int SortKiB = 32 * 1024;
}
