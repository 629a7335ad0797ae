using System.Data.Common;
using Dapper;
using RolloutHub.Api.Data;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Imports;

public sealed class UseCasesImport : ImportKind
{
    public static readonly string[] Statuses = UseCases.UseCaseStatuses.Names;

    public override string Name => "use-cases";
    public override string Table => "use_cases";
    public override IReadOnlyList<CsvColumn> Columns { get; } =
    [
        Required("code"), Required("title"), Required("category"), Required("status"), Required("minutes_saved_per_use"),
        Optional("owner"), Optional("description"), Optional("applicable_departments"), Optional("training_url"),
        Optional("review_every_days"), Optional("last_reviewed_on"), Optional("tool"),
    ];
    public override IReadOnlyList<StagingColumn> Staging { get; } =
    [
        Text("code"), Text("title"), Text("category"), Text("status"), Number("minutes_saved_per_use"), Text("owner"),
        Text("description"), Text("applicable_departments"), Text("training_url"), Integer("review_every_days"), Date("last_reviewed_on"), Text("tool"),
    ];
    public override IReadOnlyList<string> Key { get; } = ["code"];
    public override IReadOnlyList<string> Roles { get; } = [];
    public override bool ChangesAllPeriods => true;

    public override void Read(CsvImportRow row, object?[] values)
    {
        values[0] = row.Key("code", required: true, maxLength: 50);
        values[1] = row.Text("title", required: true, maxLength: 200);
        values[2] = row.Text("category", required: true, maxLength: 100);
        values[3] = row.OneOf("status", Statuses, required: true);
        values[4] = row.Decimal("minutes_saved_per_use", required: true, min: 0, max: 100_000);
        values[5] = row.Text("owner", maxLength: 200);
        values[6] = row.Text("description", maxLength: 4000);
        values[7] = NormaliseDepartmentList(row.Text("applicable_departments", maxLength: 4000));
        values[8] = row.Text("training_url", maxLength: 2000);
        values[9] = row.Integer("review_every_days", min: 1, max: 3650);
        values[10] = row.Date("last_reviewed_on");
        values[11] = row.Text("tool", maxLength: 100);
    }

    /// <summary>Codes separated by '|', sorted and without repeats; empty means every department.</summary>
    public static string? NormaliseDepartmentList(string? list)
    {
        if (string.IsNullOrWhiteSpace(list)) return null;
        var codes = list.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Infrastructure.KeyText.Normalise)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return codes.Length == 0 ? null : string.Join('|', codes);
    }

    public override async Task<IReadOnlyList<CsvLineError>> CheckAsync(DbConnection connection, DbTransaction? transaction, SqlDialect dialect)
    {
        var departments = (await connection.QueryAsync<string>("SELECT code FROM departments", transaction: transaction)).ToHashSet();
        var staged = await connection.QueryAsync<(long Line, string List)>(dialect.ForStaging(
            "SELECT line, applicable_departments FROM import_staging WHERE applicable_departments IS NOT NULL"), transaction: transaction);
        return staged
            .SelectMany(s => s.List.Split('|').Where(code => !departments.Contains(code))
                .Select(code => CsvLineError.Of(s.Line, "applicable_departments", CsvErrorCode.UnknownDepartment, $"Unknown department '{code}'.", ("value", code))))
            .ToList();
    }

    /// <summary>
    /// The CSV's list of departments is stored in use_case_departments (see
    /// <see cref="UseCases.Applicability"/>), not on use_cases; a row differs when the stored
    /// departments are not exactly the staged list.
    /// </summary>
    public override IReadOnlyList<string> StoredElsewhere { get; } = ["applicable_departments"];

    protected override string DiffersElsewhere(string column, SqlDialect dialect) => $"""
        (EXISTS (SELECT 1 FROM use_case_departments ucd WHERE ucd.use_case_code = t.code
                 AND (s.{column} IS NULL OR NOT ({dialect.InList($"s.{column}", "ucd.department_code")})))
         OR (s.{column} IS NOT NULL
             AND (SELECT COUNT(*) FROM use_case_departments ucd WHERE ucd.use_case_code = t.code) <> {dialect.ListCount($"s.{column}")}))
        """;

    public override async Task AfterMergeAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, IReadOnlyList<string> columns)
    {
        // A file without the column leaves each use case's departments as they are.
        if (!columns.Contains("applicable_departments")) return;
        await connection.ExecuteAsync(dialect.ForStaging(
            "DELETE FROM use_case_departments WHERE use_case_code IN (SELECT code FROM import_staging)"), transaction: transaction);
        var staged = await connection.QueryAsync<(string Code, string List)>(dialect.ForStaging(
            "SELECT code, applicable_departments FROM import_staging WHERE applicable_departments IS NOT NULL"), transaction: transaction);
        var pairs = staged.SelectMany(s => s.List.Split('|').Select(d => new { useCaseCode = s.Code, departmentCode = d }));
        await connection.ExecuteAsync(
            "INSERT INTO use_case_departments (use_case_code, department_code) VALUES (@useCaseCode, @departmentCode)",
            pairs, transaction);
    }
}
