using System.Data.Common;
using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Audit;
using RolloutHub.Api.Features.Imports;
using RolloutHub.Api.Features.Kpis.Engine;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.UsageEvents;

public sealed record LogUsage(IReadOnlyList<LogUsage.Event> Events) : ICommand<LogUsage.Result>
{
    public sealed record Event(string? EventId, DateOnly OccurredOn, string EmployeeKey, string UseCaseCode, int Uses, double? MinutesSaved);
    public sealed record Result(int Inserted, int Updated, int Unchanged, IReadOnlyList<string> EventIds);
}

public sealed class LogUsageValidator : AbstractValidator<LogUsage>
{
    public LogUsageValidator()
    {
        RuleFor(c => c.Events).NotEmpty().Must(e => e.Count <= 10_000).WithMessage("Send at most 10,000 events at once; use the CSV import for more.");
        RuleForEach(c => c.Events).ChildRules(e =>
        {
            e.RuleFor(x => x.EventId).MaximumLength(100);
            e.RuleFor(x => x.EmployeeKey).NotEmpty().MaximumLength(100);
            e.RuleFor(x => x.UseCaseCode).NotEmpty().MaximumLength(50);
            e.RuleFor(x => x.Uses).InclusiveBetween(1, 1_000_000);
            e.RuleFor(x => x.MinutesSaved).InclusiveBetween(0, 1_000_000).When(x => x.MinutesSaved is not null);
            e.RuleFor(x => x.OccurredOn).Must(d => d.Year is >= 1900 and <= 2200).WithMessage("occurredOn is not a plausible date.");
        });
        // As in the CSV import: one event id twice in a batch is a mistake, not two upserts.
        RuleFor(c => c.Events).Custom((events, context) =>
        {
            var first = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < (events?.Count ?? 0); i++)
            {
                if (events![i]?.EventId is not { } id) continue;
                if (first.TryGetValue(id, out var earlier))
                    context.AddFailure($"Events[{i}].EventId", $"The event id '{id}' already appears at events[{earlier}].");
                else first[id] = i;
            }
        });
    }
}

/// <summary>
/// Logs a batch the way the CSV import does: the events are staged in a temporary table, checked
/// there with set-based SQL (known use cases and employees; for champions, their own departments,
/// including the department of every event an upsert would replace), counted, and merged in one
/// statement, so that a batch costs a few round trips whatever its size.
/// </summary>
public sealed class LogUsageHandler(DbSession session, CurrentUser user, AuditTrail audit) : IRequestHandler<LogUsage, LogUsage.Result>
{
    private static readonly BulkColumn[] StagingColumns =
    [
        new("line", BulkType.BigInteger), new("event_id", BulkType.Text), new("occurred_on", BulkType.Date),
        new("employee_key", BulkType.Text), new("use_case_code", BulkType.Text), new("uses", BulkType.Integer),
        new("minutes_saved", BulkType.Number),
    ];

    private static readonly string[] Columns = ["event_id", "occurred_on", "employee_key", "use_case_code", "uses", "minutes_saved"];

    private const string Changed = """
        (t.event_id IS NULL OR t.occurred_on IS DISTINCT FROM s.occurred_on OR t.employee_key IS DISTINCT FROM s.employee_key
         OR t.use_case_code IS DISTINCT FROM s.use_case_code OR t.uses IS DISTINCT FROM s.uses
         OR t.minutes_saved IS DISTINCT FROM s.minutes_saved)
        """;

    public async Task<LogUsage.Result> Handle(LogUsage request, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction ?? throw new InvalidOperationException("LogUsage runs in the command's transaction.");
        var dialect = session.Dialect;
        var ids = request.Events.Select(e => e.EventId ?? Guid.NewGuid().ToString("N")).ToList();

        await StageAsync(connection, tx, dialect, request.Events, ids, cancellationToken);

        if (user.IsChampion)
        {
            var line = await connection.ExecuteScalarAsync<long?>(dialect.ForStaging(UsageEventsImport.OutsideScope(dialect)),
                new { departmentCodes = user.DepartmentCodes }, tx);
            if (line is { } i)
                throw new ForbiddenException(
                    $"events[{i}] is for an employee you do not champion, or would replace another department's event; nothing was logged.");
        }

        var errors = new Dictionary<string, string[]>();
        foreach (var i in await connection.QueryAsync<long>(dialect.ForStaging("""
                     SELECT s.line FROM import_staging s LEFT JOIN employees e ON e.employee_key = s.employee_key
                     WHERE e.employee_key IS NULL
                     """), transaction: tx))
            errors[$"events[{i}].employeeKey"] = [$"Unknown employee '{request.Events[(int)i].EmployeeKey}'."];
        foreach (var i in await connection.QueryAsync<long>(dialect.ForStaging("""
                     SELECT s.line FROM import_staging s LEFT JOIN use_cases u ON u.code = s.use_case_code
                     WHERE u.code IS NULL
                     """), transaction: tx))
            errors[$"events[{i}].useCaseCode"] = [$"Unknown use case '{request.Events[(int)i].UseCaseCode}'."];
        if (errors.Count > 0) throw new RequestValidationException(errors);

        var (inserted, updated) = await connection.QuerySingleAsync<(long, long)>(dialect.ForStaging($"""
            SELECT
                COALESCE(SUM(CASE WHEN t.event_id IS NULL THEN 1 ELSE 0 END), 0) AS inserted,
                COALESCE(SUM(CASE WHEN t.event_id IS NOT NULL AND {Changed} THEN 1 ELSE 0 END), 0) AS updated
            FROM import_staging s
            LEFT JOIN usage_events t ON t.event_id = s.event_id
            """), transaction: tx);
        if (inserted + updated > 0)
        {
            var rollup = await ActivityRollup.BeforeMergeAsync(connection, tx, dialect, everything: false, cancellationToken);
            // The KPIs of the new date and, for a moved event, of the old one change.
            await DataChanges.MarkDatesAsync(connection, tx, dialect, dialect.ForStaging($"""
                SELECT s.occurred_on FROM import_staging s LEFT JOIN usage_events t ON t.event_id = s.event_id WHERE {Changed}
                UNION
                SELECT t.occurred_on FROM import_staging s JOIN usage_events t ON t.event_id = s.event_id WHERE {Changed}
                """));
            await connection.ExecuteAsync(
                dialect.InsertFrom("usage_events", OnConflict.UpdateWhenChanged, ["event_id"], Columns, dialect.StagingTable), transaction: tx);
            await rollup.AfterMergeAsync(cancellationToken);
        }
        await connection.ExecuteAsync($"DROP TABLE {dialect.StagingTable}", transaction: tx);

        var unchanged = request.Events.Count - (int)inserted - (int)updated;
        await audit.RecordAsync(connection, tx, "log", "usage-events", null,
            new { inserted, updated, unchanged, eventIds = ids.Take(100) });
        return new LogUsage.Result((int)inserted, (int)updated, unchanged, ids);
    }

    /// <summary>The batch into <c>import_staging</c>, each event's index in the batch as its line.</summary>
    private static async Task StageAsync(DbConnection connection, DbTransaction tx, SqlDialect dialect,
        IReadOnlyList<LogUsage.Event> events, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(dialect.CreateStaging($"""
            line BIGINT NOT NULL, event_id {dialect.TypeName(StagingType.Text)}, occurred_on {dialect.TypeName(StagingType.Date)},
            employee_key {dialect.TypeName(StagingType.Text)}, use_case_code {dialect.TypeName(StagingType.Text)},
            uses {dialect.TypeName(StagingType.Integer)}, minutes_saved {dialect.TypeName(StagingType.Number)}
            """), transaction: tx);
        await using var staging = await BulkWriter.OpenAsync(connection, tx, dialect.StagingTable, StagingColumns, cancellationToken);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            await staging.WriteAsync([(long)i, ids[i], e.OccurredOn, e.EmployeeKey, e.UseCaseCode, e.Uses, e.MinutesSaved], cancellationToken);
        }
        await staging.CompleteAsync(cancellationToken);
    }
}
