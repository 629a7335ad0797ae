namespace RolloutHub.Api.Features.Imports;

public sealed class DepartmentsImport : ImportKind
{
    public override string Name => "departments";
    public override string Table => "departments";
    public override IReadOnlyList<CsvColumn> Columns { get; } = [Required("code"), Required("name")];
    public override IReadOnlyList<StagingColumn> Staging { get; } = [Text("code"), Text("name")];
    public override IReadOnlyList<string> Key { get; } = ["code"];
    public override IReadOnlyList<string> Roles { get; } = [];
    public override bool ChangesAllPeriods => true;

    public override void Read(CsvImportRow row, object?[] values)
    {
        values[0] = row.Key("code", required: true, maxLength: 50);
        values[1] = row.Text("name", required: true, maxLength: 200);
    }
}
