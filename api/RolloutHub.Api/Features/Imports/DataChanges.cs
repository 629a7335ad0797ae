using System.Data.Common;
using Dapper;

namespace RolloutHub.Api.Features.Imports;

/// <summary>
/// Tells the KPI job what changed (SPEC §4: <c>stale</c> is true when data changed after
/// <c>computedAt</c>): dated facts mark their dates, anything else asks for a full run.
/// </summary>
public static class DataChanges
{
    public static async Task MarkDatesAsync(DbConnection connection, DbTransaction? transaction, IEnumerable<DateOnly> dates)
    {
        await connection.ExecuteAsync(
            "INSERT INTO kpi_dirty_dates (occurred_on) VALUES (@date) ON CONFLICT (occurred_on) DO NOTHING",
            dates.Distinct().Select(date => new { date }), transaction);
        await TouchAsync(connection, transaction, fullRecompute: false);
    }

    public static Task TouchAsync(DbConnection connection, DbTransaction? transaction, bool fullRecompute) =>
        connection.ExecuteAsync(
            "UPDATE data_version SET changed_at = @now, full_recompute = CASE WHEN @full THEN 1 ELSE full_recompute END WHERE id = 1",
            new { now = DateTimeOffset.UtcNow, full = fullRecompute }, transaction);
}
