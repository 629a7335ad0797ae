namespace RolloutHub.Api.Features.Imports;

/// <summary>Module codes are a use-case code or a general module, so they are not checked.</summary>
public sealed class TrainingsImport : ImportKind
{
    public override string Name => "trainings";
    public override string Table => "training_completions";
    public override IReadOnlyList<CsvColumn> Columns { get; } = [Required("employee_key"), Required("module_code"), Required("completed_on")];
    public override IReadOnlyList<StagingColumn> Staging { get; } = [Text("employee_key"), Text("module_code"), Date("completed_on")];
    public override IReadOnlyList<string> Key { get; } = ["employee_key", "module_code"];
    public override IReadOnlyList<string> Roles { get; } = [Auth.Roles.Hr];

    public override void Read(CsvImportRow row, object?[] values)
    {
        values[0] = row.Key("employee_key", required: true, maxLength: 100);
        values[1] = row.Key("module_code", required: true, maxLength: 50);
        values[2] = row.Date("completed_on", required: true);
    }

    public override IReadOnlyList<ReferenceCheck> References { get; } = [Employee()];
}
