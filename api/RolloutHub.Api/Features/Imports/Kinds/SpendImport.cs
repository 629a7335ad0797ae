using RolloutHub.Api.Infrastructure;
namespace RolloutHub.Api.Features.Imports;

public sealed class SpendImport : ImportKind
{
    public override string Name => "spend";
    public override string Table => "spend";
    public override IReadOnlyList<CsvColumn> Columns { get; } =
        [Required("spend_id"), Required("occurred_on"), Required("budget_line_code"), Required("amount")];
    public override IReadOnlyList<StagingColumn> Staging { get; } =
        [Text("spend_id"), Date("occurred_on"), Text("budget_line_code"), Money("amount")];
    public override IReadOnlyList<string> Key { get; } = ["spend_id"];
    public override IReadOnlyList<string> Roles { get; } = [];

    public override void Read(CsvImportRow row, object?[] values)
    {
        values[0] = row.Key("spend_id", required: true, maxLength: 100);
        values[1] = row.Date("occurred_on", required: true);
        values[2] = row.Key("budget_line_code", required: true, maxLength: 50);
        // Credit notes are negative spend, so the sign is free.
        var amount = row.Decimal("amount", required: true, min: -1_000_000_000m, max: 1_000_000_000m);
        // Amounts are stored with four decimals: a fifth would be rounded away unseen.
        if (amount is { } a && !Data.Money.FitsScale(a))
        {
            var text = a.ToString(System.Globalization.CultureInfo.InvariantCulture);
            row.Error("amount", CsvErrorCode.TooManyDecimals, $"'{text}' has more than {Data.Money.Scale} decimals.", ("value", text));
            amount = null;
        }
        values[3] = amount;
    }

    public override IReadOnlyList<ReferenceCheck> References { get; } =
    [
        new("budget_line_code",
            "SELECT line FROM import_staging s WHERE s.budget_line_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM budget_lines b WHERE b.code = s.budget_line_code)",
            CsvErrorCode.UnknownBudgetLine, "Unknown budget line"),
    ];
}
