using System.Text;
using Dapper;
using RolloutHub.Api.Data;
using RolloutHub.Tests.Rollout;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Data;

/// <summary>
/// Migration 0013 keeps what an older database held: each use case's departments move from the
/// pipe-joined column into use_case_departments (the only place they live now), and KPI snapshot
/// periods become dates.
/// </summary>
public sealed class VocabularyMigrationTests
{
    [Fact]
    public async Task Departments_held_only_by_the_old_column_survive_it_and_snapshot_periods_compare_as_dates()
    {
        using var database = TestDatabase.Create();
        var db = new Db(new DatabaseOptions
        {
            Provider = database.Provider switch { "postgres" => DatabaseProvider.Postgres, "sqlserver" => DatabaseProvider.SqlServer, _ => DatabaseProvider.Sqlite },
            ConnectionString = database.ConnectionString,
        });
        await using (var connection = await db.OpenAsync())
        {
            await connection.ExecuteAsync(db.Dialect.CreateMigrationsTable);
            foreach (var (name, sql) in ScriptsBefore(db.Dialect.MigrationFolder, "0013"))
            {
                await connection.ExecuteAsync(sql);
                await connection.ExecuteAsync("INSERT INTO schema_migrations (name, applied_at) VALUES (@name, @at)",
                    new { name, at = DateTimeOffset.UtcNow.ToString("O") });
            }
            await connection.ExecuteAsync("INSERT INTO departments (code, name) VALUES ('OPS', 'Operations'), ('SALES', 'Sales'), ('SAL', 'Sal')");
            await connection.ExecuteAsync("""
                INSERT INTO use_cases (code, title, category, status, minutes_saved_per_use, applicable_departments) VALUES
                    ('ONLYCOLUMN', 'Only the column', 'writing', 'production', 1, 'OPS|SALES'),
                    ('BOTH', 'Column and table', 'writing', 'production', 1, 'SALES'),
                    ('ALL', 'Every department', 'writing', 'production', 1, NULL)
                """);
            await connection.ExecuteAsync("INSERT INTO use_case_departments (use_case_code, department_code) VALUES ('BOTH', 'SALES')");
            await connection.ExecuteAsync("""
                INSERT INTO kpi_snapshots (grain, department_code, period_start, period, period_end, headcount, active_employees,
                                           use_cases_in_use, hours_saved, tickets_avoided, employees_helped, value_saved, trend)
                VALUES ('week', '', '2026-01-05', '2026-W02', '2026-01-11', 10, 4, 1, 2.5, 0, 0, 112.5, 'insufficient-data')
                """);
        }

        await using var app = new TestApp(database);
        var admin = app.Admin();
        Assert.Equal(["OPS", "SALES"], (await admin.GetOkAsync("/api/v1/use-cases/ONLYCOLUMN")).GetProperty("applicableDepartments").Strings());
        Assert.Equal(["SALES"], (await admin.GetOkAsync("/api/v1/use-cases/BOTH")).GetProperty("applicableDepartments").Strings());
        Assert.Empty((await admin.GetOkAsync("/api/v1/use-cases/ALL")).GetProperty("applicableDepartments").Strings());
        // 'SAL' is inside 'SALES' as text, but not one of the codes.
        var forSal = (await admin.GetOkAsync("/api/v1/use-cases?departmentCode=SAL")).GetProperty("items").EnumerateArray().Select(u => u.Str("code")).ToList();
        Assert.Equal(["ALL"], forSal);

        await using var connection2 = await db.OpenAsync();
        Assert.Equal(new DateOnly(2026, 1, 11), await connection2.ExecuteScalarAsync<DateOnly>(
            "SELECT period_end FROM kpi_snapshots WHERE period_start = @start", new { start = new DateOnly(2026, 1, 5) }));
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
