using System.Globalization;

namespace RolloutHub.Api.Data;

/// <summary>
/// Amounts of money are C# decimals, stored with four decimals at most (NUMERIC(18,4) and
/// DECIMAL(18,4) on the server databases, the exact decimal as text on SQLite).
/// </summary>
public static class Money
{
    /// <summary>Decimals a stored amount, price or quantity may have.</summary>
    public const int Scale = 4;

    /// <summary>The largest planned amount a budget line may have (the columns hold up to 10^14).</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    /// <summary>True when the value fits the stored scale without rounding.</summary>
    public static bool FitsScale(decimal value) => decimal.Round(value, Scale) == value;

    /// <summary>The same value without trailing zeros (3.0000 → 3), so that answers read as they were entered.</summary>
    public static decimal Normalise(decimal value) => value / 1.0000000000000000000000000000m;

    /// <summary>The invariant text SQLite keeps: no exponent, no trailing zeros.</summary>
    public static string Text(decimal value) => Normalise(value).ToString(CultureInfo.InvariantCulture);
}
