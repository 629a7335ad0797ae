using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Training;

/// <summary>Training needs, for HR.</summary>
public static class TrainingEndpoints
{
    public static RouteGroupBuilder MapTrainingNeeds(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/training-needs").WithTags("Training needs").RequireAuthorization(Policies.ReadTrainingNeeds);
        group.MapGet("/", async (string? departmentCode, string? waveCode, DateOnly? asOf, HttpRequest request, IMediator mediator) =>
            {
                var needs = await mediator.Send(new GetDepartmentTrainingNeeds(departmentCode, waveCode, asOf));
                var rows = needs.Departments.Select(d => new DepartmentTrainingNeedCsv(d.Priority, d.DepartmentCode, d.Name, d.WaveCode,
                    d.WaveStage, d.Headcount, d.Active, d.Depth, d.Suppressed, d.Trained, d.Untrained,
                    d.MissingModules.Select(m => $"{m.ModuleCode}:{m.EmployeesMissing}").ToList(), d.PriorityReason)).ToList();
                return CsvOutput.Negotiate(request, rows, needs, "training-needs");
            })
            .Produces<DepartmentTrainingNeeds>()
            .WithSummary("Training needs per department: headcount, active, trained, untrained, depth and missing modules, most urgent first")
            .WithDescription("""
                For the employees employed on `asOf` (default today): `active` = a usage event in the 28 days ending on it, `trained` =
                at least one training completion, `missingModules` = the general module (`Training:GeneralModule`, default AI-BASICS) and
                each production use case applicable to the department, with how many of its employees have not completed it.
                Ordered by `priority`: departments of a current wave (active or in review) first, then those of the next planned wave,
                then the rest; within each, untrained × (1 − depth) descending. Filter by `departmentCode` or `waveCode` (priorities
                stay those of the whole organisation). Privacy, for everyone but admins: a department hidden on `asOf` (fewer than
                minGroupSize employees, or hidden with such a department, as on GET /api/v1/kpis/departments) has `suppressed` true, its
                headcount, null `active`, `depth`, `trained` and `untrained`, no missing modules, and comes last in its group.
                Send `Accept: text/csv` for CSV (one line per department, modules as `CODE:missing` joined with `|`).
                HR, executives and admins.
                """);
        group.MapGet("/employees", async (string? departmentCode, string? waveCode, bool? all, int? limit, string? cursor, DateOnly? asOf,
                HttpRequest request, IMediator mediator) =>
                CsvOutput.Negotiate(request, await mediator.Send(new GetEmployeeTrainingNeeds(departmentCode, waveCode, all ?? false, limit, cursor, asOf)),
                    "training-needs-employees"))
            .Produces<Page<EmployeeTrainingNeed>>()
            .WithSummary("Employee keys with their training tier and missing modules")
            .WithDescription("""
                Employees employed on `asOf` (default today), by key, in pages (`limit`, `cursor`). Power users need every production use
                case applicable to their department; casual users a quick start: the general module (AI-BASICS) plus the applicable
                production use case their department used most over the last 90 days. Employees without a tier are treated as casual
                (`tierAssumed`: true, with a note). Only employees with something missing unless `all=true`. Filter by `departmentCode`
                and/or `waveCode`. `Accept: text/csv` gives CSV (lists joined with `|`; next page in the X-Next-Cursor header).
                Executives do not get the employees of a department hidden for privacy on `asOf`; HR and admins get everyone.
                HR, executives and admins.
                """);
        return group;
    }
}
