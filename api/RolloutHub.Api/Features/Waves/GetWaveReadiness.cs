using RolloutHub.Api.Features.Employees;
using Dapper;
using static System.FormattableString;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Budget;
using RolloutHub.Api.Features.Kpis;
using RolloutHub.Api.Features.Privacy;
using RolloutHub.Api.Features.UseCases;

using static RolloutHub.Api.Infrastructure.Wording;

namespace RolloutHub.Api.Features.Waves;

/// <summary>The readiness checklist of a wave (SPEC §5), computed from the data.</summary>
public sealed record WaveReadiness
{
    public required string WaveCode { get; init; }
    public required string Name { get; init; }
    public required string Status { get; init; }
    /// <summary>The day the checklist was computed for (employees employed that day, usage up to it).</summary>
    public DateOnly AsOf { get; init; }
    /// <summary>Items met ÷ 7, between 0 and 1.</summary>
    public double Score { get; init; }
    public int MetCount { get; init; }
    public int ItemCount { get; init; }
    /// <summary>Met items that still wait for a person's confirmation.</summary>
    public int PendingConfirmations { get; init; }
    /// <summary>Every item met and every confirmation given.</summary>
    public bool Ready { get; init; }
    public IReadOnlyList<ReadinessItem> Items { get; init; } = [];
}

/// <summary>One item of the SPEC §5 checklist.</summary>
public sealed record ReadinessItem
{
    /// <summary>1 to 7, the item's number in SPEC §5.</summary>
    public int Number { get; init; }
    /// <summary>Stable key: budget, champions, use-cases, training, support-model, sponsor, targets.</summary>
    public required string Key { get; init; }
    public required string Title { get; init; }
    /// <summary>What the data say.</summary>
    public bool Met { get; init; }
    /// <summary>Why the item is met or not, in one sentence.</summary>
    public required string Why { get; init; }
    /// <summary>
    /// True for items the data can only suggest (a budget line exists, a name is typed in, a link
    /// is set): a person confirms them with POST /api/v1/waves/{code}/readiness/{key}/confirmation.
    /// </summary>
    public bool ConfirmationRequired { get; init; }
    /// <summary>Confirmation required and not yet given.</summary>
    public bool NeedsConfirmation { get; init; }
    public ReadinessConfirmation? Confirmation { get; init; }
    /// <summary>What is missing, one entry per department, use case or field.</summary>
    public IReadOnlyList<ReadinessGap> Gaps { get; init; } = [];
}

/// <summary>Something that keeps an item from being met.</summary>
public sealed record ReadinessGap
{
    /// <summary>A department code, a use-case code, a budget line code or a wave field.</summary>
    public required string Subject { get; init; }
    public required string Message { get; init; }
    /// <summary>
    /// How many (e.g. employees without a training tier), when it is a count; null too, for everyone
    /// but admins, for a department the privacy rule hides on the day.
    /// </summary>
    public int? Count { get; init; }
    /// <summary>
    /// The employees concerned (up to 50; champions see those of their own departments only; readers
    /// who may not read employee records get none for a department the privacy rule hides).
    /// </summary>
    public IReadOnlyList<string> EmployeeKeys { get; init; } = [];
}

public sealed record ReadinessConfirmation
{
    public required string ConfirmedBy { get; init; }
    public DateTimeOffset ConfirmedAt { get; init; }
    public string? Note { get; init; }
}

public sealed record GetWaveReadiness(string WaveCode, DateOnly? AsOf = null) : IRequest<WaveReadiness>;

public sealed class GetWaveReadinessHandler(DbSession session, IMediator mediator, CurrentUser user, KpiToday today)
    : IRequestHandler<GetWaveReadiness, WaveReadiness>
{
    public const int MaxEmployeeKeys = 50;

    /// <summary>The items a person vouches for: the data show a line, a name or a link, not an agreement.</summary>
    public static readonly IReadOnlyDictionary<string, string> Items = new Dictionary<string, string>
    {
        ["budget"] = "A budget line covers the wave at full scale",
        ["champions"] = "An equipped or active champion in every department",
        ["use-cases"] = "A production use case applicable to every department",
        ["training"] = "Training material for those use cases, and training tiers for the employees",
        ["support-model"] = "Technical, adoption, content and governance owners are named",
        ["sponsor"] = "An executive sponsor is named",
        ["targets"] = "Success metrics: targets are set",
    };

    public static readonly IReadOnlySet<string> NeedingConfirmation = new HashSet<string> { "budget", "training", "support-model", "sponsor" };

    private sealed record EmployeeRow
    {
        public required string EmployeeKey { get; init; }
        public required string DepartmentCode { get; init; }
        public string? TrainingTier { get; init; }
    }

    private sealed record UseCaseRow
    {
        public required string Code { get; init; }
        public required string DepartmentCode { get; init; }
        public string? TrainingUrl { get; init; }
    }

    private sealed record LineRow
    {
        public required string Code { get; init; }
        public required string PricingModel { get; init; }
        public decimal UnitPrice { get; init; }
        public decimal PlannedUnits { get; init; }
        public DateOnly PeriodStart { get; init; }
        public DateOnly PeriodEnd { get; init; }
    }

    private sealed record ConfirmationRow
    {
        public required string Item { get; init; }
        public required string ConfirmedBy { get; init; }
        public DateTimeOffset ConfirmedAt { get; init; }
        public string? Note { get; init; }
    }

    public async Task<WaveReadiness> Handle(GetWaveReadiness request, CancellationToken cancellationToken)
    {
        var wave = await mediator.Send(new GetWave(request.WaveCode), cancellationToken);
        var asOf = request.AsOf ?? today.Date;
        var departments = wave.DepartmentCodes;
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var codes = departments.ToArray();

        // Employees employed on the day: the people the wave has to equip and train.
        var dialect = session.Dialect;
        var employees = (await connection.QueryAsync<EmployeeRow>($"""
            SELECT employee_key, department_code, training_tier FROM employees
            WHERE {dialect.In("department_code", "@codes")}
              AND {Employment.On("", "@asOf")}
            ORDER BY employee_key
            """, new { codes, asOf }, tx)).ToList();
        var championed = (await connection.QueryAsync<string>($"""
            SELECT DISTINCT department_code FROM champions
            WHERE {dialect.In("department_code", "@codes")} AND status IN ('equipped', 'active')
            """, new { codes }, tx)).ToHashSet();
        var useCases = (await connection.QueryAsync<UseCaseRow>($"""
            SELECT u.code, d.code AS department_code, u.training_url
            FROM use_cases u
            JOIN departments d ON {dialect.In("d.code", "@codes")}
            WHERE u.status = 'production' AND {Applicability.AppliesTo("u.code", "d.code")}
            ORDER BY u.code
            """, new { codes }, tx)).ToList();
        var lines = (await connection.QueryAsync<LineRow>($"""
            SELECT code, pricing_model, unit_price, planned_units, period_start, period_end FROM budget_lines
            WHERE pricing_model IN ('per-seat', 'usage')
              AND (wave_code = @waveCode OR {dialect.In("department_code", "@codes")})
            ORDER BY code
            """, new { waveCode = wave.Code, codes }, tx)).ToList();
        var confirmations = (await connection.QueryAsync<ConfirmationRow>(
                "SELECT item, confirmed_by, confirmed_at, note FROM wave_readiness_confirmations WHERE wave_code = @waveCode",
                new { waveCode = wave.Code }, tx))
            .ToDictionary(c => c.Item);
        var usage = await mediator.Send(new GetUsageRate(asOf), cancellationToken);
        var minGroupSize = (await KpiRange.StateAsync(connection, tx)).MinGroupSize;
        var smallGroups = await SmallGroupsDuring.ReadAsync(connection, tx, user, asOf, asOf, minGroupSize);

        var items = new List<ReadinessItem>
        {
            Budget(wave, employees.Count, lines, usage),
            Champions(departments, championed),
            UseCases(departments, useCases),
            Training(useCases, employees, departments, smallGroups),
            SupportModel(wave),
            Sponsor(wave),
            Targets(wave),
        };
        items = items.Select((item, i) =>
        {
            var required = NeedingConfirmation.Contains(item.Key);
            var confirmation = confirmations.TryGetValue(item.Key, out var c)
                ? new ReadinessConfirmation { ConfirmedBy = c.ConfirmedBy, ConfirmedAt = c.ConfirmedAt, Note = c.Note }
                : null;
            return item with
            {
                Number = i + 1, ConfirmationRequired = required,
                Confirmation = confirmation, NeedsConfirmation = required && confirmation is null,
            };
        }).ToList();

        var met = items.Count(i => i.Met);
        var pending = items.Count(i => i.Met && i.NeedsConfirmation);
        return new WaveReadiness
        {
            WaveCode = wave.Code, Name = wave.Name, Status = wave.Status, AsOf = asOf,
            Score = (double)met / items.Count, MetCount = met, ItemCount = items.Count, PendingConfirmations = pending,
            Ready = met == items.Count && pending == 0, Items = items,
        };
    }

    // §5.1. Seats must reach every employee of the wave; a usage-priced line must afford today's
    // usage per active employee for the share of them the wave targets; and the line must last
    // until the wave's planned end.
    private static ReadinessItem Budget(Wave wave, int headcount, IReadOnlyList<LineRow> lines, UsageRate usage)
    {
        var gaps = new List<ReadinessGap>();
        var lasting = lines.Where(l => l.PeriodEnd >= wave.PlannedEnd).ToList();
        foreach (var line in lines.Except(lasting))
            gaps.Add(new ReadinessGap { Subject = line.Code, Message = Say(
                $"{line.Code} ends on {line.PeriodEnd:yyyy-MM-dd}, before the wave's planned end ({wave.PlannedEnd:yyyy-MM-dd}).",
                $"{line.Code} se termine le {line.PeriodEnd:dd/MM/yyyy}, avant la fin prévue de la vague ({wave.PlannedEnd:dd/MM/yyyy}).") });
        if (lines.Count == 0)
            return Item("budget", false, Say(
                    $"No per-seat or usage budget line is attached to this wave or to its departments.",
                    $"Aucune ligne budgétaire par siège ou à l’usage n’est rattachée à cette vague ni à ses départements."),
                [new ReadinessGap { Subject = wave.Code, Message = Say(
                    $"Add a licences line with this wave's code (PUT /api/v1/budget/lines/{{code}}).",
                    $"Ajoutez une ligne de licences portant le code de cette vague (PUT /api/v1/budget/lines/{{code}}).") }]);

        var seats = lasting.Where(l => l.PricingModel == "per-seat").Sum(l => l.PlannedUnits);
        if (seats > 0 && seats >= headcount)
            return Item("budget", true, Say(
                $"{seats:0} seats are planned for the {headcount} employees of the wave.",
                $"{seats:N0} licences sont prévues pour les {headcount:N0} collaborateurs de la vague."), []);

        var usageLines = lasting.Where(l => l.PricingModel == "usage").ToList();
        if (usageLines.Count > 0)
        {
            var plannedPerYear = usageLines.Sum(l => (double)l.PlannedUnits * 365.0 / (l.PeriodEnd.DayNumber - l.PeriodStart.DayNumber + 1));
            if (usage.UsesPerActiveEmployeePerYear is not { } perActive)
                return Item("budget", true, Say(
                    $"A usage-priced line is planned ({plannedPerYear:0} uses a year); nobody used AI in the last {usage.WindowDays} days, so it cannot be sized against usage yet.",
                    $"Une ligne facturée à l’usage est prévue ({plannedPerYear:N0} utilisations par an) ; personne n’a utilisé l’IA ces {usage.WindowDays} derniers jours : elle ne peut pas encore être dimensionnée sur l’usage."), gaps);
            var targetActive = headcount * (wave.TargetDepth ?? 1.0);
            var needed = targetActive * perActive;
            var sizing = Say(
                $"The usage lines plan {plannedPerYear:0} uses a year; {targetActive:0} active employees at today's {perActive:0} uses each need {needed:0}.",
                $"Les lignes à l’usage prévoient {plannedPerYear:N0} utilisations par an ; {targetActive:N0} collaborateurs actifs, à {perActive:N0} utilisations chacun au rythme actuel, en demandent {needed:N0}.");
            if (plannedPerYear >= needed) return Item("budget", true, sizing, gaps);
            gaps.Add(new ReadinessGap { Subject = string.Join(", ", usageLines.Select(l => l.Code)), Message = sizing });
        }
        if (seats > 0)
            gaps.Add(new ReadinessGap { Subject = string.Join(", ", lasting.Where(l => l.PricingModel == "per-seat").Select(l => l.Code)),
                Message = Say($"{seats:0} seats are planned for {headcount} employees.", $"{seats:N0} licences prévues pour {headcount:N0} collaborateurs."),
                Count = headcount - (int)seats });
        return Item("budget", false, Say(
            $"The budget lines of this wave do not cover it at full scale.",
            $"Les lignes budgétaires de cette vague ne la couvrent pas à pleine échelle."), gaps);
    }

    // §5.2
    private static ReadinessItem Champions(IReadOnlyList<string> departments, IReadOnlySet<string> championed)
    {
        if (departments.Count == 0) return Item("champions", false, NoDepartments, []);
        var missing = departments.Where(d => !championed.Contains(d)).ToList();
        return missing.Count == 0
            ? Item("champions", true, Say(
                $"Every department has an equipped or active champion.",
                $"Chaque département a un champion (référent) équipé ou actif."), [])
            : Item("champions", false, Say(
                    $"{missing.Count} of {departments.Count} departments have no equipped or active champion: {string.Join(", ", missing)}.",
                    $"{missing.Count} départements sur {departments.Count} n’ont pas de champion (référent) équipé ou actif : {string.Join(", ", missing)}."),
                missing.Select(d => new ReadinessGap { Subject = d, Message = Say(
                    $"No champion with status equipped or active.",
                    $"Aucun champion (référent) au statut équipé ou actif.") }).ToList());
    }

    // §5.3
    private static ReadinessItem UseCases(IReadOnlyList<string> departments, IReadOnlyList<UseCaseRow> useCases)
    {
        if (departments.Count == 0) return Item("use-cases", false, NoDepartments, []);
        var covered = useCases.Select(u => u.DepartmentCode).ToHashSet();
        var missing = departments.Where(d => !covered.Contains(d)).ToList();
        return missing.Count == 0
            ? Item("use-cases", true, Say(
                $"Every department has at least one production use case that applies to it.",
                $"Chaque département a au moins un cas d’usage en production qui le concerne."), [])
            : Item("use-cases", false, Say(
                    $"No production use case applies to {string.Join(", ", missing)}.",
                    $"Aucun cas d’usage en production ne concerne {string.Join(", ", missing)}."),
                missing.Select(d => new ReadinessGap { Subject = d, Message = Say(
                    $"No production use case applies to this department.",
                    $"Aucun cas d’usage en production ne concerne ce département.") }).ToList());
    }

    // §5.4
    private ReadinessItem Training(IReadOnlyList<UseCaseRow> useCases, IReadOnlyList<EmployeeRow> employees,
        IReadOnlyList<string> departments, SmallGroups smallGroups)
    {
        var gaps = new List<ReadinessGap>();
        var withoutMaterial = useCases.Where(u => string.IsNullOrWhiteSpace(u.TrainingUrl)).Select(u => u.Code).Distinct().ToList();
        gaps.AddRange(withoutMaterial.Select(code => new ReadinessGap { Subject = code, Message = Say(
            $"This production use case has no training material (training_url).",
            $"Ce cas d’usage en production n’a pas de support de formation (training_url).") }));
        foreach (var department in employees.Where(e => e.TrainingTier is null).GroupBy(e => e.DepartmentCode).OrderBy(g => g.Key))
        {
            // A hidden department's gap is named without its count: how many of its few employees lack a tier is theirs.
            var hidden = smallGroups.IsSuppressed(department.Key);
            var keys = (user.IsChampion && !user.MayActFor(department.Key)) || (hidden && !Policies.RolesByPolicy[Policies.ReadEmployees].Contains(user.Role))
                ? []
                : department.Select(e => e.EmployeeKey).Take(MaxEmployeeKeys).ToList();
            gaps.Add(new ReadinessGap
            {
                Subject = department.Key, Count = hidden ? null : department.Count(), EmployeeKeys = keys,
                Message = hidden
                    ? Say($"Some employees have no training tier (power or casual).", $"Des collaborateurs n’ont pas de profil de formation (power ou casual).")
                    : Say(
                        $"{department.Count()} employees have no training tier (power or casual).",
                        $"{department.Count()} collaborateurs n’ont pas de profil de formation (power ou casual)."),
            });
        }
        if (useCases.Count == 0)
            return Item("training", false, Say($"There is no production use case to train on.", $"Il n’y a aucun cas d’usage en production sur lequel former."), gaps);
        var untiered = employees.Count(e => e.TrainingTier is null);
        if (untiered > 0 && smallGroups.IsTotalSuppressed(departments))
            return Item("training", false, Say(
                $"{withoutMaterial.Count} production use cases lack training material; some employees have no training tier.",
                $"{withoutMaterial.Count} cas d’usage en production sans support de formation ; des collaborateurs sont sans profil de formation."), gaps);
        return gaps.Count == 0
            ? Item("training", true, Say(
                $"Every production use case has training material and every employee has a training tier.",
                $"Chaque cas d’usage en production a un support de formation et chaque collaborateur un profil de formation."), [])
            : Item("training", false, Say(
                $"{withoutMaterial.Count} production use cases lack training material; {untiered} of {employees.Count} employees have no training tier.",
                $"{withoutMaterial.Count} cas d’usage en production sans support de formation ; {untiered} collaborateurs sur {employees.Count} sans profil de formation."), gaps);
    }

    // §5.5
    private static ReadinessItem SupportModel(Wave wave)
    {
        var owners = new (string Field, string French, string? Name)[]
        {
            ("technicalOwner", "responsable technique", wave.TechnicalOwner), ("adoptionOwner", "responsable de l’adoption", wave.AdoptionOwner),
            ("contentOwner", "responsable des contenus", wave.ContentOwner), ("governanceOwner", "responsable de la gouvernance", wave.GovernanceOwner),
        };
        var missing = owners.Where(o => string.IsNullOrWhiteSpace(o.Name)).ToList();
        return missing.Count == 0
            ? Item("support-model", true, Say(
                $"The technical, adoption, content and governance owners are named.",
                $"Les responsables technique, de l’adoption, des contenus et de la gouvernance sont nommés."), [])
            : Item("support-model", false, Say(
                    $"Not named: {string.Join(", ", missing.Select(o => o.Field))}.",
                    $"Non nommés : {string.Join(", ", missing.Select(o => o.French))}."),
                missing.Select(o => new ReadinessGap { Subject = o.Field, Message = NoOneNamed }).ToList());
    }

    // §5.6
    private static ReadinessItem Sponsor(Wave wave) => string.IsNullOrWhiteSpace(wave.ExecutiveSponsor)
        ? Item("sponsor", false, Say($"No executive sponsor is named.", $"Aucun sponsor de la direction n’est nommé."),
            [new ReadinessGap { Subject = "executiveSponsor", Message = NoOneNamed }])
        : Item("sponsor", true, Say($"{wave.ExecutiveSponsor} sponsors the wave.", $"{wave.ExecutiveSponsor} est le sponsor de la vague."), []);

    // §5.7: the depth target is the one SPEC §1 requires ("depth by planned end, at least").
    private static ReadinessItem Targets(Wave wave) => wave.TargetDepth is null
        ? Item("targets", false, Say($"No target depth is set for the wave's planned end.", $"Aucune profondeur visée n’est fixée pour la fin prévue de la vague."),
            [new ReadinessGap { Subject = "targetDepth", Message = Say($"Not set.", $"Non fixée.") }])
        : Item("targets", true, wave.TargetBreadth is null
            ? Say($"Target depth {Percent(wave.TargetDepth)} by {wave.PlannedEnd:yyyy-MM-dd} (no breadth target).",
                $"Profondeur visée {Percent(wave.TargetDepth)} au {wave.PlannedEnd:dd/MM/yyyy} (pas d’étendue visée).")
            : Say($"Target depth {Percent(wave.TargetDepth)} and breadth {Percent(wave.TargetBreadth)} by {wave.PlannedEnd:yyyy-MM-dd}.",
                $"Profondeur visée {Percent(wave.TargetDepth)} et étendue visée {Percent(wave.TargetBreadth)} au {wave.PlannedEnd:dd/MM/yyyy}."), []);

    private static string NoDepartments => Say($"The wave has no departments yet.", $"La vague n’a pas encore de départements.");
    private static string NoOneNamed => Say($"No one is named.", $"Personne n’est nommé.");

    private static ReadinessItem Item(string key, bool met, string why, IReadOnlyList<ReadinessGap> gaps) =>
        new() { Key = key, Title = Items[key], Met = met, Why = why, Gaps = gaps };
}
