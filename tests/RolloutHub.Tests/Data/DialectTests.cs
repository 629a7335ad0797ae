using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Imports;

namespace RolloutHub.Tests.Data;

/// <summary>
/// The dialect seam checked without a server: every migration exists for every dialect, and
/// the T-SQL that the SQL Server dialect writes parses as SQL Server 2022 T-SQL. (The same
/// statements run for real on SQLite and PostgreSQL in the rest of the suite, and on SQL
/// Server when ROLLOUTHUB_TEST_SQLSERVER is set.)
/// </summary>
public sealed partial class DialectTests
{
    private static readonly SqlDialect SqlServer = SqlDialect.For(DatabaseProvider.SqlServer);

    [Fact]
    public void Every_sqlite_migration_has_a_postgres_and_a_sqlserver_twin()
    {
        var sqlite = Migrations("sqlite").Keys.ToList();
        var postgres = Migrations("postgres").Keys.ToList();
        Assert.NotEmpty(sqlite);
        Assert.Empty(sqlite.Except(postgres));
        // The server dialects may have more (the clustered Quartz store), but the same ones.
        Assert.Equal(postgres, Migrations("sqlserver").Keys.ToList());
    }

    [Fact]
    public void The_sqlserver_migrations_parse_as_TSql()
    {
        foreach (var (name, sql) in Migrations("sqlserver")) AssertParses(sql, name);
    }

    [Fact]
    public void The_import_sql_of_every_kind_parses_as_TSql()
    {
        foreach (var kind in ImportKinds.All)
        {
            var columns = kind.Staging.Select(c => c.Name).ToList();
            AssertParses(SqlServer.CreateStaging(string.Join(", ", kind.Staging.Select(c => $"{c.Name} {SqlServer.TypeName(c.Type)}"))), kind.Name);
            AssertParses(SqlServer.ForStaging(kind.CountSql(columns, SqlServer)), kind.Name);
            // A file with only the key and required columns compares fewer columns.
            AssertParses(SqlServer.ForStaging(kind.CountSql(kind.PresentColumns(name => kind.Columns.Any(c => c.Required && c.Name == name)), SqlServer)), kind.Name);
            AssertParses(SqlServer.InsertFrom(kind.Table, OnConflict.UpdateWhenChanged, kind.Key, kind.Merged(columns), SqlServer.StagingTable), kind.Name);
            foreach (var check in kind.References) AssertParses(SqlServer.ForStaging(check.MissingLinesSql), kind.Name);
            if (kind.ChangedDatesSql(columns) is { } dates)
                AssertParses(SqlServer.InsertFrom("kpi_dirty_dates", OnConflict.Ignore, ["occurred_on"], ["occurred_on"],
                    $"({SqlServer.ForStaging(dates)})"), kind.Name);
            if (kind.OutsideScopeSql(SqlServer) is { } scope) AssertParses(ExpandLists(SqlServer.ForStaging(scope)), kind.Name);
        }
    }

    [Fact]
    public void A_sqlserver_upsert_is_a_locking_merge_and_an_insert_returns_its_identity()
    {
        var upsert = SqlServer.InsertRow("departments", OnConflict.Update, ["code"], ("code", "@code"), ("name", "@name"));
        AssertParses(upsert, "upsert");
        Assert.StartsWith("MERGE INTO departments WITH (HOLDLOCK)", upsert);
        AssertParses(SqlServer.InsertRow("kpi_dirty_dates", OnConflict.Ignore, ["occurred_on"], ("occurred_on", "@date")), "ignore");
        AssertParses($"INSERT INTO gate_reviews (wave_code) VALUES (@w) {SqlServer.ReturningId("id")}", "identity");
        AssertParses($"SELECT code FROM departments ORDER BY code {SqlServer.Limit("@take")}", "limit");
        AssertParses($"SELECT employee_key, {SqlServer.DayNumber("occurred_on")} FROM usage_events u JOIN employees e ON {SqlServer.IsTrue("e.has_seat")}", "day number");
        AssertParses($"SELECT code FROM departments WHERE {SqlServer.In("code", "(@codes1, @codes2)")}", "list");
        AssertParses(SqlServer.CreateMigrationsTable, "migrations table");
        AssertParses(SqlServer.TakeMigrationLock! + SqlServer.ReleaseMigrationLock, "migration lock");
    }

    [Fact]
    public void A_day_number_is_the_same_on_every_dialect_for_DateOnly()
    {
        // The SQLite and PostgreSQL forms run in the KPI tests; this pins the constant they share.
        Assert.Equal(0, new DateOnly(1, 1, 1).DayNumber);
        Assert.Contains("1721425.5", SqlDialect.For(DatabaseProvider.Sqlite).DayNumber("d"));
        Assert.Contains("DATE '0001-01-01'", SqlDialect.For(DatabaseProvider.Postgres).DayNumber("d"));
    }

    [Fact]
    public void The_parser_tells_TSql_from_the_other_dialects()
    {
        var postgres = SqlDialect.For(DatabaseProvider.Postgres);
        var upsert = postgres.InsertRow("departments", OnConflict.Update, ["code"], ("code", "@code"), ("name", "@name"));
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(upsert), out var errors);
        Assert.NotEmpty(errors);
    }

    [Fact]
    public void Only_sqlserver_renames_the_staging_table()
    {
        const string sql = "SELECT line FROM import_staging s JOIN import_staging_other o ON 1 = 1";
        Assert.Equal(sql, SqlDialect.For(DatabaseProvider.Postgres).ForStaging(sql));
        Assert.Equal("SELECT line FROM #import_staging s JOIN import_staging_other o ON 1 = 1", SqlServer.ForStaging(sql));
    }

    private static Dictionary<string, string> Migrations(string dialect)
    {
        var assembly = typeof(SqlDialect).Assembly;
        var prefix = $"db/{dialect}/";
        return assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToDictionary(n => n[prefix.Length..], n => new StreamReader(assembly.GetManifestResourceStream(n)!).ReadToEnd());
    }

    private static void AssertParses(string sql, string context)
    {
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        Assert.True(errors.Count == 0,
            $"{context}: {string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}"))}\n{sql}");
    }

    // Dapper expands "IN @list" into "IN (@list1, @list2, …)" before SQL Server sees it.
    private static string ExpandLists(string sql) => ListParameter().Replace(sql, "IN (@$1)");

    [GeneratedRegex(@"IN @(\w+)")]
    private static partial Regex ListParameter();
}
