using RolloutHub.Api.Features.Settings;
using RolloutHub.Api.Features.Waves;

namespace RolloutHub.Api.Features.Alerts;

/// <summary>
/// One alert rule: what it finds on a day, as conditions with their facts. The evaluator runs
/// every rule registered (<see cref="AlertsRegistration"/>), in that order, then applies what they found.
/// </summary>
public interface IAlertRule
{
    /// <summary>The rule's name (<see cref="AlertRules"/>).</summary>
    string Rule { get; }

    Task<RuleOutcome> EvaluateAsync(AlertContext context, CancellationToken cancellationToken);
}

/// <summary>What every rule may need, read once per evaluation.</summary>
public sealed record AlertContext(DateOnly AsOf, IReadOnlyList<Wave> Waves, SettingsValues Settings)
{
    /// <summary>The owner of adoption in a department: its current wave's adoption owner, else that wave's sponsor.</summary>
    public string? AdoptionOwner(string departmentCode)
    {
        var containing = Waves.Where(w => w.DepartmentCodes.Contains(departmentCode)).ToList();
        var wave = containing.FirstOrDefault(w => w.Status.IsUnderWay()) ?? containing.OrderByDescending(w => w.Sequence).FirstOrDefault();
        return wave?.AdoptionOwner ?? wave?.ExecutiveSponsor;
    }
}

/// <summary>
/// Facts are strings: numbers are written invariantly (<c>0.125</c>, a ratio; <c>1234.50</c>, an
/// amount) and dates as <c>YYYY-MM-DD</c>, for the dashboard to format in its reader's language.
/// <c>detail</c> names the message of the alert's detail (<see cref="AlertDetails"/>).
/// </summary>
public static class AlertFacts
{
    public static string Number(double value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
    public static string Number(decimal value) => value.ToString("0.00##", System.Globalization.CultureInfo.InvariantCulture);
    public static string Number(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The messages an alert's detail can be worded with, by the <c>detail</c> fact.</summary>
public static class AlertDetails
{
    public const string DepartmentDeclining = "department-declining";
    public const string ChampionInactive = "champion-inactive";
    public const string ReviewOverdue = "use-case-review-overdue";
    public const string ReviewNever = "use-case-review-never";
    public const string BudgetOverrun = "budget-overrun";
    public const string BudgetOutsidePeriod = "budget-overrun-outside-period";
    public const string WaveBehindTarget = "wave-behind-target";
    public const string JobFailed = "job-failed";

    public static readonly IReadOnlyList<string> All =
        [DepartmentDeclining, ChampionInactive, ReviewOverdue, ReviewNever, BudgetOverrun, BudgetOutsidePeriod, WaveBehindTarget, JobFailed];

    /// <summary>The keys of the dashboard's alert titles: a rule's, and a wave's by whether it has ended.</summary>
    public static readonly IReadOnlyList<string> Titles =
        [AlertRules.DepartmentDeclining, AlertRules.ChampionInactive, AlertRules.UseCaseReviewOverdue, AlertRules.BudgetOverrun,
         "wave-ended-short", "wave-projected-short", AlertRules.JobFailed];
}
