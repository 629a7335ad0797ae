using RolloutHub.Api.Data;

namespace RolloutHub.Api.Features.Imports;

public sealed class OutcomesImport : ImportKind
{
    public override string Name => "outcomes";
    public override string Table => "outcome_reports";
    public override IReadOnlyList<CsvColumn> Columns { get; } =
    [
        Required("report_id"), Required("occurred_on"), Required("department_code"), Optional("use_case_code"),
        Required("tickets_avoided"), Required("employees_helped"), Optional("satisfaction"), Optional("blockers"), Optional("note"),
    ];
    public override IReadOnlyList<StagingColumn> Staging { get; } =
    [
        Text("report_id"), Date("occurred_on"), Text("department_code"), Text("use_case_code"),
        Integer("tickets_avoided"), Integer("employees_helped"), Integer("satisfaction"), Text("blockers"), Text("note"),
    ];
    public override IReadOnlyList<string> Key { get; } = ["report_id"];
    public override IReadOnlyList<string> Roles { get; } = [Auth.Roles.Champion];

    public override void Read(CsvImportRow row, object?[] values)
    {
        values[0] = row.Key("report_id", required: true, maxLength: 100);
        values[1] = row.Date("occurred_on", required: true);
        values[2] = row.Key("department_code", required: true, maxLength: 50);
        values[3] = row.Key("use_case_code", maxLength: 50);
        values[4] = row.Integer("tickets_avoided", required: true, min: 0, max: 100_000_000);
        values[5] = row.Integer("employees_helped", required: true, min: 0, max: 100_000_000);
        values[6] = row.Integer("satisfaction", min: 1, max: 5);
        values[7] = row.Text("blockers", maxLength: 4000);
        values[8] = row.Text("note", maxLength: 4000);
    }

    public override IReadOnlyList<ReferenceCheck> References { get; } = [Department(), UseCase()];

    // The row's department, and the department of the report it would replace: a champion may
    // not move another department's report into their own by reusing its id.
    public override string OutsideScopeSql(SqlDialect dialect) => $"""
        SELECT MIN(line) FROM (
            SELECT s.line FROM import_staging s
            WHERE {dialect.NotIn("s.department_code", "@departmentCodes")}
            UNION ALL
            SELECT s.line FROM import_staging s
            JOIN outcome_reports t ON t.report_id = s.report_id
            WHERE {dialect.NotIn("t.department_code", "@departmentCodes")}
        ) outside_scope
        """;

    public override string ChangedDatesSql(IReadOnlyList<string> columns) => OccurredOnChangedSql(columns);
}
