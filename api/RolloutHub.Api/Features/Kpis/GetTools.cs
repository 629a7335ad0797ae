using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Departments;
using RolloutHub.Api.Features.Kpis.Engine;
using RolloutHub.Api.Features.Privacy;

namespace RolloutHub.Api.Features.Kpis;

/// <summary><c>GET /api/v1/kpis/tools</c>: each AI tool's reach and use per period, for the organisation or one department.</summary>
public sealed record GetTools(string? Grain, string? From, string? To, string? DepartmentCode) : IRequest<ToolKpis>, IKpiRange;

public sealed record ToolKpis
{
    /// <summary><c>week</c> or <c>month</c>.</summary>
    public required string Grain { get; init; }
    /// <summary>When the snapshots were computed; null before the first run.</summary>
    public DateTimeOffset? ComputedAt { get; init; }
    /// <summary>True when data changed after the snapshots were computed.</summary>
    public bool Stale { get; init; }
    /// <summary>The department asked for with <c>departmentCode</c>; null for the organisation.</summary>
    public string? DepartmentCode { get; init; }
    /// <summary>The periods whose start lies in [from, to], oldest first.</summary>
    public required IReadOnlyList<ToolPeriod> Periods { get; init; }
}

public sealed record ToolPeriod
{
    /// <summary><c>2026-W03</c> or <c>2026-01</c>.</summary>
    public required string Period { get; init; }
    public DateOnly Start { get; init; }
    public DateOnly End { get; init; }
    /// <summary>Employees of the headcount active in the period with use cases of two tools or more; null when suppressed.</summary>
    public long? MultiToolEmployees { get; init; }
    /// <summary>
    /// True when the scope's figures would tell something about fewer than minGroupSize people: every
    /// figure of the period is then null for everyone but admins.
    /// </summary>
    public bool Suppressed { get; init; }
    /// <summary>One entry per tool that has a use case, ordered by tool.</summary>
    public required IReadOnlyList<ToolFigures> Tools { get; init; }
}

public sealed record ToolFigures
{
    /// <summary>The tool, as the use cases name it (e.g. <c>Microsoft 365 Copilot</c>).</summary>
    public required string Tool { get; init; }
    /// <summary>Employees of the headcount with a usage event in the period of one of the tool's use cases; null when suppressed.</summary>
    public long? ActiveEmployees { get; init; }
    /// <summary>activeEmployees ÷ headcount, unrounded; null when the headcount is 0 or when suppressed.</summary>
    public double? Depth { get; init; }
    /// <summary>Uses over every usage event of the tool's use cases in the period (employed or not); null when suppressed.</summary>
    public long? Uses { get; init; }
    /// <summary>Hours saved by those events (minutes_saved, else uses × the use case's minutes per use, ÷ 60); null when suppressed.</summary>
    public double? HoursSaved { get; init; }
}

public sealed class GetToolsValidator : AbstractValidator<GetTools>
{
    public GetToolsValidator(KpiToday today)
    {
        this.AddRangeRules(today);
        RuleFor(q => q.DepartmentCode).MaximumLength(50);
    }
}

public sealed class GetToolsHandler(DbSession session, CurrentUser user, KpiToday today) : IRequestHandler<GetTools, ToolKpis>
{
    private sealed record PeriodRow
    {
        public required DateOnly PeriodStart { get; init; }
        public required string Period { get; init; }
        public required DateOnly PeriodEnd { get; init; }
        public long MultiToolEmployees { get; init; }
        public long Headcount { get; init; }
    }

    public async Task<ToolKpis> Handle(GetTools request, CancellationToken cancellationToken)
    {
        var (grain, from, to) = KpiRange.Resolve(request, today.Date);
        var department = string.IsNullOrWhiteSpace(request.DepartmentCode) ? null : request.DepartmentCode.Trim();
        if (department is not null) await KnownDepartments.EnsureExistsAsync(session, department, cancellationToken);
        var connection = await session.ConnectionAsync(cancellationToken);
        var (computedAt, stale, minGroupSize) = await KpiRange.StateAsync(connection, session.Transaction);
        var bounds = new { grain = grain.Name(), from, to, code = department ?? "" };
        // The job stores a tool's row only where it was used; the headcount gives the others their depth.
        var periods = await connection.QueryAsync<PeriodRow>("""
            SELECT p.period_start, p.period, p.period_end, p.multi_tool_employees, COALESCE(k.headcount, 0) AS headcount
            FROM tool_period_snapshots p
            LEFT JOIN kpi_snapshots k ON k.grain = p.grain AND k.department_code = p.department_code AND k.period_start = p.period_start
            WHERE p.grain = @grain AND p.department_code = @code AND p.period_start >= @from AND p.period_start <= @to
            ORDER BY p.period_start
            """, bounds, session.Transaction);
        var used = (await connection.QueryAsync<ToolSnapshotRow>($"""
            {ToolSnapshotRow.Select}
            WHERE grain = @grain AND department_code = @code AND period_start >= @from AND period_start <= @to
            """, bounds, session.Transaction)).ToLookup(r => (r.PeriodStart, r.Tool.ToLowerInvariant()));
        var tools = ToolCalculator.ToolsOf(await connection.QueryAsync<string?>(
            "SELECT DISTINCT tool FROM use_cases WHERE tool IS NOT NULL", transaction: session.Transaction));
        var privacy = await SmallGroupsByPeriod.ReadAsync(connection, session.Transaction, user, grain, from, to, minGroupSize);
        return new ToolKpis
        {
            Grain = grain.Name(), ComputedAt = computedAt, Stale = stale, DepartmentCode = department,
            Periods = periods.Select(p =>
            {
                var start = p.PeriodStart;
                var groups = privacy(start);
                var suppressed = department is null ? groups.IsOrganisationSuppressed : groups.IsSuppressed(department);
                return new ToolPeriod
                {
                    Period = p.Period, Start = start, End = p.PeriodEnd, Suppressed = suppressed,
                    MultiToolEmployees = suppressed ? null : p.MultiToolEmployees,
                    Tools = tools.Select(tool => suppressed
                        ? new ToolFigures { Tool = tool }
                        : used[(p.PeriodStart, tool.ToLowerInvariant())].FirstOrDefault() is { } t
                            ? new ToolFigures { Tool = tool, ActiveEmployees = t.ActiveEmployees, Depth = t.Depth, Uses = t.Uses, HoursSaved = t.HoursSaved }
                            : new ToolFigures { Tool = tool, ActiveEmployees = 0, Depth = p.Headcount == 0 ? null : 0, Uses = 0, HoursSaved = 0 })
                        .ToList(),
                };
            }).ToList(),
        };
    }
}

/// <summary>One CSV line per period and tool of <c>GET /api/v1/kpis/tools</c> with <c>Accept: text/csv</c>.</summary>
public sealed record ToolCsv(
    string Period, DateOnly Start, DateOnly End, string Tool, long? ActiveEmployees, double? Depth, long? Uses, double? HoursSaved,
    long? MultiToolEmployees, bool Suppressed)
{
    public static IEnumerable<ToolCsv> From(ToolKpis kpis) =>
        kpis.Periods.SelectMany(p => p.Tools.Select(t => new ToolCsv(
            p.Period, p.Start, p.End, t.Tool, t.ActiveEmployees, t.Depth, t.Uses, t.HoursSaved, p.MultiToolEmployees, p.Suppressed)));
}
