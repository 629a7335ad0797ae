using System.Data.Common;
using Dapper;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Imports;
using RolloutHub.Api.Features.Kpis.Engine;

namespace RolloutHub.Api.Features.Demo;

/// <summary>
/// With <c>Demo:Seed=true</c>, an empty database is filled with a generated
/// demonstration organisation, so that a first run shows a living dashboard. The data are
/// generated from a fixed seed, relative to the current week so that they stay recent.
/// </summary>
public static class DemoSeed
{
    public static async Task SeedDemonstrationIfAsked(this IServiceProvider services, IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>("Demo:Seed")) return;
        var db = services.GetRequiredService<Db>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoSeed));
        await using var connection = await db.OpenAsync();
        if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM departments") > 0)
        {
            logger.LogInformation("Demo:Seed is on but the database already holds data: nothing was generated.");
            return;
        }
        var organisation = DemoOrganisation.Generate(DateOnly.FromDateTime(DateTime.UtcNow));
        await using var transaction = await connection.BeginTransactionAsync();
        await WriteAsync(connection, transaction, db.Dialect, organisation);
        await transaction.CommitAsync();
        logger.LogInformation("Generated the demonstration organisation: {Departments} departments, {Employees} employees, {Events} usage events.",
            organisation.Departments.Count, organisation.Employees.Count, organisation.UsageEvents.Count);
    }

    private static async Task WriteAsync(DbConnection c, DbTransaction tx, SqlDialect dialect, DemoOrganisation o)
    {
        await c.ExecuteAsync("INSERT INTO departments (code, name) VALUES (@Code, @Name)", o.Departments, tx);
        await c.ExecuteAsync("""
            INSERT INTO employees (employee_key, department_code, joined_on, left_on, training_tier, has_seat, email)
            VALUES (@EmployeeKey, @DepartmentCode, @JoinedOn, @LeftOn, @TrainingTier, @HasSeat, @Email)
            """, o.Employees, tx);
        await c.ExecuteAsync("INSERT INTO identities (system, external_id, employee_key) VALUES (@System, @ExternalId, @EmployeeKey)", o.Identities, tx);
        await c.ExecuteAsync("""
            INSERT INTO use_cases (code, title, description, category, status, minutes_saved_per_use, owner,
                                   training_url, review_every_days, last_reviewed_on, tool)
            VALUES (@Code, @Title, @Description, @Category, @Status, @MinutesSavedPerUse, @Owner,
                    @TrainingUrl, @ReviewEveryDays, @LastReviewedOn, @Tool)
            """, o.UseCases, tx);
        await c.ExecuteAsync("INSERT INTO use_case_departments (use_case_code, department_code) VALUES (@UseCaseCode, @DepartmentCode)",
            o.UseCases.Where(u => u.ApplicableDepartments is not null)
                .SelectMany(u => u.ApplicableDepartments!.Split('|').Select(d => new { UseCaseCode = u.Code, DepartmentCode = d })), tx);
        await c.ExecuteAsync("""
            INSERT INTO waves (code, name, kind, sequence, planned_start, planned_end, status, target_depth, target_breadth,
                               executive_sponsor, technical_owner, adoption_owner, content_owner, governance_owner)
            VALUES (@Code, @Name, @Kind, @Sequence, @PlannedStart, @PlannedEnd, @Status, @TargetDepth, @TargetBreadth,
                    @ExecutiveSponsor, @TechnicalOwner, @AdoptionOwner, @ContentOwner, @GovernanceOwner)
            """, o.Waves, tx);
        await c.ExecuteAsync("INSERT INTO wave_departments (wave_code, department_code) VALUES (@WaveCode, @DepartmentCode)",
            o.Waves.SelectMany(w => w.Departments.Select(d => new { WaveCode = w.Code, DepartmentCode = d })), tx);
        await c.ExecuteAsync("""
            INSERT INTO gate_reviews (wave_code, decided_on, decision, rationale, decided_by)
            VALUES (@WaveCode, @DecidedOn, @Decision, @Rationale, @DecidedBy)
            """, o.GateReviews, tx);
        await c.ExecuteAsync("""
            INSERT INTO champions (display_name, contact, department_code, status, since)
            VALUES (@DisplayName, @Contact, @DepartmentCode, @Status, @Since)
            """, o.Champions, tx);
        await c.ExecuteAsync("""
            INSERT INTO budget_lines (code, name, wave_code, department_code, category, pricing_model, unit_price, planned_units,
                                      planned_amount, period_start, period_end)
            VALUES (@Code, @Name, @WaveCode, @DepartmentCode, @Category, @PricingModel, @UnitPrice, @PlannedUnits,
                    @PlannedAmount, @PeriodStart, @PeriodEnd)
            """, o.BudgetLines, tx);
        await c.ExecuteAsync("INSERT INTO spend (spend_id, occurred_on, budget_line_code, amount) VALUES (@SpendId, @OccurredOn, @BudgetLineCode, @Amount)",
            o.Spend, tx);
        await c.ExecuteAsync("INSERT INTO training_completions (employee_key, module_code, completed_on) VALUES (@EmployeeKey, @ModuleCode, @CompletedOn)",
            o.Trainings, tx);
        await c.ExecuteAsync("""
            INSERT INTO outcome_reports (report_id, occurred_on, department_code, use_case_code, tickets_avoided, employees_helped,
                                         satisfaction, blockers, note)
            VALUES (@ReportId, @OccurredOn, @DepartmentCode, @UseCaseCode, @TicketsAvoided, @EmployeesHelped, @Satisfaction, @Blockers, @Note)
            """, o.Outcomes, tx);

        // ~100,000 events: COPY on PostgreSQL, bulk copy on SQL Server, a prepared insert on SQLite.
        await using (var events = await BulkWriter.OpenAsync(c, tx, "usage_events",
        [
            new("event_id", BulkType.Text), new("occurred_on", BulkType.Date), new("employee_key", BulkType.Text),
            new("use_case_code", BulkType.Text), new("uses", BulkType.Integer), new("minutes_saved", BulkType.Number),
        ], CancellationToken.None))
        {
            foreach (var e in o.UsageEvents)
                await events.WriteAsync([e.EventId, e.OccurredOn, e.EmployeeKey, e.UseCaseCode, e.Uses, e.MinutesSaved], CancellationToken.None);
            await events.CompleteAsync(CancellationToken.None);
        }
        await ActivityRollup.RebuildAsync(c, tx, dialect);

        foreach (var (role, name, departments) in DemoOrganisation.DemoUsers)
        {
            var secret = TokenHasher.NewSecret();
            await c.ExecuteAsync("""
                INSERT INTO api_tokens (id, name, role, department_codes, token_hash, created_at) VALUES (@id, @name, @role, @departments, @hash, @now);
                INSERT INTO demo_credentials (role, name, token, department_codes) VALUES (@role, @name, @secret, @departments);
                """, new { id = Guid.NewGuid().ToString("N"), name, role, departments, hash = TokenHasher.Hash(secret), now = DateTimeOffset.UtcNow, secret }, tx);
        }
        await DataChanges.TouchAsync(c, tx, fullRecompute: true);
    }
}
