using RolloutHub.Api.Features.Budget;

namespace RolloutHub.Api.Features.Demo;

/// <summary>
/// A generated organisation of about 1,500 employees in 12 departments, a year of usage whose
/// adoption differs by department (growing, stable, declining, late starters, a group too small
/// to show), three waves with champions, gate reviews, a budget and training records, use cases
/// of three AI tools, e-mail addresses and a few identities in other systems.
/// Deterministic: the same day gives the same data.
/// </summary>
public sealed class DemoOrganisation
{
    public sealed record Department(string Code, string Name);
    public sealed record Employee(string EmployeeKey, string DepartmentCode, DateOnly? JoinedOn, DateOnly? LeftOn, string? TrainingTier, bool? HasSeat,
        string? Email = null);
    public sealed record Identity(string System, string ExternalId, string EmployeeKey);
    public sealed record UseCase(string Code, string Title, string Description, string Category, string Status, double MinutesSavedPerUse,
        string Owner, string? ApplicableDepartments, string? TrainingUrl, int? ReviewEveryDays, DateOnly? LastReviewedOn, string? Tool = null);
    public sealed record Wave(string Code, string Name, string Kind, int Sequence, string[] Departments, DateOnly PlannedStart, DateOnly PlannedEnd,
        string Status, double TargetDepth, double TargetBreadth, string? ExecutiveSponsor, string? TechnicalOwner, string? AdoptionOwner,
        string? ContentOwner, string? GovernanceOwner);
    public sealed record GateReview(string WaveCode, DateOnly DecidedOn, string Decision, string Rationale, string DecidedBy);
    public sealed record Champion(string DisplayName, string Contact, string DepartmentCode, string Status, DateOnly Since);
    public sealed record BudgetLine(string Code, string Name, string? WaveCode, string? DepartmentCode, string Category, string PricingModel,
        decimal UnitPrice, decimal PlannedUnits, decimal PlannedAmount, DateOnly PeriodStart, DateOnly PeriodEnd);
    public sealed record SpendEntry(string SpendId, DateOnly OccurredOn, string BudgetLineCode, decimal Amount);
    public sealed record Training(string EmployeeKey, string ModuleCode, DateOnly CompletedOn);
    public sealed record Outcome(string ReportId, DateOnly OccurredOn, string DepartmentCode, string? UseCaseCode, int TicketsAvoided,
        int EmployeesHelped, int? Satisfaction, string? Blockers, string? Note);
    public sealed record UsageEvent(string EventId, DateOnly OccurredOn, string EmployeeKey, string UseCaseCode, int Uses, double? MinutesSaved);

    public static readonly (string Role, string Name, string Departments)[] DemoUsers =
    [
        ("admin", "Demo admin", ""), ("executive", "Demo executive", ""), ("champion", "Demo champion (Ventes, Marketing)", "SALES|MKT"),
        ("hr", "Demo HR", ""),
    ];

    public List<Department> Departments { get; } = [];
    public List<Employee> Employees { get; } = [];
    public List<Identity> Identities { get; } = [];
    public List<UseCase> UseCases { get; } = [];
    public List<Wave> Waves { get; } = [];
    public List<GateReview> GateReviews { get; } = [];
    public List<Champion> Champions { get; } = [];
    public List<BudgetLine> BudgetLines { get; } = [];
    public List<SpendEntry> Spend { get; } = [];
    public List<Training> Trainings { get; } = [];
    public List<Outcome> Outcomes { get; } = [];
    public List<UsageEvent> UsageEvents { get; } = [];

    private enum Pattern { Pilot, Growing, Stable, Declining, SlowGrowth, LateStarter }

    private sealed record Plan(string Code, string Name, int Size, Pattern Pattern, string Wave);

    private static readonly Plan[] Plans =
    [
        new("CS", "Service client", 250, Pattern.Pilot, "PILOT"),
        new("IT", "Informatique", 150, Pattern.Pilot, "PILOT"),
        new("SALES", "Ventes", 220, Pattern.Growing, "W1"),
        new("MKT", "Marketing", 90, Pattern.Declining, "W1"),
        new("FIN", "Finance", 110, Pattern.Stable, "W1"),
        new("HR", "Ressources humaines", 60, Pattern.SlowGrowth, "W1"),
        new("OPS", "Opérations", 300, Pattern.LateStarter, "W2"),
        new("LOG", "Logistique", 110, Pattern.LateStarter, "W2"),
        new("PROC", "Achats", 50, Pattern.LateStarter, "W2"),
        new("RND", "R&D", 140, Pattern.Growing, "W2"),
        new("COMMS", "Communication", 16, Pattern.LateStarter, "W2"),
        new("LEGAL", "Juridique", 4, Pattern.Stable, "W2"),
    ];

    public static DemoOrganisation Generate(DateOnly today)
    {
        var o = new DemoOrganisation();
        var random = new Random(20260105);
        // Year of history: 52 full ISO weeks ending with the current one.
        var thisMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var start = thisMonday.AddDays(-51 * 7);

        o.AddUseCases(start);
        var waveStart = new Dictionary<string, DateOnly>
        {
            ["PILOT"] = start, ["W1"] = start.AddDays(16 * 7), ["W2"] = thisMonday.AddDays(-8 * 7),
        };
        o.AddWaves(waveStart, today);
        foreach (var plan in Plans) o.Departments.Add(new Department(plan.Code, plan.Name));
        o.AddEmployees(random, start, today, waveStart);
        o.AddIdentities();
        o.AddUsage(random, start, thisMonday, today, waveStart);
        o.AddChampions(waveStart);
        o.AddBudget(random, start, today, waveStart);
        o.AddTrainings(random, waveStart, today);
        o.AddOutcomes(random, waveStart, today);
        return o;
    }

    private void AddUseCases(DateOnly start)
    {
        var reviewed = start.AddDays(200);
        UseCases.AddRange(
        [
            new("MAIL-DRAFT", "Rédiger des e-mails", "Rédiger et reformuler des e-mails à partir de quelques points.", "writing", "production", 6, "Claire Martin", null, "https://intranet.example/ai/mail", 180, reviewed, "Microsoft 365 Copilot"),
            new("MEET-SUM", "Comptes rendus de réunion", "Résumer les notes de réunion et lister les actions.", "meetings", "production", 15, "Paul Durand", null, "https://intranet.example/ai/meetings", 180, reviewed, "Microsoft 365 Copilot"),
            new("CS-REPLY", "Réponses clients", "Proposer des réponses aux tickets clients à partir de la base de connaissances.", "customer", "production", 8, "Nadia Benali", "CS|SALES", "https://intranet.example/ai/cs", 90, start.AddDays(100), "ChatGPT Enterprise"),
            new("CODE-ASSIST", "Assistant de code", "Expliquer, écrire et relire du code.", "code", "production", 20, "Hugo Lefèvre", "IT|RND", "https://intranet.example/ai/code", 90, start.AddDays(300), "GitHub Copilot"),
            new("SALES-PROSPECT", "Préparation de prospection", "Se renseigner sur un prospect et rédiger un premier message.", "sales", "production", 12, "Julie Moreau", "SALES|MKT", "https://intranet.example/ai/sales", 120, start.AddDays(250), "ChatGPT Enterprise"),
            new("FIN-RECON", "Rapprochements comptables", "Expliquer les écarts entre grands livres et relevés.", "finance", "pilot", 25, "Antoine Girard", "FIN", null, 60, start.AddDays(180), "ChatGPT Enterprise"),
            new("HR-JOBDESC", "Fiches de poste", "Rédiger des fiches de poste et des guides d'entretien.", "hr", "production", 20, "Sophie Laurent", "HR", "https://intranet.example/ai/hr", 365, start.AddDays(120), "ChatGPT Enterprise"),
            new("CONTRACT-REV", "Revue de contrats", "Signaler les clauses inhabituelles des contrats fournisseurs.", "legal", "pilot", 30, "Marc Petit", "LEGAL|PROC", null, 90, null, "ChatGPT Enterprise"),
            new("TRANSLATE", "Traduction", "Traduire des documents entre le français et l'anglais.", "writing", "production", 10, "Claire Martin", null, "https://intranet.example/ai/translate", 365, reviewed, "Microsoft 365 Copilot"),
            new("DATA-QUERY", "Questions sur les données", "Interroger les données commerciales en langage courant.", "analysis", "idea", 15, "Julie Moreau", "SALES|FIN", null, null, null, "ChatGPT Enterprise"),
            new("OLD-CHATBOT", "Ancien chatbot interne", "Remplacé par MAIL-DRAFT et MEET-SUM.", "writing", "retired", 3, "Paul Durand", null, null, null, null),
        ]);
    }

    private void AddWaves(Dictionary<string, DateOnly> waveStart, DateOnly today)
    {
        Waves.Add(new("PILOT", "Pilote : service client et informatique", "pilot", 1, ["CS", "IT"], waveStart["PILOT"], waveStart["PILOT"].AddDays(12 * 7),
            "completed", 0.5, 1.0, "Isabelle Roux (DG)", "Hugo Lefèvre", "Nadia Benali", "Claire Martin", "Marc Petit"));
        var w1End = waveStart["W1"].AddDays(30 * 7);
        Waves.Add(new("W1", "Vague 1 : fonctions commerciales et support", "rollout", 2, ["SALES", "MKT", "FIN", "HR"], waveStart["W1"], w1End,
            w1End < today ? "review" : "active", 0.45, 0.75, "Isabelle Roux (DG)", "Hugo Lefèvre", "Julie Moreau", "Claire Martin", "Marc Petit"));
        Waves.Add(new("W2", "Vague 2 : opérations et fonctions expertes", "rollout", 3, ["OPS", "LOG", "PROC", "RND", "COMMS", "LEGAL"],
            waveStart["W2"], waveStart["W2"].AddDays(24 * 7), "active", 0.35, 0.6, "Thomas Blanc (DAF)", "Hugo Lefèvre", null, "Claire Martin", null));
        GateReviews.Add(new("PILOT", waveStart["PILOT"].AddDays(12 * 7), "go",
            "Le pilote atteint sa profondeur visée dans les deux départements ; gain de temps confirmé par l’équipe support.", "Isabelle Roux"));
        GateReviews.Add(new("W1", waveStart["W1"].AddDays(12 * 7), "adjust",
            "L’usage baisse au marketing : ajouter un référent et revoir le cas d’usage de prospection avant d’aller plus loin.", "Isabelle Roux"));
        GateReviews.Add(new("W1", waveStart["W1"].AddDays(24 * 7), "go", "Ventes et Finance à l’objectif ; ouvrir la deuxième vague.", "Isabelle Roux"));
    }

    private readonly Dictionary<string, double> _propensity = [];

    private void AddEmployees(Random random, DateOnly start, DateOnly today, Dictionary<string, DateOnly> waveStart)
    {
        var n = 0;
        foreach (var plan in Plans)
        {
            for (var i = 0; i < plan.Size; i++)
            {
                var key = $"E{++n:D5}";
                DateOnly? joined = random.NextDouble() < 0.06 ? start.AddDays(random.Next(30, 340)) : start.AddDays(-random.Next(60, 4000));
                DateOnly? left = random.NextDouble() < 0.04 ? start.AddDays(random.Next(60, 350)) : null;
                if (left <= joined) left = null;
                if (left > today) left = null;
                var tier = random.NextDouble() switch { < 0.2 => "power", < 0.8 => "casual", _ => null };
                bool? seat = plan.Wave == "W2" && waveStart["W2"] > today ? false : random.NextDouble() < 0.85;
                // Most have their e-mail address on the roster; every tenth is known to the tools by another one (an identity).
                Employees.Add(new Employee(key, plan.Code, joined, left, tier, seat, n % 10 == 0 ? null : $"{key.ToLowerInvariant()}@demo.example"));
                // Habit mix: some rely on it, some use it now and then, some never.
                _propensity[key] = random.NextDouble() switch { < 0.25 => 0.95, < 0.55 => 0.55, < 0.8 => 0.2, _ => 0.0 };
            }
        }
    }

    /// <summary>
    /// Who is who in the tools that do not name people by their roster address: the IT and R&amp;D
    /// developers' GitHub logins, and the other address of those without one on the roster. Draws
    /// nothing from the random sequence, so the rest of the organisation is as before.
    /// </summary>
    private void AddIdentities()
    {
        foreach (var employee in Employees)
        {
            var key = employee.EmployeeKey.ToLowerInvariant();
            if (employee.DepartmentCode is "IT" or "RND" && int.Parse(key[1..], System.Globalization.CultureInfo.InvariantCulture) % 3 != 0)
                Identities.Add(new Identity("github", $"dev-{key}", employee.EmployeeKey));
            if (employee.Email is null)
                Identities.Add(new Identity("email", $"{key}@alias.demo.example", employee.EmployeeKey));
        }
    }

    /// <summary>The share of a department active in a week, by its pattern and wave.</summary>
    private static double Level(Plan plan, int week, int weeksSinceWaveStart)
    {
        if (weeksSinceWaveStart < 0) return plan.Code == "RND" ? 0.05 : 0; // R&D tinkers before its wave
        var ramp = Math.Min(1.0, (weeksSinceWaveStart + 1) / 8.0);
        return plan.Pattern switch
        {
            Pattern.Pilot => 0.62 * ramp,
            Pattern.Growing => Math.Min(0.75, 0.12 + 0.022 * weeksSinceWaveStart),
            Pattern.Stable => 0.4 * ramp,
            Pattern.Declining => week < 38 ? 0.55 * ramp : Math.Max(0.12, 0.55 - 0.035 * (week - 38)),
            Pattern.SlowGrowth => Math.Min(0.35, 0.05 + 0.01 * weeksSinceWaveStart),
            _ => 0.3 * ramp,
        };
    }

    private void AddUsage(Random random, DateOnly start, DateOnly thisMonday, DateOnly today, Dictionary<string, DateOnly> waveStart)
    {
        var applicable = Plans.ToDictionary(p => p.Code, p => UseCases
            .Where(u => u.Status is "production" or "pilot" && (u.ApplicableDepartments is null || u.ApplicableDepartments.Split('|').Contains(p.Code)))
            .Select(u => u.Code).ToArray());
        var plans = Plans.ToDictionary(p => p.Code);
        var id = 0;
        for (var week = 0; start.AddDays(week * 7) <= thisMonday; week++)
        {
            var monday = start.AddDays(week * 7);
            foreach (var employee in Employees)
            {
                var plan = plans[employee.DepartmentCode];
                var sinceWave = (monday.DayNumber - waveStart[plan.Wave].DayNumber) / 7;
                var level = Level(plan, week, sinceWave);
                var p = Math.Clamp(_propensity[employee.EmployeeKey] * level / 0.45, 0, 0.97);
                if (random.NextDouble() >= p) continue;
                var events = 1 + random.Next(3);
                for (var e = 0; e < events; e++)
                {
                    var day = monday.AddDays(random.Next(5));
                    if (day > today) continue;
                    var useCases = applicable[plan.Code];
                    var useCase = useCases[random.Next(useCases.Length)];
                    var uses = 1 + random.Next(5);
                    double? minutes = random.NextDouble() < 0.3 ? Math.Round(uses * (3 + random.NextDouble() * 20), 1) : null;
                    UsageEvents.Add(new UsageEvent($"demo-{++id:D7}", day, employee.EmployeeKey, useCase, uses, minutes));
                }
            }
        }
    }

    private void AddChampions(Dictionary<string, DateOnly> waveStart)
    {
        string[] first = ["Léa", "Karim", "Emma", "Lucas", "Chloé", "Hugo", "Inès", "Louis", "Camille", "Nathan", "Manon", "Yanis", "Sarah", "Théo"];
        var i = 0;
        foreach (var plan in Plans.Where(p => p.Code != "LEGAL"))
        {
            var status = plan.Code switch { "COMMS" => "identified", "MKT" => "inactive", _ => "active" };
            var name = first[i++ % first.Length];
            Champions.Add(new Champion($"{name} ({plan.Name})", $"{name.ToLowerInvariant()}@example.com", plan.Code, status, waveStart[plan.Wave].AddDays(-14)));
            if (plan.Size > 100)
            {
                var second = first[i++ % first.Length];
                Champions.Add(new Champion($"{second} ({plan.Name})", $"{second.ToLowerInvariant()}@example.com", plan.Code, "equipped", waveStart[plan.Wave]));
            }
        }
    }

    private void AddBudget(Random random, DateOnly start, DateOnly today, Dictionary<string, DateOnly> waveStart)
    {
        var yearEnd = start.AddDays(364);
        var seats = Plans.GroupBy(p => p.Wave).ToDictionary(g => g.Key, g => (decimal)g.Sum(p => p.Size));
        BudgetLines.Add(new("LIC-PILOT", "Licences pilote (par siège)", "PILOT", null, "licenses", "per-seat", 30 * 12, seats["PILOT"], 30 * 12 * seats["PILOT"], start, yearEnd));
        BudgetLines.Add(new("LIC-W1", "Licences vague 1 (par siège)", "W1", null, "licenses", "per-seat", 30 * 12, seats["W1"], 30 * 12 * seats["W1"], waveStart["W1"], yearEnd));
        BudgetLines.Add(new("API-W2", "Usage API vague 2 (à l'usage)", "W2", null, "licenses", "usage", 0.04m, 250_000, 10_000, waveStart["W2"], yearEnd.AddDays(180)));
        BudgetLines.Add(new("TRAIN", "Formation des référents", null, null, "training", "fixed", 18_000, 1, 18_000, start, yearEnd));
        BudgetLines.Add(new("INTEG", "Intégration SSO et base de connaissances", null, null, "integration", "fixed", 25_000, 1, 25_000, start, yearEnd));
        BudgetLines.Add(new("SUPPORT", "Support et animation", null, null, "support", "fixed", 12_000, 1, 12_000, start, yearEnd));
        var id = 0;
        var plans = BudgetLines.ToDictionary(l => l.Code, l => MonthlyPlanQuery.PlannedByMonth(l.PlannedAmount, l.PeriodStart, l.PeriodEnd));
        for (var month = new DateOnly(start.Year, start.Month, 1); month <= today; month = month.AddMonths(1))
        {
            foreach (var line in BudgetLines)
            {
                // Spend follows the line's monthly plan (as the budget summary spreads it), give or take.
                if (!plans[line.Code].TryGetValue(month, out var planned)) continue;
                // Integration ran over budget two months ago: the overrun alert has something to say.
                var factor = line.Code == "INTEG" && month == new DateOnly(today.Year, today.Month, 1).AddMonths(-2) ? 1.8 : 0.85 + random.NextDouble() * 0.25;
                var day = month == new DateOnly(line.PeriodStart.Year, line.PeriodStart.Month, 1) && line.PeriodStart.Day > 28 ? line.PeriodStart.Day : 28;
                var on = new DateOnly(month.Year, month.Month, Math.Min(day, DateTime.DaysInMonth(month.Year, month.Month)));
                Spend.Add(new SpendEntry($"demo-spend-{++id:D4}", on > today ? today : on, line.Code, Math.Round(planned * (decimal)factor, 2)));
            }
        }
    }

    private void AddTrainings(Random random, Dictionary<string, DateOnly> waveStart, DateOnly today)
    {
        var plans = Plans.ToDictionary(p => p.Code);
        foreach (var employee in Employees)
        {
            var start = waveStart[plans[employee.DepartmentCode].Wave];
            if (start > today || random.NextDouble() < 0.35) continue;
            Trainings.Add(new Training(employee.EmployeeKey, "AI-BASICS", start.AddDays(random.Next(0, 30))));
            foreach (var useCase in UseCases.Where(u => u.Status == "production" && random.NextDouble() < 0.3))
                if (useCase.ApplicableDepartments is null || useCase.ApplicableDepartments.Contains(employee.DepartmentCode))
                    Trainings.Add(new Training(employee.EmployeeKey, useCase.Code, start.AddDays(random.Next(5, 60))));
        }
        Trainings.RemoveAll(t => t.CompletedOn > today);
    }

    private void AddOutcomes(Random random, Dictionary<string, DateOnly> waveStart, DateOnly today)
    {
        string[] blockers = ["Licences en attente pour les nouveaux arrivants", "Données clients non accessibles depuis l'outil", "Manque de temps pour la formation", "Réponses trop génériques sur nos produits"];
        var id = 0;
        foreach (var plan in Plans)
        {
            // Reports name one of the production use cases that apply to the department, so that the
            // library's exception rate and perceived impact have something to show.
            var applicable = UseCases
                .Where(u => u.Status == "production" && (u.ApplicableDepartments is null || u.ApplicableDepartments.Split('|').Contains(plan.Code)))
                .Select(u => u.Code).ToList();
            for (var month = waveStart[plan.Wave]; month <= today; month = month.AddMonths(1))
            {
                var helped = (int)(plan.Size * (0.1 + random.NextDouble() * 0.3));
                var useCase = plan.Code == "CS" ? "CS-REPLY" : applicable.Count == 0 ? null : applicable[random.Next(applicable.Count)];
                Outcomes.Add(new Outcome($"demo-report-{++id:D4}", month.AddDays(20) > today ? today : month.AddDays(20), plan.Code,
                    useCase, plan.Code is "CS" or "IT" ? random.Next(20, 120) : random.Next(0, 15), helped,
                    1 + Math.Min(4, (int)(random.NextDouble() * 2 + (plan.Pattern == Pattern.Declining ? 1.5 : 3))),
                    random.NextDouble() < 0.3 ? blockers[random.Next(blockers.Length)] : null, null));
            }
        }
    }
}
