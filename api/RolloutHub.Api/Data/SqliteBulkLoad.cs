using System.Data.Common;
using Dapper;

namespace RolloutHub.Api.Data;

/// <summary>Filling an empty SQLite table with many rows at once.</summary>
public static class SqliteBulkLoad
{
    /// <summary>
    /// Runs <paramref name="load"/> with the table's own indexes dropped, then creates them again
    /// from their stored definitions, in the caller's transaction: an index built once over all
    /// the rows (SQLite sorts them) costs a fraction of one grown a random key at a time. Indexes
    /// SQLite made itself (the primary key's) stay. A failure rolls the drop back with the rest.
    /// </summary>
    public static async Task WithIndexesBuiltAfterAsync(DbConnection connection, DbTransaction transaction, string table, Func<Task> load)
    {
        var indexes = (await connection.QueryAsync<(string Name, string Sql)>(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = @table AND sql IS NOT NULL",
            new { table }, transaction)).ToList();
        foreach (var (name, _) in indexes)
            await connection.ExecuteAsync($"DROP INDEX \"{name}\"", transaction: transaction);
        await load();
        foreach (var (_, sql) in indexes)
            await connection.ExecuteAsync(sql, transaction: transaction, commandTimeout: 0);
    }
}
