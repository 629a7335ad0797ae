namespace RolloutHub.Api.Data;

/// <summary>
/// The few pieces of SQL that differ between SQLite, PostgreSQL and SQL Server. Everything
/// else is written once, in the subset the three share.
/// </summary>
public sealed record SqlDialect(DatabaseProvider Provider, string MigrationFolder)
{
    public static SqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqlDialect(provider, "sqlite"),
        DatabaseProvider.Postgres => new SqlDialect(provider, "postgres"),
        DatabaseProvider.SqlServer => new SqlDialect(provider, "sqlserver"),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    /// <summary>"LIMIT @limit" or its SQL Server equivalent, placed after ORDER BY.</summary>
    public string Limit(string parameter) => Provider == DatabaseProvider.SqlServer
        ? $"OFFSET 0 ROWS FETCH NEXT {parameter} ROWS ONLY"
        : $"LIMIT {parameter}";

    /// <summary>The column type that stores a staged import value.</summary>
    public string TypeName(Features.Imports.StagingType type) => (Provider, type) switch
    {
        (DatabaseProvider.Sqlite, Features.Imports.StagingType.Number) => "REAL",
        (DatabaseProvider.Sqlite, Features.Imports.StagingType.Integer or Features.Imports.StagingType.Boolean) => "INTEGER",
        (DatabaseProvider.Sqlite, _) => "TEXT",
        (DatabaseProvider.Postgres, Features.Imports.StagingType.Text) => "TEXT",
        (DatabaseProvider.Postgres, Features.Imports.StagingType.Date) => "DATE",
        (DatabaseProvider.Postgres, Features.Imports.StagingType.Number) => "DOUBLE PRECISION",
        (DatabaseProvider.Postgres, Features.Imports.StagingType.Integer) => "INTEGER",
        (DatabaseProvider.Postgres, Features.Imports.StagingType.Boolean) => "BOOLEAN",
        (_, Features.Imports.StagingType.Text) => "NVARCHAR(4000)",
        (_, Features.Imports.StagingType.Date) => "DATE",
        (_, Features.Imports.StagingType.Number) => "FLOAT",
        (_, Features.Imports.StagingType.Integer) => "INT",
        _ => "BIT",
    };
}
