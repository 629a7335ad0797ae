using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace RolloutHub.Api.Data;

/// <summary>Opens connections to the configured database, set up the way RolloutHub needs them.</summary>
public sealed class Db
{
    private readonly DatabaseOptions _options;

    public Db(DatabaseOptions options)
    {
        _options = options;
        Dialect = SqlDialect.For(options.Provider);
        if (options.Provider == DatabaseProvider.Sqlite)
            EnsureSqliteFolderExists(options.ConnectionString);
    }

    public SqlDialect Dialect { get; }
    public DatabaseProvider Provider => _options.Provider;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = _options.Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteConnection(_options.ConnectionString),
            DatabaseProvider.Postgres => new NpgsqlConnection(_options.ConnectionString),
            DatabaseProvider.SqlServer => new SqlConnection(_options.ConnectionString),
            _ => throw new InvalidOperationException(),
        };
        await connection.OpenAsync(cancellationToken);
        if (_options.Provider == DatabaseProvider.Sqlite)
            await ConfigureSqliteAsync((SqliteConnection)connection, cancellationToken);
        return connection;
    }

    // WAL lets readers run beside the single writer; busy_timeout makes a second writer wait
    // for the lock instead of failing; foreign keys are off by default in SQLite.
    private static async Task ConfigureSqliteAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA foreign_keys = ON;
            PRAGMA busy_timeout = 30000;
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void EnsureSqliteFolderExists(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:") return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }
}
