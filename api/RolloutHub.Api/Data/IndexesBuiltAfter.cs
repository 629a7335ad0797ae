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
        // A small page cache for the build bounds the sorter's memory (SqlitePageCache).
        await using (await SqlitePageCache.SmallForSortsAsync(connection, transaction))
            foreach (var (_, sql) in indexes)
                await connection.ExecuteAsync(sql, transaction: transaction, commandTimeout: 0);
    }
}
