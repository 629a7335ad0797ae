using System.Text.Json;
using RolloutHub.Api.Features.Alerts;
using RolloutHub.Api.Features.Budget;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Tests.Features;

/// <summary>
/// The codes the API words nothing for itself (file errors, alerts, the budget's calculation basis)
/// are listed for the dashboard in web/src/lib/i18n/api-codes.json, whose own test fails when one
/// has no message in French or English. This holds that list to the API's.
/// </summary>
public sealed class ApiCodesTests
{
    private static readonly JsonElement Listed = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(RepositoryRoot(), "web", "src", "lib", "i18n", "api-codes.json"))).RootElement;

    private static string[] List(string name) => Listed.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Every_file_error_code_is_listed_for_the_dashboard() =>
        Assert.Equal(CsvErrorCodes.All.Order(StringComparer.Ordinal).ToArray(), List("csvErrors"));

    [Fact]
    public void File_error_codes_are_written_in_kebab_case() =>
        Assert.Equal(("not-a-date", "not-utf8", "not-a-number-decimal-comma"),
            (CsvErrorCodes.Text(CsvErrorCode.NotADate), CsvErrorCodes.Text(CsvErrorCode.NotUtf8), CsvErrorCodes.Text(CsvErrorCode.NotANumberDecimalComma)));

    [Fact]
    public void Every_alert_title_and_detail_is_listed_for_the_dashboard()
    {
        Assert.Equal(AlertDetails.Titles.Order(StringComparer.Ordinal).ToArray(), List("alertTitles"));
        Assert.Equal(AlertDetails.All.Order(StringComparer.Ordinal).ToArray(), List("alertDetails"));
        // Every rule has a title (a wave's has two, by whether it has ended).
        Assert.All(AlertRules.All.Where(r => r != AlertRules.WaveBehindTarget), r => Assert.Contains(r, AlertDetails.Titles));
    }

    [Fact]
    public void Every_budget_basis_is_listed_for_the_dashboard() =>
        Assert.Equal(PricingModels.BasisCodes.Order(StringComparer.Ordinal).ToArray(), List("budgetBases"));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RolloutHub.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("RolloutHub.sln not found above the test binaries.");
    }
}
