using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using RolloutHub.Api.Data;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Rollout;

/// <summary>Money is exact to the cent: summed, compared, imported and migrated without floating point.</summary>
public sealed class BudgetMoneyTests : IAsyncLifetime
{
    private readonly TestApp _app = RolloutWorld.App();
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static readonly string MonthStart = new DateOnly(Today.Year, Today.Month, 1).ToString("yyyy-MM-dd");

    public async Task InitializeAsync() => await _app.DepartmentsAsync("A");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Csv(IEnumerable<(string Id, string Day, string Line, string Amount)> rows) =>
        "spend_id,occurred_on,budget_line_code,amount\n" + string.Join("", rows.Select(r => $"{r.Id},{r.Day},{r.Line},{r.Amount}\n"));

    [Fact]
    public async Task Ten_times_ten_and_twenty_cents_add_up_to_three_exactly()
    {
        await _app.BudgetLineAsync("CHANGE", "fixed", 12, 1, periodStart: "2026-01-01", periodEnd: "2026-12-31");
        await _app.ImportOkAsync("spend", Csv(Enumerable.Range(1, 10).SelectMany(i => new[]
        {
            ($"ten{i}", "2026-03-10", "CHANGE", "0.10"), ($"twenty{i}", "2026-03-11", "CHANGE", "0.20"),
        })));

        var summary = await _app.Admin().GetOkAsync("/api/v1/budget/summary?from=2026-03-01&to=2026-03-31&asOf=2026-03-31&groupBy=line");
        var totals = summary.GetProperty("totals");
        Assert.Equal(3.00m, totals.GetProperty("actual").GetDecimal());
        Assert.Equal(1m, totals.GetProperty("planned").GetDecimal());
        Assert.Equal(2m, totals.GetProperty("variance").GetDecimal());
        Assert.Equal(3.00m, summary.GetProperty("rows")[0].GetProperty("actual").GetDecimal());
    }

    [Fact]
    public async Task The_months_of_a_line_add_up_to_its_planned_amount_exactly()
    {
        await _app.BudgetLineAsync("API", "fixed", 1000, 1, periodStart: "2026-01-01", periodEnd: "2026-12-31");
        var byMonth = await _app.Admin().GetOkAsync("/api/v1/budget/summary?from=2026-01-01&to=2026-12-31&asOf=2026-12-31&groupBy=month");
        var months = byMonth.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("planned").GetDecimal()).ToList();
        Assert.Equal(12, months.Count);
        Assert.All(months, m => Assert.InRange(m, 83.3333m, 83.3334m));
        Assert.Equal(1000m, months.Sum());
        Assert.Equal(1000m, byMonth.GetProperty("totals").GetProperty("planned").GetDecimal());
    }

    [Fact]
    public async Task Spend_one_cent_above_the_tolerated_plan_is_an_overrun_and_spend_exactly_at_it_is_not()
    {
        // 360 a year is 30 a month; 10 % over is 33.00 exactly, spent as thirty times 1.10 (which
        // binary floating point adds up to 33.000000000000014).
        await _app.BudgetLineAsync("INT", "fixed", 360, 1, category: "integration",
            periodStart: $"{Today.Year}-01-01", periodEnd: $"{Today.Year}-12-31");
        await _app.ImportOkAsync("spend", Csv(Enumerable.Range(1, 30).Select(i => ($"s{i}", MonthStart, "INT", "1.10"))));

        await _app.Admin().PostOkAsync("/api/v1/alerts/evaluate");
        Assert.Empty(await OverrunsAsync());

        await _app.ImportOkAsync("spend", Csv([("cent", MonthStart, "INT", "0.01")]));
        await _app.Admin().PostOkAsync("/api/v1/alerts/evaluate");
        var overrun = Assert.Single(await OverrunsAsync());
        Assert.Equal($"INT/{Today:yyyy-MM}", overrun.Str("subjectKey"));
        Assert.Contains("Spent 33.01 against 30.00", overrun.Str("detail"));
    }

    private async Task<List<JsonElement>> OverrunsAsync() =>
        (await _app.Admin().GetOkAsync("/api/v1/alerts?status=unresolved&rule=budget-overrun")).GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task Amounts_and_prices_come_back_from_an_import_and_the_api_exactly_as_given()
    {
        await (await _app.Admin().PutAsJsonAsync("/api/v1/budget/lines/API", new
        {
            name = "Usage", category = "licenses", pricingModel = "usage", unitPrice = 0.0035m, plannedUnits = 1_000_000m,
            periodStart = "2026-01-01", periodEnd = "2026-12-31",
        })).ReadJsonAsync(HttpStatusCode.OK);
        await _app.ImportOkAsync("spend", Csv([("big", "2026-02-03", "API", "1234.5678"), ("credit", "2026-02-04", "API", "-0.1")]));

        var line = (await _app.Admin().GetOkAsync("/api/v1/budget/lines")).GetProperty("items")[0];
        Assert.Equal(("0.0035", "1000000", "3500"),
            (line.GetProperty("unitPrice").GetRawText(), line.GetProperty("plannedUnits").GetRawText(), line.GetProperty("plannedAmount").GetRawText()));
        var spend = (await _app.Admin().GetOkAsync("/api/v1/budget/spend?budgetLineCode=API")).GetProperty("items").EnumerateArray()
            .ToDictionary(s => s.Str("spendId")!, s => s.GetProperty("amount").GetRawText());
        Assert.Equal(new Dictionary<string, string> { ["big"] = "1234.5678", ["credit"] = "-0.1" }, spend);
        var summary = await _app.Admin().GetOkAsync("/api/v1/budget/summary?from=2026-02-01&to=2026-02-28&asOf=2026-02-28");
        Assert.Equal("1234.4678", summary.GetProperty("totals").GetProperty("actual").GetRawText());
    }

    [Fact]
    public async Task More_decimals_than_are_stored_are_refused_not_rounded_away()
    {
        await _app.BudgetLineAsync("API", "usage", 0.5, 10);
        var import = await _app.ImportAsync("spend", Csv([("tiny", "2026-02-03", "API", "0.00001")]));
        Assert.False(import.IsSuccessStatusCode);
        Assert.Contains("too-many-decimals", await import.Content.ReadAsStringAsync());

        var put = await _app.Admin().PutAsJsonAsync("/api/v1/budget/lines/API", new
        {
            name = "Usage", category = "licenses", pricingModel = "usage", unitPrice = 0.00035m, plannedUnits = 10m,
            periodStart = "2026-01-01", periodEnd = "2026-12-31",
        });
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("unitPrice", await put.Content.ReadAsStringAsync());
        Assert.Empty((await _app.Admin().GetOkAsync("/api/v1/budget/spend")).GetProperty("items").EnumerateArray());
    }
}

/// <summary>The money migration keeps the amounts an older database stored as floating point.</summary>
public sealed class MoneyMigrationTests
{
    [Fact]
    public async Task Amounts_stored_as_floating_point_read_back_exactly_after_the_migration()
    {
        using var database = TestDatabase.Create();
        var options = new DatabaseOptions
        {
            Provider = database.Provider switch { "postgres" => DatabaseProvider.Postgres, "sqlserver" => DatabaseProvider.SqlServer, _ => DatabaseProvider.Sqlite },
            ConnectionString = database.ConnectionString,
        };
        var db = new Db(options);
        await using (var connection = await db.OpenAsync())
        {
            // The schema as it was before money became exact: every script before 0011, recorded as applied.
            await connection.ExecuteAsync(db.Dialect.CreateMigrationsTable);
            foreach (var (name, sql) in ScriptsBefore(db.Dialect.MigrationFolder, "0011"))
            {
                await connection.ExecuteAsync(sql);
                await connection.ExecuteAsync("INSERT INTO schema_migrations (name, applied_at) VALUES (@name, @at)",
                    new { name, at = DateTimeOffset.UtcNow.ToString("O") });
            }
            await connection.ExecuteAsync("""
                INSERT INTO budget_lines (code, name, category, pricing_model, unit_price, planned_units, planned_amount, period_start, period_end)
                VALUES ('API', 'Usage', 'licenses', 'usage', 0.0035, 352734.1, 1234.5678, '2026-01-01', '2026-12-31')
                """);
            await connection.ExecuteAsync("""
                INSERT INTO spend (spend_id, occurred_on, budget_line_code, amount) VALUES
                    ('a', '2026-02-03', 'API', 0.1), ('b', '2026-02-04', 'API', 0.2), ('c', '2026-02-05', 'API', 1234.5678), ('d', '2026-02-06', 'API', 100)
                """);
        }

        await using var app = new TestApp(database);
        var line = (await app.Admin().GetOkAsync("/api/v1/budget/lines")).GetProperty("items")[0];
        Assert.Equal(("0.0035", "352734.1", "1234.5678"),
            (line.GetProperty("unitPrice").GetRawText(), line.GetProperty("plannedUnits").GetRawText(), line.GetProperty("plannedAmount").GetRawText()));
        var spend = (await app.Admin().GetOkAsync("/api/v1/budget/spend")).GetProperty("items").EnumerateArray()
            .ToDictionary(s => s.Str("spendId")!, s => s.GetProperty("amount").GetRawText());
        Assert.Equal(new Dictionary<string, string> { ["a"] = "0.1", ["b"] = "0.2", ["c"] = "1234.5678", ["d"] = "100" }, spend);
        var summary = await app.Admin().GetOkAsync("/api/v1/budget/summary?from=2026-02-01&to=2026-02-28&asOf=2026-02-28");
        Assert.Equal(1334.8678m, summary.GetProperty("totals").GetProperty("actual").GetDecimal());
    }

    private static IEnumerable<(string Name, string Sql)> ScriptsBefore(string folder, string number)
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"db/{folder}/";
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && string.CompareOrdinal(n[prefix.Length..], number) < 0)
                     .Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!, Encoding.UTF8);
            yield return (resource[prefix.Length..], reader.ReadToEnd());
        }
    }
}
