using RolloutHub.Api.Features.Identities;

namespace RolloutHub.Api.Features.Imports;

/// <summary>
/// Who an employee is in another system (their GitHub login, Viva PersonId, another e-mail…), so
/// that the AI tools' exports find them. The key, system and identifier, is compared without case
/// and surrounding spaces. HR may load it as well as admins: it is part of the roster, which HR
/// loads (the employee import carries the e-mail address already).
/// </summary>
public sealed class IdentitiesImport : ImportKind
{
    public override string Name => "identities";
    public override string Table => "identities";
    public override IReadOnlyList<CsvColumn> Columns { get; } = [Required("employee_key"), Required("system"), Required("external_id")];
    public override IReadOnlyList<StagingColumn> Staging { get; } = [Text("system"), Text("external_id"), Text("employee_key")];
    public override IReadOnlyList<string> Key { get; } = ["system", "external_id"];
    public override IReadOnlyList<string> Roles { get; } = [Auth.Roles.Hr];

    public override void Read(CsvImportRow row, object?[] values)
    {
        values[0] = IdentityText.Normalise(row.Text("system", required: true, maxLength: IdentityText.MaxSystemLength));
        values[1] = IdentityText.Normalise(row.Text("external_id", required: true, maxLength: IdentityText.MaxExternalIdLength));
        values[2] = row.Key("employee_key", required: true, maxLength: 100);
    }

    public override IReadOnlyList<ReferenceCheck> References { get; } = [Employee()];

}
