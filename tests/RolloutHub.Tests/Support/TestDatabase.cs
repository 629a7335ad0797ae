using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace RolloutHub.Tests.Support;

/// <summary>
/// A throw-away database for one test, on the provider the run is for:
/// <c>ROLLOUTHUB_TEST_PROVIDER</c> = <c>sqlite</c> (default: a file in a temporary folder),
/// <c>postgres</c> (a fresh <c>rh_&lt;guid&gt;</c> database on the server named by
/// <c>ROLLOUTHUB_TEST_POSTGRES</c>) or <c>sqlserver</c> (the same on <c>ROLLOUTHUB_TEST_SQLSERVER</c>).
/// scripts/test.sh runs the whole suite once per provider.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string ProviderVariable = "ROLLOUTHUB_TEST_PROVIDER";
    public const string PostgresVariable = "ROLLOUTHUB_TEST_POSTGRES";
    public const string SqlServerVariable = "ROLLOUTHUB_TEST_SQLSERVER";

    private readonly Action _drop;

    private TestDatabase(string provider, string connectionString, Action drop)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _drop = drop;
    }

    public string Provider { get; }
    public string ConnectionString { get; }

    /// <summary>The provider this test run is for (see the class summary).</summary>
    public static string RunProvider =>
        Environment.GetEnvironmentVariable(ProviderVariable) is { Length: > 0 } p ? p.ToLowerInvariant() : "sqlite";

    public static TestDatabase Create() => RunProvider switch
    {
        "sqlite" => Sqlite(),
        "postgres" => Postgres(Required(PostgresVariable)),
        "sqlserver" => SqlServer(Required(SqlServerVariable)),
        var other => throw new InvalidOperationException($"{ProviderVariable}='{other}' is not one of sqlite, postgres, sqlserver."),
    };

    public static TestDatabase Sqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "rollouthub-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "rollouthub.db");
        return new TestDatabase("sqlite", $"Data Source={file}", () =>
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        });
    }

    /// <param name="server">A connection string to any database of the server, e.g. <c>postgres</c>.</param>
    public static TestDatabase Postgres(string server)
    {
        var name = $"rh_{Guid.NewGuid():N}";
        Execute(new NpgsqlConnection(server), $"CREATE DATABASE {name}");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new TestDatabase("postgres", connectionString, () =>
        {
            using (var pooled = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(pooled);
            Execute(new NpgsqlConnection(server), $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        });
    }

    /// <summary>
    /// Keys are case-sensitive on SQLite and PostgreSQL, so the test database is created with
    /// the case-sensitive collation docs/DATABASES.md asks production databases to use.
    /// </summary>
    public static TestDatabase SqlServer(string server)
    {
        var name = $"rh_{Guid.NewGuid():N}";
        Execute(new SqlConnection(server), $"CREATE DATABASE [{name}] COLLATE Latin1_General_100_CS_AS_SC_UTF8");
        var connectionString = new SqlConnectionStringBuilder(server) { InitialCatalog = name }.ConnectionString;
        return new TestDatabase("sqlserver", connectionString, () =>
        {
            using (var pooled = new SqlConnection(connectionString)) SqlConnection.ClearPool(pooled);
            Execute(new SqlConnection(server),
                $"ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]");
        });
    }

    /// <summary>An open connection to this database, for tests that look at what was stored.</summary>
    public async Task<System.Data.Common.DbConnection> OpenAsync()
    {
        System.Data.Common.DbConnection connection = Provider switch
        {
            "postgres" => new NpgsqlConnection(ConnectionString),
            "sqlserver" => new SqlConnection(ConnectionString),
            _ => new SqliteConnection(ConnectionString),
        };
        await connection.OpenAsync();
        return connection;
    }

    public void Dispose() => _drop();

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{ProviderVariable}={RunProvider} needs {variable} (a connection string to the server).");

    private static void Execute(System.Data.Common.DbConnection connection, string sql)
    {
        using (connection)
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }
}
