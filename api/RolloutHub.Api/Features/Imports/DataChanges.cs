using System.Data.Common;
using Dapper;
using RolloutHub.Api.Data;

namespace RolloutHub.Api.Features.Imports;

/// <summary>
/// Tells the KPI job what changed (<c>stale</c> is true when data changed after
/// <c>computedAt</c>): dated facts mark their dates, anything else asks for a full run.
/// A date already marked stays marked, also when two instances mark it at once.
/// </summary>
public static class DataChanges
{
    public static async Task MarkDatesAsync(DbConnection connection, DbTransaction? transaction, SqlDialect dialect, IEnumerable<DateOnly> dates)
    {
        await connection.ExecuteAsync(
            dialect.InsertRow("kpi_dirty_dates", OnConflict.Ignore, ["occurred_on"], ("occurred_on", "@date")),
            dates.Distinct().Select(date => new { date }), transaction);
        await TouchAsync(connection, transaction, fullRecompute: false);
    }

    /// <summary>Marks the dates a SELECT returns (one <c>occurred_on</c> column, distinct dates).</summary>
    public static async Task MarkDatesAsync(DbConnection connection, DbTransaction? transaction, SqlDialect dialect, string datesSql)
    {
        await connection.ExecuteAsync(
            dialect.InsertFrom("kpi_dirty_dates", OnConflict.Ignore, ["occurred_on"], ["occurred_on"], $"({datesSql})"),
            transaction: transaction, commandTimeout: 0);
        await TouchAsync(connection, transaction, fullRecompute: false);
    }

    public static Task TouchAsync(DbConnection connection, DbTransaction? transaction, bool fullRecompute) =>
        connection.ExecuteAsync(
            "UPDATE data_version SET changed_at = @now, full_recompute = CASE WHEN @full = 1 THEN 1 ELSE full_recompute END WHERE id = 1",
            new { now = DateTimeOffset.UtcNow, full = fullRecompute ? 1 : 0 }, transaction);
}
