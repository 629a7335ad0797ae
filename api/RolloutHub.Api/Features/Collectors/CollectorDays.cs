using System.Data.Common;
using Dapper;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Kpis;

namespace RolloutHub.Api.Features.Collectors;

/// <summary>The days a collector holds (collector_days): where its next run starts, and what GET /collectors reports.</summary>
public static class CollectorDays
{
    // Properties, not a positional record: with no row held, SQLite types the MIN()s as blobs.
    public sealed class Held
    {
        public string? FirstDate { get; init; }
        public string? LastDate { get; init; }
        public long Days { get; init; }
    }

    public static Task<Held> HeldAsync(DbConnection connection, string collector, DbTransaction? transaction = null) =>
        connection.QuerySingleAsync<Held>("""
            SELECT MIN(day) AS first_date, MAX(day) AS last_date, COUNT(*) AS days
            FROM collector_days
            WHERE collector = @collector
            """, new { collector }, transaction);

    public static Task HoldAsync(DbConnection connection, SqlDialect dialect, string collector, DateOnly day, string runId, long rowsRead) =>
        connection.ExecuteAsync(
            dialect.InsertRow("collector_days", OnConflict.Update, ["collector", "day"],
                ("collector", "@collector"), ("day", "@day"), ("collected_at", "@now"), ("run_id", "@runId"), ("rows_read", "@rowsRead")),
            new { collector, day = Text(day), now = JobRunStore.Stamp(DateTimeOffset.UtcNow), runId, rowsRead });

    public static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The days a run fetches, oldest first: from the day after the last one held (or BackfillDays
    /// back for a first run), and always the last RefetchDays again, up to yesterday (UTC), at most a year back.
    /// </summary>
    public static IReadOnlyList<DateOnly> ToFetch(string? lastHeld, DateOnly today, int backfillDays, int refetchDays)
    {
        var yesterday = today.AddDays(-1);
        var from = lastHeld is null
            ? today.AddDays(-backfillDays)
            : DateOnly.ParseExact(lastHeld, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddDays(1);
        var refetchFrom = today.AddDays(-refetchDays);
        if (refetchFrom < from) from = refetchFrom;
        // The vendors keep about a year of history: a collector switched off longer resumes there.
        if (from < today.AddDays(-365)) from = today.AddDays(-365);
        var days = new List<DateOnly>();
        for (var day = from; day <= yesterday; day = day.AddDays(1)) days.Add(day);
        return days;
    }
}
