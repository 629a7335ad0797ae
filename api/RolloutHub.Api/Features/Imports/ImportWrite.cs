using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace RolloutHub.Api.Features.Imports;

/// <summary>The write step every import shares (CSV kinds and the AI tools' exports), taken under the write turn.</summary>
internal static class ImportWrite
{
    /// <summary>
    /// A first load into an empty table (a year of telemetry, say): every row is new, so it needs
    /// neither counting against the table nor an upsert that looks up each key in vain. SQLite only,
    /// where this process is the one writer (the write turn) and nothing can fill the table between
    /// this check and the merge.
    /// </summary>
    public static async Task<bool> IsFirstLoadAsync(DbConnection connection, string table) =>
        connection is SqliteConnection
        && await connection.ExecuteScalarAsync<long>($"SELECT CASE WHEN EXISTS (SELECT 1 FROM {table}) THEN 0 ELSE 1 END") == 1;

    /// <summary>The merge's transaction; on SQLite BEGIN IMMEDIATE, which waits for the lock instead of failing mid-way.</summary>
    public static async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(cancellationToken);
}
