using Dapper;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Budget;
using static System.FormattableString;

namespace RolloutHub.Api.Features.Alerts.Rules;

/// <summary>
/// A budget line's month whose spend is over plan by more than the tolerance, or spend in a month
/// outside the line's planned period; critical beyond half over plan or without a plan.
/// </summary>
public sealed class BudgetOverrunRule(DbSession session, MonthlyPlanQuery monthlyPlan) : IAlertRule
{
    /// <summary>Spend above plan by more than this share in a month is an overrun.</summary>
    public const decimal Tolerance = 0.10m;
    /// <summary>Months looked at: the current one and the two before it (plus those with an alert still unresolved).</summary>
    public const int Months = 3;

    public string Rule => AlertRules.BudgetOverrun;

    private sealed record LineRow
    {
        public required string Code { get; init; }
        public required string Name { get; init; }
        public string? WaveCode { get; init; }
    }

    public async Task<RuleOutcome> EvaluateAsync(AlertContext context, CancellationToken cancellationToken)
    {
        var asOf = context.AsOf;
        var connection = await session.ConnectionAsync(cancellationToken);
        var from = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-(Months - 1));
        // A month with an overrun still unresolved stays under watch, so that its alert resolves
        // only when the spend is corrected, not because the month left the window.
        var watched = await connection.QueryAsync<string>(
            "SELECT subject_key FROM alerts WHERE \"rule\" = @rule AND status <> 'resolved'", new { rule = Rule }, session.Transaction);
        foreach (var key in watched)
            if (key.Split('/') is [_, var month] && DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", out var start) && start < from)
                from = start;
        var lines = (await connection.QueryAsync<LineRow>("SELECT code, name, wave_code FROM budget_lines", transaction: session.Transaction))
            .ToDictionary(l => l.Code);
        var months = await monthlyPlan.ReadAsync(from, asOf, cancellationToken);
        var conditions = months
            .Where(m => m.Planned > 0 ? m.Actual > m.Planned * (1 + Tolerance) : m.Actual > 0)
            .Select(m =>
            {
                var line = lines[m.LineCode];
                var sponsor = context.Waves.FirstOrDefault(w => w.Code == line.WaveCode)?.ExecutiveSponsor;
                var over = m.Planned > 0 ? (double)((m.Actual - m.Planned) / m.Planned) : (double?)null;
                var facts = new Dictionary<string, string>
                {
                    ["line"] = line.Name, ["code"] = m.LineCode, ["month"] = m.Month,
                    ["detail"] = over is null ? AlertDetails.BudgetOutsidePeriod : AlertDetails.BudgetOverrun,
                    ["actual"] = AlertFacts.Number(m.Actual), ["planned"] = AlertFacts.Number(m.Planned), ["tolerance"] = AlertFacts.Number((double)Tolerance),
                };
                if (over is { } o) facts["over"] = AlertFacts.Number(o);
                return new AlertCondition(Rule, $"{m.LineCode}/{m.Month}", over is null or > 0.5 ? AlertSeverity.Critical : AlertSeverity.Warning, sponsor,
                    $"{line.Name} ({m.LineCode}) is over plan in {m.Month}",
                    over is { } ratio
                        ? Invariant($"Spent {m.Actual:0.00} against {m.Planned:0.00} planned for {m.Month}: {ratio * 100:0.#}% over (tolerance {Tolerance * 100:0}%).")
                        : Invariant($"Spent {m.Actual:0.00} in {m.Month}, outside the line's planned period."),
                    facts);
            }).ToList();
        return new RuleOutcome(Rule, true, conditions);
    }
}
