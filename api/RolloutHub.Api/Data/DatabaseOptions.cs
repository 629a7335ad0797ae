namespace RolloutHub.Api.Data;

public enum DatabaseProvider { Sqlite, Postgres, SqlServer }

/// <summary><c>Database:Provider</c> and <c>ConnectionStrings:RolloutHub</c>.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    public string ConnectionString { get; set; } = "Data Source=data/rollouthub.db";

    public static DatabaseOptions FromConfiguration(IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? "sqlite";
        return new DatabaseOptions
        {
            Provider = provider.ToLowerInvariant() switch
            {
                "sqlite" => DatabaseProvider.Sqlite,
                "postgres" or "postgresql" => DatabaseProvider.Postgres,
                "sqlserver" => DatabaseProvider.SqlServer,
                _ => throw new InvalidOperationException(
                    $"Database:Provider '{provider}' is not one of sqlite, postgres, sqlserver."),
            },
            ConnectionString = configuration.GetConnectionString("RolloutHub") ?? "Data Source=data/rollouthub.db",
        };
    }
}
