using RolloutHub.Api.Features.Kpis.Engine;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using RolloutHub.Api.Data;

namespace RolloutHub.Api.Features.Imports;

/// <summary>
/// What one import merges: the staged rows of <see cref="Columns"/> into <see cref="Table"/>, by
/// <see cref="Key"/>. <see cref="FirstLoad"/>: the table was empty (see <see cref="ImportWrite.IsFirstLoadAsync"/>).
/// <see cref="ChangedDatesSql"/>: the dates whose periods the merge changes, or null when the kind has no dated rows.
/// </summary>
internal sealed record ImportMerge(
    string Table, IReadOnlyList<string> Key, IReadOnlyList<string> Columns, string StagingTable, bool FirstLoad, string? ChangedDatesSql);

/// <summary>The write step every import shares (CSV kinds and the AI tools' exports), taken under the write turn.</summary>
internal static class ImportWrite
{
    /// <summary>
    /// A first load into an empty table (a year of telemetry, say): every row is new, so it needs
    /// neither counting against the table nor an upsert that looks up each key in vain. SQLite only,
    /// where this process is the one writer (the write turn) and nothing can fill the table between
    /// this check and the merge.
    /// </summary>
    public static async Task<bool> IsFirstLoadAsync(DbConnection connection, string table, DbTransaction? transaction = null) =>
        connection is SqliteConnection
        && await connection.ExecuteScalarAsync<long>($"SELECT CASE WHEN EXISTS (SELECT 1 FROM {table}) THEN 0 ELSE 1 END", transaction: transaction) == 1;

    /// <summary>The merge's transaction (BEGIN IMMEDIATE on SQLite); take the write turn first.</summary>
    public static Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        DbTransactions.BeginImmediateAsync(connection, cancellationToken);

    /// <summary>
    /// The staged rows into the table, in the caller's transaction: the periods of the dates they
    /// change are marked for the next KPI run, then the rows are inserted (a first load) or
    /// upserted, an absent column leaving existing rows' values as they are. A first load builds
    /// the table's secondary indexes after the rows (<see cref="IndexesBuiltAfter"/>). A write of
    /// usage events keeps the activity rollup in the same transaction (<see cref="ActivityRollup"/>).
    /// </summary>
    public static async Task MergeAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, ImportMerge merge, ImportTimings? timings = null)
    {
        if (merge.ChangedDatesSql is { } changedDates)
            await DataChanges.MarkDatesAsync(connection, transaction, dialect,
                dialect.ForStaging(merge.FirstLoad ? $"SELECT DISTINCT occurred_on FROM {merge.StagingTable}" : changedDates));
        timings?.Lap("dates");
        var rollup = merge.Table == "usage_events"
            ? await ActivityRollup.BeforeMergeAsync(connection, transaction, dialect, merge.FirstLoad)
            : null;
        timings?.Lap("rollup-before");
        var list = string.Join(", ", merge.Columns);
        if (merge.FirstLoad)
            await IndexesBuiltAfter.WriteAsync(connection, transaction, merge.Table, () => connection.ExecuteAsync(
                $"INSERT INTO {merge.Table} ({list}) SELECT {list} FROM {merge.StagingTable}", transaction: transaction, commandTimeout: 0));
        else
            await connection.ExecuteAsync(
                dialect.InsertFrom(merge.Table, OnConflict.UpdateWhenChanged, merge.Key, merge.Columns, merge.StagingTable),
                transaction: transaction, commandTimeout: 0);
        timings?.Lap("rows");
        if (rollup is not null) await rollup.AfterMergeAsync();
        timings?.Lap("rollup");
    }
}
