using Dapper;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Kpis.Engine;
using RolloutHub.Api.Features.Privacy;
using RolloutHub.Api.Features.Waves;
using static System.FormattableString;

namespace RolloutHub.Api.Features.Alerts.Rules;

/// <summary>
/// Sustainability, as the KPI job stored it for the last complete week. Departments the privacy
/// rule hides that week are left out whoever runs the evaluation: executives read alerts, and the
/// webhook sends them on. Not evaluated while that week's snapshots do not exist.
/// </summary>
public sealed class DepartmentDecliningRule(DbSession session) : IAlertRule
{
    public string Rule => AlertRules.DepartmentDeclining;

    private sealed record DecliningRow
    {
        public required string DepartmentCode { get; init; }
        public required string Name { get; init; }
        public required string Period { get; init; }
        public long Headcount { get; init; }
        public long ActiveEmployees { get; init; }
        public double? Slope { get; init; }
    }

    public async Task<RuleOutcome> EvaluateAsync(AlertContext context, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var week = IsoWeek.LastComplete(context.AsOf, 1)[0];
        var computed = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM kpi_snapshots WHERE grain = 'week' AND department_code <> '' AND period_start = @start",
            new { start = week.Start }, session.Transaction);
        if (computed == 0) return new RuleOutcome(Rule, false, []);
        var smallGroups = (await SmallGroupsByPeriod.ReadWeeksAsync(connection, session.Transaction, hide: true, [(week.Start, week.End)], context.Settings.MinGroupSize))[week.Start];
        var rows = await connection.QueryAsync<DecliningRow>("""
            SELECT k.department_code, d.name, k.period, k.headcount, k.active_employees, k.slope
            FROM kpi_snapshots k JOIN departments d ON d.code = k.department_code
            WHERE k.grain = 'week' AND k.period_start = @start AND k.trend = 'declining'
            ORDER BY k.department_code
            """, new { start = week.Start }, session.Transaction);
        return new RuleOutcome(Rule, true, rows.Where(r => !smallGroups.IsSuppressed(r.DepartmentCode)).Select(r => new AlertCondition(
            Rule, r.DepartmentCode, AlertSeverity.Warning, context.AdoptionOwner(r.DepartmentCode),
            $"Usage is declining in {r.Name} ({r.DepartmentCode})",
            Invariant($"In {r.Period}, {r.ActiveEmployees} of {r.Headcount} employees were active; over the sustainability window active employees fall {-(r.Slope ?? 0) * 100:0.#}% of their mean a week."),
            new Dictionary<string, string>
            {
                ["department"] = r.Name, ["code"] = r.DepartmentCode,
                ["detail"] = AlertDetails.DepartmentDeclining, ["period"] = r.Period, ["active"] = AlertFacts.Number(r.ActiveEmployees),
                ["headcount"] = AlertFacts.Number(r.Headcount), ["decline"] = AlertFacts.Number(-(r.Slope ?? 0)),
            })).ToList());
    }
}
