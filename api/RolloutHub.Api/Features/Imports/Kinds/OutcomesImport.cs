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
        values[0] = row.Text("report_id", required: true, maxLength: 100);
        values[1] = row.Date("occurred_on", required: true);
        values[2] = row.Text("department_code", required: true, maxLength: 50);
        values[3] = row.Text("use_case_code", maxLength: 50);
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

    private const string Changed = """
        (t.report_id IS NULL OR t.occurred_on IS DISTINCT FROM s.occurred_on OR t.department_code IS DISTINCT FROM s.department_code
         OR t.use_case_code IS DISTINCT FROM s.use_case_code OR t.tickets_avoided IS DISTINCT FROM s.tickets_avoided
         OR t.employees_helped IS DISTINCT FROM s.employees_helped OR t.satisfaction IS DISTINCT FROM s.satisfaction
         OR t.blockers IS DISTINCT FROM s.blockers OR t.note IS DISTINCT FROM s.note)
        """;

    public override string CountSql => $"""
        SELECT
            COALESCE(SUM(CASE WHEN t.report_id IS NULL THEN 1 ELSE 0 END), 0) AS inserted,
            COALESCE(SUM(CASE WHEN t.report_id IS NOT NULL AND {Changed} THEN 1 ELSE 0 END), 0) AS updated
        FROM import_staging s
        LEFT JOIN outcome_reports t ON t.report_id = s.report_id
        """;

    // The KPIs of both the new date and, for a moved report, the old one change.
    public override string ChangedDatesSql => $"""
        SELECT s.occurred_on FROM import_staging s LEFT JOIN outcome_reports t ON t.report_id = s.report_id WHERE {Changed}
        UNION
        SELECT t.occurred_on FROM import_staging s JOIN outcome_reports t ON t.report_id = s.report_id WHERE {Changed}
        """;
}
