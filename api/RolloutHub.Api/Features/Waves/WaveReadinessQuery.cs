using Dapper;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Budget;
using RolloutHub.Api.Features.Employees;
using RolloutHub.Api.Features.Kpis;
using RolloutHub.Api.Features.Privacy;
using RolloutHub.Api.Features.UseCases;
using RolloutHub.Api.Features.Waves.Readiness;

namespace RolloutHub.Api.Features.Waves;

/// <summary>
/// Loads what the seven readiness items are judged on, once, lets each item judge, and adds the
/// confirmations people gave. Injected wherever the checklist is needed (the checklist itself, a
/// confirmation's answer, the gate recommendation before a wave's start).
/// </summary>
public sealed class WaveReadinessQuery(
    DbSession session, WaveQueries waves, UsageRateQuery usageRate, CurrentUser user, KpiToday today)
{
    private sealed record ConfirmationRow
    {
        public required string Item { get; init; }
        public required string ConfirmedBy { get; init; }
        public DateTimeOffset ConfirmedAt { get; init; }
        public string? Note { get; init; }
    }

    public async Task<WaveReadiness> GetAsync(string waveCode, DateOnly? day, CancellationToken cancellationToken)
    {
        var wave = await waves.GetAsync(waveCode, cancellationToken);
        var asOf = day ?? today.Date;
        var facts = await LoadAsync(wave, asOf, cancellationToken);
        var connection = await session.ConnectionAsync(cancellationToken);
        var confirmations = (await connection.QueryAsync<ConfirmationRow>(
                "SELECT item, confirmed_by, confirmed_at, note FROM wave_readiness_confirmations WHERE wave_code = @waveCode",
                new { waveCode = wave.Code }, session.Transaction))
            .ToDictionary(c => c.Item);

        var items = ReadinessChecklist.Items.Select(item =>
        {
            var verdict = item.Evaluate(facts);
            var confirmation = confirmations.TryGetValue(item.Key, out var c)
                ? new ReadinessConfirmation { ConfirmedBy = c.ConfirmedBy, ConfirmedAt = c.ConfirmedAt, Note = c.Note }
                : null;
            return new ReadinessItem
            {
                Number = item.Number, Key = item.Key, Met = verdict.Met, Code = verdict.Code, Facts = verdict.Facts, Gaps = verdict.Gaps,
                ConfirmationRequired = item.NeedsPersonConfirmation, Confirmation = confirmation,
                NeedsConfirmation = item.NeedsPersonConfirmation && confirmation is null,
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

    private async Task<ReadinessFacts> LoadAsync(Wave wave, DateOnly asOf, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var dialect = session.Dialect;
        var codes = wave.DepartmentCodes.ToArray();

        // Employees employed on the day: the people the wave has to equip and train.
        var employees = (await connection.QueryAsync<(string EmployeeKey, string DepartmentCode, string? TrainingTier)>($"""
            SELECT employee_key, department_code, training_tier FROM employees
            WHERE {dialect.In("department_code", "@codes")}
              AND {Employment.On("", "@asOf")}
            ORDER BY employee_key
            """, new { codes, asOf }, tx)).Select(e => new ReadinessEmployee(e.EmployeeKey, e.DepartmentCode, e.TrainingTier)).ToList();
        var championed = (await connection.QueryAsync<string>($"""
            SELECT DISTINCT department_code FROM champions
            WHERE {dialect.In("department_code", "@codes")} AND status IN ('equipped', 'active')
            """, new { codes }, tx)).ToHashSet();
        var useCases = (await connection.QueryAsync<(string Code, string DepartmentCode, string? TrainingUrl)>($"""
            SELECT u.code, d.code AS department_code, u.training_url
            FROM use_cases u
            JOIN departments d ON {dialect.In("d.code", "@codes")}
            WHERE u.status = 'production' AND {Applicability.AppliesTo("u.code", "d.code")}
            ORDER BY u.code
            """, new { codes }, tx)).Select(u => new ReadinessUseCase(u.Code, u.DepartmentCode, u.TrainingUrl)).ToList();
        var lines = (await connection.QueryAsync<ReadinessBudgetLineRow>($"""
            SELECT code, pricing_model, unit_price, planned_units, period_start, period_end FROM budget_lines
            WHERE pricing_model IN ('per-seat', 'usage')
              AND (wave_code = @waveCode OR {dialect.In("department_code", "@codes")})
            ORDER BY code
            """, new { waveCode = wave.Code, codes }, tx))
            .Select(l => new ReadinessBudgetLine(l.Code, l.PricingModel, l.UnitPrice, l.PlannedUnits, l.PeriodStart, l.PeriodEnd)).ToList();
        var usage = await usageRate.ReadAsync(asOf, cancellationToken);
        var minGroupSize = (await KpiRange.StateAsync(connection, tx)).MinGroupSize;
        var smallGroups = await SmallGroupsDuring.ReadAsync(connection, tx, user, asOf, asOf, minGroupSize);

        return new ReadinessFacts
        {
            Wave = wave, AsOf = asOf, Employees = employees, Championed = championed, UseCases = useCases, BudgetLines = lines,
            Usage = usage, SmallGroups = smallGroups,
            Reader = new ReadinessReader(user.IsChampion, user.DepartmentCodes.ToHashSet(),
                Policies.RolesByPolicy[Policies.ReadEmployees].Contains(user.Role)),
        };
    }

    private sealed record ReadinessBudgetLineRow
    {
        public required string Code { get; init; }
        public required string PricingModel { get; init; }
        public decimal UnitPrice { get; init; }
        public decimal PlannedUnits { get; init; }
        public DateOnly PeriodStart { get; init; }
        public DateOnly PeriodEnd { get; init; }
    }
}
