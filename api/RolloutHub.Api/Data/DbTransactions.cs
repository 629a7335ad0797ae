using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace RolloutHub.Api.Data;

/// <summary>
/// The two kinds of transaction RolloutHub opens on a connection of its own, named for why.
/// SQLite distinguishes them (one writer at a time, the database's write lock); the other
/// databases lock rows, so both are their ordinary transaction there.
/// </summary>
public static class DbTransactions
{
    /// <summary>
    /// For a transaction that writes only temporary tables (an import's staging) or only reads:
    /// on SQLite a deferred transaction takes no write lock on the database, so other writers go
    /// on while a large file streams in.
    /// </summary>
    public static async Task<DbTransaction> BeginDeferredAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(cancellationToken);

    /// <summary>
    /// For a transaction that writes the database: on SQLite BEGIN IMMEDIATE, which takes the
    /// write lock at once (waiting for it up to busy_timeout) instead of failing half-way through
    /// when it first writes. Take this process's write turn first (<see cref="Db.EnterWriteAsync"/>).
    /// </summary>
    public static async Task<DbTransaction> BeginImmediateAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(cancellationToken);
}
