using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Kpis;

/// <summary>KPI reads (from the snapshots), the recompute request, job runs and idle seats.</summary>
public static class KpiEndpoints
{
    private const string RangeQueryHelp = """
        Query: grain = week (ISO 8601 weeks, Monday to Sunday, labelled YYYY-Www; the default) or month (YYYY-MM);
        from, to = dates YYYY-MM-DD selecting the periods whose START date lies in [from, to] (defaults: to = today,
        from = 12 periods earlier). Figures come from the snapshots of the last KPI run: computedAt says when, and
        stale is true when data changed since (a run is then already scheduled). Ratios are unrounded.
        """;

    private const string RangeHelp = RangeQueryHelp + "\n" + """
        Answers CSV with Accept: text/csv (one line per period, or per department and period).
        """;

    public static RouteGroupBuilder MapKpis(this RouteGroupBuilder api)
    {
        var kpis = api.MapGroup("/kpis").WithTags("KPIs");
        kpis.MapGet("/", async (string? grain, string? from, string? to, HttpRequest request, IMediator mediator,
                KpiResponseCache cache, DbSession session, CurrentUser user) =>
            {
                var query = new GetKpis(grain, from, to);
                return CsvOutput.Wanted(request)
                    ? CsvOutput.Csv((await mediator.Send(query)).Periods.Select(OrganisationPeriodCsv.From), "kpis")
                    : await cache.JsonAsync(request, "kpis", query, session, user, () => mediator.Send(query));
            })
            .RequireAuthorization(Policies.ReadDashboards)
            .Produces<OrganisationKpis>().ProducesValidationProblem()
            .WithSummary("The organisation's KPIs per period: breadth, depth, diversity, impact, sustainability")
            .WithDescription($"""
                Breadth: departments with employees, and those adopting (depth ≥ adoptingDepthThreshold). Depth: active
                employees ÷ headcount (employees employed at some time in the period; active = with a usage event dated in it).
                Diversity: distinct use cases used. Impact: hours saved (minutes_saved, else uses × the use case's minutes
                per use, ÷ 60), tickets avoided and employees helped (outcome reports), value saved (hours × hourly cost).
                Sustainability: trend of active employees over the last 8 weeks / 6 months (growing, stable, declining,
                insufficient-data, inactive) and the relative slope. Organisation totals include every department. Privacy
                (everyone but admins): when the departments hidden in a period (see GET /api/v1/kpis/departments) hold fewer
                than minGroupSize people together, the period has suppressed true and only its headcount and breadth.
                {RangeHelp}
                """);

        kpis.MapGet("/departments", async (string? grain, string? from, string? to, HttpRequest request, IMediator mediator,
                KpiResponseCache cache, DbSession session, CurrentUser user) =>
            {
                var query = new GetDepartmentKpis(grain, from, to);
                return CsvOutput.Wanted(request)
                    ? CsvOutput.Csv(DepartmentPeriodCsv.From(await mediator.Send(query)), "kpis-departments")
                    : await cache.JsonAsync(request, "departments", query, session, user, () => mediator.Send(query));
            })
            .RequireAuthorization(Policies.ReadDashboards)
            .Produces<DepartmentKpis>().ProducesValidationProblem()
            .WithSummary("Every department's KPIs per period, departments without employees included")
            .WithDescription($"""
                A department's usage events are those of the employees whose current record is in it (employed or not:
                they count for its diversity and impact, not as active); its outcomes are the reports naming it.
                Privacy (everyone but admins): a department with fewer than minGroupSize employees in a period is hidden, and
                so is the smallest other department, then the next, until the hidden departments hold minGroupSize people or
                more (so that the organisation's total minus the visible departments never reveals a small group). A hidden
                department's period has suppressed true, its headcount, and null for every other figure.
                {RangeHelp}
                """);

        kpis.MapGet("/departments/heatmap", async (string? grain, string? from, string? to, HttpRequest request, IMediator mediator,
                KpiResponseCache cache, DbSession session, CurrentUser user) =>
            {
                var query = new GetDepartmentHeatmap(grain, from, to);
                return await cache.JsonAsync(request, "departments-heatmap", query, session, user, () => mediator.Send(query));
            })
            .RequireAuthorization(Policies.ReadDashboards)
            .Produces<DepartmentHeatmap>().ProducesValidationProblem()
            .WithSummary("Every department's depth per period, compactly: what a department × period heatmap draws")
            .WithDescription($$"""
                The figures of GET /api/v1/kpis/departments that a heatmap shows, from the same snapshots and with the same
                privacy, in a compact shape: the periods are listed once, and each department gives, per period, integers
                in arrays aligned with them — headcount[i] and activeEmployees[i] are about periods[i] (depth =
                activeEmployees ÷ headcount, none when the headcount is 0; null when the period has no figures for the
                department yet) — the indexes of the periods in which it is hidden (suppressed), and the sustainability
                trend of the last period. Use GET /api/v1/kpis/departments for every figure (hours, use cases, tickets,
                slope…) or for CSV. Privacy (everyone but admins): a department hidden in a period (fewer than minGroupSize
                employees, or hidden with such departments so that no total minus the visible departments reveals them)
                has that period's index in suppressed, its headcount, and null for activeEmployees (and for trend when it
                is the last period).
                Example: `{ "grain": "week", "computedAt": "2026-03-30T02:00:04Z", "stale": false, "periods": [ { "period":
                "2026-W12", "start": "2026-03-16", "end": "2026-03-22" }, { "period": "2026-W13", "start": "2026-03-23",
                "end": "2026-03-29" } ], "departments": [ { "code": "HR", "name": "Human resources", "headcount": [3, 3],
                "activeEmployees": [null, null], "suppressed": [0, 1], "trend": null }, { "code": "SALES", "name": "Sales",
                "headcount": [40, 41], "activeEmployees": [18, 22], "suppressed": [], "trend": "growing" } ] }`.
                JSON only (gzip when asked).
                {{RangeQueryHelp}}
                """);

        kpis.MapGet("/tools", async (string? grain, string? from, string? to, string? departmentCode, HttpRequest request, IMediator mediator,
                KpiResponseCache cache, DbSession session, CurrentUser user) =>
            {
                var query = new GetTools(grain, from, to, departmentCode);
                return CsvOutput.Wanted(request)
                    ? CsvOutput.Csv(ToolCsv.From(await mediator.Send(query)), "kpis-tools")
                    : await cache.JsonAsync(request, $"tools|{departmentCode}", query, session, user, () => mediator.Send(query));
            })
            .RequireAuthorization(Policies.ReadDashboards)
            .Produces<ToolKpis>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Each AI tool's reach and use per period: active employees, depth, uses, hours saved, and who uses several tools")
            .WithDescription($$"""
                A tool is the `tool` of the use cases (Microsoft 365 Copilot, ChatGPT Enterprise, GitHub Copilot…); each
                period lists every tool that has a use case, ordered by tool. activeEmployees: employees of the headcount
                (employed at some time in the period) with a usage event in the period of one of the tool's use cases;
                depth = activeEmployees ÷ headcount (null when the headcount is 0); uses and hoursSaved: over every usage
                event of the tool's use cases in the period (hours: minutes_saved when given, else uses × the use case's
                minutes per use, ÷ 60). multiToolEmployees: employees of the headcount active with use cases of two tools
                or more. With departmentCode, the same figures for one department (its headcount and its employees'
                events); an unknown department is a 400. Privacy: for everyone but admins, a period whose figures would
                be about a group smaller than minGroupSize (the department itself, or the organisation total when the
                small departments together are too few) answers suppressed: true and null figures.
                Example: `{ "period": "2026-W03", "multiToolEmployees": 12, "suppressed": false, "tools": [ { "tool":
                "ChatGPT Enterprise", "activeEmployees": 40, "depth": 0.27, "uses": 310, "hoursSaved": 51.5 } ] }`.
                CSV: one line per period and tool.
                {{RangeHelp}}
                """);

        kpis.MapGet("/adoption", async (string? grain, string? from, string? to, HttpRequest request, IMediator mediator) =>
            {
                var result = await mediator.Send(new GetAdoption(grain, from, to));
                return CsvOutput.Wanted(request)
                    ? CsvOutput.Csv(result.Periods.Select(p => AdoptionCsv.From(null, null, p)), "adoption")
                    : TypedResults.Ok(result);
            })
            .RequireAuthorization(Policies.ReadDashboards)
            .Produces<OrganisationAdoption>().ProducesValidationProblem()
            .WithSummary("Adoption quality per period: usage bands, habit rate, cohort transitions, activation, seats")
            .WithDescription($"""
                For the employees in the period's headcount. Bands (weeks only; null for months): with a = the number of
                the 12 ISO weeks ending at the week in which the employee used AI, habitual a ≥ 9, regular 5–8,
                occasional 1–4, nonUser 0; habitRate = habitual ÷ headcount. Transitions from the previous period:
                retained (active in both), new (active now, never before), reactivated (active now, not in the previous
                period, but before it), lapsed (active before, not now), dormant (neither); they add up to the headcount.
                Activation: d = the later of joined_on and the earliest planned start of a wave including the department;
                eligible = d at least activationWindowDays (30) before the period's end; activated = first use on or after
                d within that many days; rate = activated ÷ eligible; medianDays = median days from d to first use among
                the eligible who had used it by the period's end. Seats: held = seat holders, idle = of them, no usage in
                the 28 days ending at the period's end, unseatedActive = active employees without a seat. Privacy (everyone
                but admins): suppressed true leaves only the headcount, as on GET /api/v1/kpis.
                {RangeHelp}
                """);

        kpis.MapGet("/adoption/departments", async (string? grain, string? from, string? to, HttpRequest request, IMediator mediator) =>
            {
                var result = await mediator.Send(new GetDepartmentAdoption(grain, from, to));
                return CsvOutput.Wanted(request)
                    ? CsvOutput.Csv(result.Departments.SelectMany(d => d.Periods.Select(p => AdoptionCsv.From(d.Code, d.Name, p))), "adoption-departments")
                    : TypedResults.Ok(result);
            })
            .RequireAuthorization(Policies.ReadDashboards)
            .Produces<DepartmentAdoption>().ProducesValidationProblem()
            .WithSummary("Adoption quality of every department per period")
            .WithDescription($"""
                The fields of GET /api/v1/kpis/adoption per department. Privacy (everyone but admins): a department hidden in
                a period (see GET /api/v1/kpis/departments) has suppressed true, its headcount, and null for every other figure.
                {RangeHelp}
                """);

        kpis.MapPost("/recompute", async (bool? full, IMediator mediator) =>
                TypedResults.Accepted("/api/v1/job-runs", await mediator.Send(new RequestRecompute(full ?? false))))
            .RequireAuthorization(Policies.AdminOnly)
            .Produces<RecomputeRequested>(StatusCodes.Status202Accepted)
            .WithSummary("Queue a KPI run now; follow it at GET /api/v1/job-runs/{runId}")
            .WithDescription("""
                The run recomputes the periods whose data changed since the last run (and the later periods that depend
                on them), or every period with ?full=true. Once it has succeeded, the KPI endpoints reflect every change
                made before the request. Runs also start by themselves a few seconds (Kpis:DebounceSeconds) after data
                changes, and every night (Kpis:NightlyCron) for a full recompute.
                """);

        var runs = api.MapGroup("/job-runs").WithTags("Jobs").RequireAuthorization(Policies.ReadManagement);
        runs.MapGet("/{runId}", async (string runId, IMediator mediator) => TypedResults.Ok(await mediator.Send(new GetJobRun(runId))))
            .Produces<JobRun>()
            .WithSummary("One job run: queued, running, succeeded or failed (with its error)")
            .WithDescription("Readable by admins and executives. A failed run keeps its error and is retried a bounded number of times, each retry a new run whose retryOf names the first.");
        runs.MapGet("/", async (string? job, string? status, int? limit, string? cursor, HttpRequest request, IMediator mediator) =>
                CsvOutput.Negotiate(request, await mediator.Send(new ListJobRuns(job, status, limit, cursor)), "job-runs"))
            .Produces<Page<JobRun>>()
            .WithSummary("Recent runs of every job, newest first")
            .WithDescription("Filter with job (kpis) and status. Readable by admins and executives. Pages with limit and cursor; CSV with Accept: text/csv.");

        api.MapGet("/seats/idle", async (string? departmentCode, int? limit, string? cursor, HttpRequest request, IMediator mediator) =>
                CsvOutput.Negotiate(request, await mediator.Send(new ListIdleSeats(departmentCode, limit, cursor)), "idle-seats"))
            .WithTags("KPIs")
            .RequireAuthorization(Policies.ReadSeats)
            .Produces<Page<IdleSeat>>()
            .WithSummary("Idle licence seats today: seat holders with no usage event in the last 28 days")
            .WithDescription("""
                Admins and HR only. Seat holders employed at some time in the 28 days ending today, today included (optionally
                of one department), with no usage event in them, with their last use and the days since (null when never used):
                the seats the adoption KPI counts as idle for a period ending today.
                Pages with limit and cursor; CSV with Accept: text/csv.
                """);
        return kpis;
    }
}
