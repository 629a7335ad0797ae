using Dapper;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Kpis;
using RolloutHub.Api.Features.Kpis.Engine;
using RolloutHub.Api.Features.Privacy;
using RolloutHub.Api.Features.Settings;

namespace RolloutHub.Api.Features.Waves;

/// <summary>Everything a wave's progress is computed from, read once.</summary>
public sealed record WaveProgressFacts
{
    public required Wave Wave { get; init; }
    public DateOnly AsOf { get; init; }
    /// <summary>The complete weeks of the series, oldest first.</summary>
    public IReadOnlyList<IsoWeek> Weeks { get; init; } = [];
    public double AdoptingDepthThreshold { get; init; }
    public int MinPeriods { get; init; }
    public IReadOnlyDictionary<string, string> DepartmentNames { get; init; } = new Dictionary<string, string>();
    public required WeeklyDepthSeries Weekly { get; init; }
    /// <summary>Habit and activation rates per department in the latest week, from the adoption snapshots.</summary>
    public IReadOnlyDictionary<string, (double? HabitRate, double? ActivationRate)> Quality { get; init; } =
        new Dictionary<string, (double?, double?)>();
    /// <summary>What the privacy rule hides from this reader, week by week (keyed by the week's Monday).</summary>
    public required IReadOnlyDictionary<DateOnly, SmallGroups> SmallGroups { get; init; }
}

/// <summary>
/// Loads a wave's progress facts: the wave, the settings, the weekly depth of its departments,
/// their habit and activation rates and what privacy hides. <c>hideSmallGroups</c> applies the
/// privacy rule whoever asks (alerts, read later by executives).
/// </summary>
public sealed class WaveProgressQuery(DbSession session, WaveQueries waves, WeeklyDepths weeklyDepths, SettingsQuery settingsQuery, CurrentUser user, KpiToday today)
{
    private sealed record QualityRow
    {
        public required string DepartmentCode { get; init; }
        public double? HabitRate { get; init; }
        public double? ActivationRate { get; init; }
    }

    public async Task<WaveProgressFacts> LoadAsync(string waveCode, DateOnly? day, int weekCount, bool hideSmallGroups, CancellationToken cancellationToken)
    {
        var wave = await waves.GetAsync(waveCode, cancellationToken);
        var asOf = day ?? today.Date;
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var settings = await settingsQuery.ReadAsync(cancellationToken);
        var weeks = IsoWeek.LastComplete(asOf, weekCount);
        var codes = wave.DepartmentCodes.ToArray();
        var names = (await connection.QueryAsync<(string Code, string Name)>(
                $"SELECT code, name FROM departments WHERE {session.Dialect.In("code", "@codes")}", new { codes }, tx))
            .ToDictionary(d => d.Code, d => d.Name);
        var weekly = await weeklyDepths.ReadAsync(wave.DepartmentCodes, weeks, cancellationToken);
        var quality = (await connection.QueryAsync<QualityRow>($"""
                SELECT department_code, habit_rate, activation_rate FROM adoption_snapshots
                WHERE grain = 'week' AND period_start = @start AND {session.Dialect.In("department_code", "@codes")}
                """, new { start = weeks[^1].Start, codes }, tx))
            .ToDictionary(q => q.DepartmentCode, q => (q.HabitRate, q.ActivationRate));
        var smallGroups = await SmallGroupsByPeriod.ReadWeeksAsync(connection, tx, hideSmallGroups || !user.SeesSmallGroups,
            weeks.Select(w => (w.Start, w.End)).ToList(), settings.MinGroupSize);
        return new WaveProgressFacts
        {
            Wave = wave, AsOf = asOf, Weeks = weeks, AdoptingDepthThreshold = settings.AdoptingDepthThreshold, MinPeriods = settings.MinPeriods,
            DepartmentNames = names, Weekly = weekly, Quality = quality, SmallGroups = smallGroups,
        };
    }
}
