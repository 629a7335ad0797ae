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

    // SQLite has one writer at a time. Writers of this process queue here, asynchronously,
    // instead of each holding a thread in SQLite's busy-wait (Microsoft.Data.Sqlite's I/O is
    // synchronous): fifty champions saving at once must not starve the thread pool. Other
    // processes on the same file are still handled by busy_timeout.
    private readonly SemaphoreSlim _sqliteWriter = new(1, 1);

    public SqlDialect Dialect { get; }

    /// <summary>Waits for this process's turn to write; dispose the result after commit or rollback.</summary>
    public async Task<IDisposable> EnterWriteAsync(CancellationToken cancellationToken)
    {
        if (_options.Provider != DatabaseProvider.Sqlite) return NoLock.Instance;
        await _sqliteWriter.WaitAsync(cancellationToken);
        return new Release(_sqliteWriter);
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) semaphore.Release();
        }
    }

    private sealed class NoLock : IDisposable
    {
        public static readonly NoLock Instance = new();
        public void Dispose() { }
    }
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
        // These settings belong to the native connection, which the pool keeps open between
        // uses: set them when it is new, not at every open (four statements parsed and run for
        // each request otherwise). journal_mode = WAL is even kept by the file itself.
        if (connection.Handle is { } handle && ConfiguredConnections.TryGetValue(handle, out _)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA foreign_keys = ON;
            PRAGMA busy_timeout = 30000;
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
        if (connection.Handle is { } configured) ConfiguredConnections.AddOrUpdate(configured, configured);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> ConfiguredConnections = new();

    private static void EnsureSqliteFolderExists(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:") return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }
}
