using RolloutHub.Api.Data;

namespace RolloutHub.Api.Features.Imports;

/// <summary>
/// An event dated outside its employee's employment, or for a use case of any
/// status, is accepted; docs/DEFINITIONS.md decides what it counts for.
/// </summary>
public sealed class UsageEventsImport : ImportKind
{
    public override string Name => "usage-events";
    public override string Table => "usage_events";
    public override IReadOnlyList<CsvColumn> Columns { get; } =
        [Required("event_id"), Required("occurred_on"), Required("employee_key"), Required("use_case_code"), Required("uses"), Optional("minutes_saved")];
    public override IReadOnlyList<StagingColumn> Staging { get; } =
        [Text("event_id"), Date("occurred_on"), Text("employee_key"), Text("use_case_code"), Integer("uses"), Number("minutes_saved")];
    public override IReadOnlyList<string> Key { get; } = ["event_id"];
    public override IReadOnlyList<string> Roles { get; } = [Auth.Roles.Champion];

    public override void Read(CsvImportRow row, object?[] values)
    {
        values[0] = row.Key("event_id", required: true, maxLength: 100);
        values[1] = row.Date("occurred_on", required: true);
        values[2] = row.Key("employee_key", required: true, maxLength: 100);
        values[3] = row.Key("use_case_code", required: true, maxLength: 50);
        values[4] = row.Integer("uses", required: true, min: 1, max: 1_000_000);
        values[5] = row.Decimal("minutes_saved", min: 0, max: 1_000_000);
    }

    public override IReadOnlyList<ReferenceCheck> References { get; } = [Employee(), UseCase()];

    public override string OutsideScopeSql(SqlDialect dialect) => OutsideScope(dialect);

    /// <summary>
    /// The first staged line a champion of <c>@departmentCodes</c> may not write: its employee is
    /// not one of their departments' (an unknown key answers the same, so that nobody learns
    /// which keys exist elsewhere), or the event it would replace is another department's.
    /// Also the check of the JSON endpoint, which stages its batch the same way.
    /// </summary>
    public static string OutsideScope(SqlDialect dialect) => $"""
        SELECT MIN(line) FROM (
            SELECT s.line FROM import_staging s
            LEFT JOIN employees e ON e.employee_key = s.employee_key
            WHERE s.employee_key IS NOT NULL
              AND (e.employee_key IS NULL OR {dialect.NotIn("e.department_code", "@departmentCodes")})
            UNION ALL
            SELECT s.line FROM import_staging s
            JOIN usage_events t ON t.event_id = s.event_id
            JOIN employees p ON p.employee_key = t.employee_key
            WHERE {dialect.NotIn("p.department_code", "@departmentCodes")}
        ) outside_scope
        """;

    public override string ChangedDatesSql(IReadOnlyList<string> columns) => OccurredOnChangedSql(columns);
}
