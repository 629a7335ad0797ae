namespace RolloutHub.Api.Features.Imports;

public sealed class OutcomesImport : ImportKind
{
    public override string Name => "outcomes";
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

    public override string OutsideScopeSql =>
        "SELECT MIN(line) FROM import_staging WHERE department_code NOT IN @departmentCodes";

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

    public override string BeforeMergeSql => $"""
        INSERT INTO kpi_dirty_dates (occurred_on)
        SELECT occurred_on FROM (
            SELECT s.occurred_on FROM import_staging s LEFT JOIN outcome_reports t ON t.report_id = s.report_id WHERE {Changed}
            UNION
            SELECT t.occurred_on FROM import_staging s JOIN outcome_reports t ON t.report_id = s.report_id WHERE {Changed}
        ) changed WHERE true
        ON CONFLICT (occurred_on) DO NOTHING
        """;

    public override string MergeSql => """
        INSERT INTO outcome_reports (report_id, occurred_on, department_code, use_case_code, tickets_avoided, employees_helped, satisfaction, blockers, note)
        SELECT report_id, occurred_on, department_code, use_case_code, tickets_avoided, employees_helped, satisfaction, blockers, note
        FROM import_staging WHERE true
        ON CONFLICT (report_id) DO UPDATE SET
            occurred_on = excluded.occurred_on, department_code = excluded.department_code, use_case_code = excluded.use_case_code,
            tickets_avoided = excluded.tickets_avoided, employees_helped = excluded.employees_helped,
            satisfaction = excluded.satisfaction, blockers = excluded.blockers, note = excluded.note
        WHERE outcome_reports.occurred_on IS DISTINCT FROM excluded.occurred_on
           OR outcome_reports.department_code IS DISTINCT FROM excluded.department_code
           OR outcome_reports.use_case_code IS DISTINCT FROM excluded.use_case_code
           OR outcome_reports.tickets_avoided IS DISTINCT FROM excluded.tickets_avoided
           OR outcome_reports.employees_helped IS DISTINCT FROM excluded.employees_helped
           OR outcome_reports.satisfaction IS DISTINCT FROM excluded.satisfaction
           OR outcome_reports.blockers IS DISTINCT FROM excluded.blockers
           OR outcome_reports.note IS DISTINCT FROM excluded.note
        """;
}
