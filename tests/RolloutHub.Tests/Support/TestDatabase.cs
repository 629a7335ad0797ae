using Microsoft.Data.Sqlite;

namespace RolloutHub.Tests.Support;

/// <summary>A throw-away database for one test.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly Action _drop;

    private TestDatabase(string provider, string connectionString, Action drop)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _drop = drop;
    }

    public string Provider { get; }
    public string ConnectionString { get; }

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

    public void Dispose() => _drop();
}
