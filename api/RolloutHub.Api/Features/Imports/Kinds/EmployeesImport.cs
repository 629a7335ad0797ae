using System.Data.Common;
using Dapper;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Identities;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Imports;

public sealed class EmployeesImport : ImportKind
{
    public override string Name => "employees";
    public override string Table => "employees";
    public override IReadOnlyList<CsvColumn> Columns { get; } =
        [Required("employee_key"), Required("department_code"), Optional("joined_on"), Optional("left_on"), Optional("training_tier"), Optional("has_seat"), Optional("email")];
    public override IReadOnlyList<StagingColumn> Staging { get; } =
        [Text("employee_key"), Text("department_code"), Date("joined_on"), Date("left_on"), Text("training_tier"), Boolean("has_seat"), Text("email")];
    public override IReadOnlyList<string> Key { get; } = ["employee_key"];
    public override IReadOnlyList<string> Roles { get; } = [Auth.Roles.Hr];
    public override bool ChangesAllPeriods => true;

    public override void Read(CsvImportRow row, object?[] values)
    {
        values[0] = row.Key("employee_key", required: true, maxLength: 100);
        values[1] = row.Key("department_code", required: true, maxLength: 50);
        var joined = row.Date("joined_on");
        var left = row.Date("left_on");
        if (joined is not null && left is not null && left < joined)
            row.Error("left_on", CsvErrorCode.LeftBeforeJoined, "'left_on' is before 'joined_on'.");
        values[2] = joined;
        values[3] = left;
        values[4] = row.OneOf("training_tier", ["power", "casual"]);
        values[5] = row.Boolean("has_seat");
        var email = IdentityText.Normalise(row.Text("email", maxLength: 320));
        if (email is not null && !IdentityText.LooksLikeEmail(email))
            row.Error("email", CsvErrorCode.NotAnEmail, $"'{email}' is not an e-mail address.", ("value", email));
        values[6] = email;
    }

    // An address belongs to one employee: twice in the file, or already another employee's, is an
    // error (moving an address from one employee to another takes two imports: free it, then give it).
    public override async Task<IReadOnlyList<CsvLineError>> CheckAsync(DbConnection connection, DbTransaction? transaction, SqlDialect dialect)
    {
        var taken = await connection.QueryAsync<(long Line, string Email, string Holder)>(dialect.ForStaging("""
            SELECT s.line, s.email, e.employee_key FROM import_staging s
            JOIN employees e ON e.email = s.email AND e.employee_key <> s.employee_key
            UNION ALL
            SELECT s.line, s.email, f.employee_key FROM import_staging s
            JOIN (SELECT email, MIN(line) AS first_line FROM import_staging WHERE email IS NOT NULL GROUP BY email HAVING COUNT(*) > 1) d
              ON d.email = s.email AND s.line > d.first_line
            JOIN import_staging f ON f.line = d.first_line
            """), transaction: transaction);
        return taken.Select(t => CsvLineError.Of(t.Line, "email", CsvErrorCode.DuplicateEmail,
                $"'{t.Email}' is already the e-mail of employee '{t.Holder}'.", ("value", t.Email), ("employeeKey", t.Holder)))
            .ToList();
    }

    public override IReadOnlyList<ReferenceCheck> References { get; } = [Department()];
}
