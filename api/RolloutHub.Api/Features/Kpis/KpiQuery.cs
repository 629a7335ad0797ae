using System.Data.Common;
using System.Globalization;
using Dapper;
using FluentValidation;
using RolloutHub.Api.Features.Kpis.Engine;

namespace RolloutHub.Api.Features.Kpis;

/// <summary>
/// The query string every KPI read shares: <c>grain</c> (week or month, default
/// week), <c>from</c> and <c>to</c> (YYYY-MM-DD; the periods whose START lies in [from, to];
/// default: to = today, from = 12 periods before).
/// </summary>
public interface IKpiRange
{
    string? Grain { get; }
    string? From { get; }
    string? To { get; }
}

public static class KpiRange
{
    /// <summary>The rules of the range, judged against the KPIs' today (the one the handlers resolve with).</summary>
    public static void AddRangeRules<T>(this AbstractValidator<T> validator, KpiToday today) where T : IKpiRange
    {
        validator.RuleFor(q => q.Grain).Must(g => g is null || Periods.Parse(g) is not null)
            .WithMessage("grain must be week or month.");
        validator.RuleFor(q => q.From).Must(d => d is null || TryDate(d, out _))
            .WithMessage("from must be a date written YYYY-MM-DD, between 1900-01-01 and 2200-12-31.");
        validator.RuleFor(q => q.To).Must(d => d is null || TryDate(d, out _))
            .WithMessage("to must be a date written YYYY-MM-DD, between 1900-01-01 and 2200-12-31.");
        validator.RuleFor(q => q.From)
            .Must((q, _) => Resolve(q, today.Date) is var (_, from, to) && from <= to)
            .When(q => (q.From is null || TryDate(q.From, out _)) && (q.To is null || TryDate(q.To, out _)))
            .WithMessage("from must not be after to.");
    }

    /// <summary>The grain and the inclusive range of period starts, defaults applied.</summary>
    public static (Grain Grain, DateOnly From, DateOnly To) Resolve(IKpiRange query, DateOnly today)
    {
        var grain = Periods.Parse(query.Grain) ?? Engine.Grain.Week;
        var to = query.To is { } t && TryDate(t, out var parsedTo) ? parsedTo : today;
        var from = query.From is { } f && TryDate(f, out var parsedFrom) ? parsedFrom : grain.Back(grain.StartOf(to), 11);
        return (grain, from, to);
    }

    public static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        && Infrastructure.DateBounds.Contains(date);

    /// <summary>The one row every KPI answer depends on: when the snapshots were computed, from which data version, the data's version now, and the privacy threshold.</summary>
    public sealed record StateRow
    {
        public string? ComputedAt { get; init; }
        public string? BasedOn { get; init; }
        public required string ChangedAt { get; init; }
        public long MinGroupSize { get; init; }

        /// <summary>What a kept answer was built from; null before the first run (nothing to keep).</summary>
        public string? Version => ComputedAt is null ? null : $"{ComputedAt}|{BasedOn}|{ChangedAt}|{MinGroupSize}";
    }

    public static Task<StateRow> StateRowAsync(DbConnection connection, DbTransaction? transaction) =>
        connection.QuerySingleAsync<StateRow>("""
            SELECT k.computed_at, k.based_on_changed_at AS based_on, v.changed_at, s.min_group_size
            FROM kpi_state k CROSS JOIN data_version v CROSS JOIN settings s
            WHERE k.id = 1 AND v.id = 1 AND s.id = 1
            """, transaction: transaction);

    /// <summary>When the snapshots were computed, whether data changed since (stale), and the privacy threshold.</summary>
    public static async Task<(DateTimeOffset? ComputedAt, bool Stale, int MinGroupSize)> StateAsync(DbConnection connection, DbTransaction? transaction)
    {
        var row = await StateRowAsync(connection, transaction);
        // Compared with the change stamp the snapshots were computed from, not with the clock: a
        // change committed while a run was reading is never mistaken for one it saw.
        var stale = IsStale(row.ChangedAt, row.BasedOn);
        DateTimeOffset? computedAt = row.ComputedAt is null ? null : DateTimeOffset.Parse(row.ComputedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return (computedAt, stale, (int)row.MinGroupSize);
    }

    /// <summary>
    /// Data changed after the snapshots' basis: every write stamps data_version.changed_at anew,
    /// and a run keeps a copy of the stamp it read, so any difference is a later change (whatever
    /// the clocks or the way the instant is spelled).
    /// </summary>
    public static bool IsStale(string changedAt, string? basedOn) =>
        basedOn is null || !string.Equals(changedAt, basedOn, StringComparison.Ordinal);

    public static object Bounds(Grain grain, DateOnly from, DateOnly to) =>
        new { grain = grain.Name(), from, to };

    /// <summary>
    /// The snapshot rows (<paramref name="select"/>: a row type's SELECT … FROM) of the periods that
    /// start in [from, to]: the organisation's, or every department's, by department and oldest first.
    /// </summary>
    public static Task<IEnumerable<TRow>> SnapshotsAsync<TRow>(DbConnection connection, DbTransaction? transaction, string select,
        Grain grain, DateOnly from, DateOnly to, bool departments) =>
        connection.QueryAsync<TRow>($"""
            {select}
            WHERE grain = @grain AND {(departments ? "department_code <> ''" : "department_code = ''")}
              AND period_start >= @from AND period_start <= @to
            ORDER BY department_code, period_start
            """, Bounds(grain, from, to), transaction);
}
