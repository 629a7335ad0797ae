using Dapper;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Kpis;
using RolloutHub.Api.Features.Privacy;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Budget;

/// <summary>The idle seats of the idle window ending on asOf (docs/DEFINITIONS.md#adoption-quality, "Seats"), priced by the per-seat lines.</summary>
public sealed record IdleSeats
{
    public int WindowDays { get; init; }
    public IReadOnlyList<IdleSeatLine> Lines { get; init; } = [];
    /// <summary>Sum over the lines not suppressed (an employee in the scope of two lines counts in each).</summary>
    public double YearlyCost { get; init; }
}

public sealed record IdleSeatLine
{
    public required string LineCode { get; init; }
    public required string Name { get; init; }
    /// <summary><c>wave W1</c>, <c>department SALES</c> or <c>organisation</c>.</summary>
    public required string Scope { get; init; }
    /// <summary>Null when suppressed.</summary>
    public long? SeatsHeld { get; init; }
    /// <summary>Null when suppressed.</summary>
    public long? Idle { get; init; }
    public double UnitPricePerYear { get; init; }
    /// <summary>Idle × unit price a year; null when suppressed.</summary>
    public double? YearlyCost { get; init; }
    /// <summary>
    /// True, for everyone but admins, when the privacy rule hides the line's scope on asOf (a hidden
    /// department, or a wave or the organisation whose total is hidden): seats, idle and cost are null.
    /// </summary>
    public bool Suppressed { get; init; }
}

/// <summary>
/// What the idle seats on asOf cost a year, per per-seat line: the idle seats of the line's scope
/// (its department, the departments of its wave, or everyone) × the line's price of a seat a year.
/// Seats are counted once per department, in one query, and added up per scope.
/// </summary>
public sealed class IdleSeatCosts(DbSession session, CurrentUser user) : IQuery
{
    private sealed record SeatRow
    {
        public required string DepartmentCode { get; init; }
        public long Held { get; init; }
        public long Idle { get; init; }
    }

    public async Task<IdleSeats> ComputeAsync(IReadOnlyList<BudgetLine> lines, DateOnly asOf, int minGroupSize, CancellationToken cancellationToken)
    {
        var seatLines = lines.Where(l => l.PricingModel == PricingModels.PerSeat).ToList();
        var connection = await session.ConnectionAsync(cancellationToken);
        var (windowStart, _) = LicenceSeats.PeriodEndingOn(asOf);
        var byDepartment = seatLines.Count == 0 ? [] : (await connection.QueryAsync<SeatRow>($"""
            SELECT e.department_code,
                   COUNT(*) AS held,
                   SUM(CASE WHEN {LicenceSeats.IsIdleSql("e", "@windowStart", "@asOf")} THEN 1 ELSE 0 END) AS idle
            FROM employees e
            WHERE {LicenceSeats.HeldSql(session.Dialect, "e", "@windowStart", "@asOf")}
            GROUP BY e.department_code
            """, new { windowStart, asOf }, session.Transaction)).ToList();
        var smallGroups = await SmallGroupsDuring.ReadAsync(connection, session.Transaction, user, asOf, asOf, minGroupSize);
        var waveDepartments = (await connection.QueryAsync<(string WaveCode, string DepartmentCode)>(
                "SELECT wave_code, department_code FROM wave_departments", transaction: session.Transaction))
            .ToLookup(w => w.WaveCode, w => w.DepartmentCode);

        var result = new List<IdleSeatLine>();
        foreach (var line in seatLines)
        {
            var scope = line.DepartmentCode is { } department ? byDepartment.Where(d => d.DepartmentCode == department)
                : line.WaveCode is { } wave ? byDepartment.Where(d => waveDepartments[wave].Contains(d.DepartmentCode))
                : byDepartment;
            long held = scope.Sum(d => d.Held), idle = scope.Sum(d => d.Idle);
            var price = (double)line.UnitPrice * line.YearFactor();
            var hidden = line.DepartmentCode is not null ? smallGroups.IsSuppressed(line.DepartmentCode)
                : line.WaveCode is not null ? smallGroups.IsTotalSuppressed(waveDepartments[line.WaveCode])
                : smallGroups.IsOrganisationSuppressed;
            result.Add(new IdleSeatLine
            {
                LineCode = line.Code, Name = line.Name,
                Scope = line.DepartmentCode is not null ? $"department {line.DepartmentCode}" : line.WaveCode is not null ? $"wave {line.WaveCode}" : "organisation",
                SeatsHeld = hidden ? null : held, Idle = hidden ? null : idle, UnitPricePerYear = price,
                YearlyCost = hidden ? null : idle * price, Suppressed = hidden,
            });
        }
        return new IdleSeats { WindowDays = LicenceSeats.IdleWindowDays, Lines = result, YearlyCost = result.Sum(l => l.YearlyCost ?? 0) };
    }
}
