namespace RolloutHub.Api.Features.Imports;

public sealed class EmployeesImport : ImportKind
{
    public override string Name => "employees";
    public override string Table => "employees";
    public override IReadOnlyList<CsvColumn> Columns { get; } =
        [Required("employee_key"), Required("department_code"), Optional("joined_on"), Optional("left_on"), Optional("training_tier"), Optional("has_seat")];
    public override IReadOnlyList<StagingColumn> Staging { get; } =
        [Text("employee_key"), Text("department_code"), Date("joined_on"), Date("left_on"), Text("training_tier"), Boolean("has_seat")];
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
            row.Error("left_on", "left-before-joined", "'left_on' is before 'joined_on'.");
        values[2] = joined;
        values[3] = left;
        values[4] = row.OneOf("training_tier", ["power", "casual"]);
        values[5] = row.Boolean("has_seat");
    }

    public override IReadOnlyList<ReferenceCheck> References { get; } = [Department()];
}
