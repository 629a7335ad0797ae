using RolloutHub.Api.Features.UseCases;
using static System.FormattableString;

namespace RolloutHub.Api.Features.Alerts.Rules;

/// <summary>Use cases whose review is overdue on the day, as the use-case indicators say.</summary>
public sealed class UseCaseReviewOverdueRule(UseCaseIndicatorsQuery indicators) : IAlertRule
{
    public string Rule => AlertRules.UseCaseReviewOverdue;

    public async Task<RuleOutcome> EvaluateAsync(AlertContext context, CancellationToken cancellationToken)
    {
        var asOf = context.AsOf;
        var report = await indicators.ReadAsync(new GetUseCaseIndicators(null, null, asOf, null, asOf, WithActivity: false), cancellationToken);
        return new RuleOutcome(Rule, true, report.UseCases.Where(u => u.ReviewOverdue).Select(u =>
        {
            var facts = new Dictionary<string, string>
            {
                ["code"] = u.Code, ["useCase"] = u.Title, ["status"] = u.Status.Wire(), ["everyDays"] = Invariant($"{u.ReviewEveryDays}"),
                ["detail"] = u.ReviewDueOn is null ? AlertDetails.ReviewNever : AlertDetails.ReviewOverdue,
            };
            if (u.LastReviewedOn is { } last) facts["lastReviewedOn"] = AlertFacts.Date(last);
            if (u.ReviewDueOn is { } dueOn) facts["dueOn"] = AlertFacts.Date(dueOn);
            if (u.DaysOverdue is { } late) facts["daysOverdue"] = Invariant($"{late}");
            return new AlertCondition(Rule, u.Code, AlertSeverity.Warning, u.Owner,
                $"The review of use case {u.Code} is overdue",
                u.ReviewDueOn is { } due
                    ? Invariant($"{u.Title} ({u.Status.Wire()}) is reviewed every {u.ReviewEveryDays} days; last reviewed on {u.LastReviewedOn:yyyy-MM-dd}, due on {due:yyyy-MM-dd}, {u.DaysOverdue} days ago.")
                    : Invariant($"{u.Title} ({u.Status.Wire()}) is to be reviewed every {u.ReviewEveryDays} days and has never been reviewed."),
                facts);
        }).ToList());
    }
}
