using Dapper;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Privacy;
using static System.FormattableString;

namespace RolloutHub.Api.Features.Alerts.Rules;

/// <summary>
/// A champion's activity is what gets logged for their department: a usage event of one of its
/// employees (current record) or an outcome report naming it. Champions are not linked to an
/// employee or a token, so the department's log is the trace of their work. Equipped and active
/// champions only, and not in their first 30 days. A department the privacy rule hides over those
/// days is left out: "nothing logged" would tell executives that none of its few employees used AI.
/// </summary>
public sealed class ChampionInactiveRule(DbSession session) : IAlertRule
{
    /// <summary>Days without logged activity after which a champion is flagged.</summary>
    public const int QuietDays = 30;

    public string Rule => AlertRules.ChampionInactive;

    private sealed record ChampionRow
    {
        public long Id { get; init; }
        public required string DisplayName { get; init; }
        public required string DepartmentCode { get; init; }
        public required string Status { get; init; }
    }

    public async Task<RuleOutcome> EvaluateAsync(AlertContext context, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var asOf = context.AsOf;
        var from = asOf.AddDays(-(QuietDays - 1));
        var rows = await connection.QueryAsync<ChampionRow>("""
            SELECT c.id, c.display_name, c.department_code, c.status
            FROM champions c
            WHERE c.status IN ('equipped', 'active')
              AND (c.since IS NULL OR c.since < @from)
              AND NOT EXISTS (SELECT 1 FROM usage_events u JOIN employees e ON e.employee_key = u.employee_key
                              WHERE e.department_code = c.department_code AND u.occurred_on BETWEEN @from AND @asOf)
              AND NOT EXISTS (SELECT 1 FROM outcome_reports o
                              WHERE o.department_code = c.department_code AND o.occurred_on BETWEEN @from AND @asOf)
            ORDER BY c.id
            """, new { from, asOf }, session.Transaction);
        var smallGroups = await SmallGroupsDuring.ReadAsync(connection, session.Transaction, hide: true, from, asOf, context.Settings.MinGroupSize);
        return new RuleOutcome(Rule, true, rows.Where(c => !smallGroups.IsSuppressed(c.DepartmentCode)).Select(c => new AlertCondition(
            Rule, AlertFacts.Number(c.Id), AlertSeverity.Warning, context.AdoptionOwner(c.DepartmentCode),
            $"No activity logged for {QuietDays} days by {c.DisplayName} ({c.DepartmentCode})",
            $"No usage event and no outcome report for {c.DepartmentCode} between {from:yyyy-MM-dd} and {asOf:yyyy-MM-dd}; the champion's status is {c.Status}.",
            new Dictionary<string, string>
            {
                ["champion"] = c.DisplayName, ["code"] = c.DepartmentCode, ["days"] = Invariant($"{QuietDays}"),
                ["detail"] = AlertDetails.ChampionInactive, ["from"] = AlertFacts.Date(from), ["to"] = AlertFacts.Date(asOf), ["status"] = c.Status,
            })).ToList());
    }
}
