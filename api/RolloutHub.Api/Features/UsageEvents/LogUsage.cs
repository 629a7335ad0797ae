using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Audit;
using RolloutHub.Api.Features.Imports;
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
    }
}

public sealed class LogUsageHandler(DbSession session, CurrentUser user, AuditTrail audit) : IRequestHandler<LogUsage, LogUsage.Result>
{
    public async Task<LogUsage.Result> Handle(LogUsage request, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var departments = new Dictionary<string, string>();
        foreach (var keys in request.Events.Select(e => e.EmployeeKey).Distinct().Chunk(SqlDialect.ListSlice))
            foreach (var (key, department) in await connection.QueryAsync<(string Key, string Department)>(
                         $"SELECT employee_key, department_code FROM employees WHERE {session.Dialect.In("employee_key", "@keys")}", new { keys }, tx))
                departments[key] = department;
        var knownUseCases = new HashSet<string>();
        foreach (var useCases in request.Events.Select(e => e.UseCaseCode).Distinct().Chunk(SqlDialect.ListSlice))
            knownUseCases.UnionWith(await connection.QueryAsync<string>($"SELECT code FROM use_cases WHERE {session.Dialect.In("code", "@useCases")}", new { useCases }, tx));

        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < request.Events.Count; i++)
        {
            var e = request.Events[i];
            if (!departments.ContainsKey(e.EmployeeKey)) errors[$"events[{i}].employeeKey"] = [$"Unknown employee '{e.EmployeeKey}'."];
            if (!knownUseCases.Contains(e.UseCaseCode)) errors[$"events[{i}].useCaseCode"] = [$"Unknown use case '{e.UseCaseCode}'."];
        }
        if (errors.Count > 0) throw new RequestValidationException(errors);
        foreach (var department in departments.Values.Distinct()) user.EnsureMayActFor(department);

        int inserted = 0, updated = 0, unchanged = 0;
        var ids = new List<string>();
        var dates = new List<DateOnly>();
        var upsert = session.Dialect.InsertRow("usage_events", OnConflict.Update, ["event_id"],
            ("event_id", "@id"), ("occurred_on", "@OccurredOn"), ("employee_key", "@EmployeeKey"),
            ("use_case_code", "@UseCaseCode"), ("uses", "@Uses"), ("minutes_saved", "@MinutesSaved"));
        foreach (var e in request.Events)
        {
            var id = e.EventId ?? Guid.NewGuid().ToString("N");
            ids.Add(id);
            var old = await connection.QuerySingleOrDefaultAsync<StoredEvent>(
                "SELECT occurred_on, employee_key, use_case_code, uses, minutes_saved FROM usage_events WHERE event_id = @id", new { id }, tx);
            if (old is not null)
            {
                if ((old.OccurredOn, old.EmployeeKey, old.UseCaseCode, old.Uses, old.MinutesSaved) == (e.OccurredOn, e.EmployeeKey, e.UseCaseCode, e.Uses, e.MinutesSaved))
                {
                    unchanged++;
                    continue;
                }
                await EnsureMayRewriteAsync(connection, tx, old.EmployeeKey);
                dates.Add(old.OccurredOn);
                updated++;
            }
            else inserted++;
            dates.Add(e.OccurredOn);
            await connection.ExecuteAsync(upsert, new { id, e.OccurredOn, e.EmployeeKey, e.UseCaseCode, e.Uses, e.MinutesSaved }, tx);
        }
        if (dates.Count > 0) await DataChanges.MarkDatesAsync(connection, tx, session.Dialect, dates);
        await audit.RecordAsync(connection, tx, "log", "usage-events", null,
            new { inserted, updated, unchanged, eventIds = ids.Take(100) });
        return new LogUsage.Result(inserted, updated, unchanged, ids);
    }

    private sealed record StoredEvent
    {
        public DateOnly OccurredOn { get; init; }
        public required string EmployeeKey { get; init; }
        public required string UseCaseCode { get; init; }
        public int Uses { get; init; }
        public double? MinutesSaved { get; init; }
    }

    // A champion may not move another department's event into their own by reusing its id.
    private async Task EnsureMayRewriteAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? tx, string employeeKey)
    {
        if (!user.IsChampion) return;
        var department = await connection.ExecuteScalarAsync<string>(
            "SELECT department_code FROM employees WHERE employee_key = @employeeKey", new { employeeKey }, tx);
        if (department is not null) user.EnsureMayActFor(department);
    }
}
