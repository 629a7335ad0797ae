using System.Data.Common;
using System.Reflection;
using Dapper;

namespace RolloutHub.Api.Data;

/// <summary>
/// Applies the numbered scripts of db/&lt;dialect&gt;/ (embedded in this assembly) that the
/// database has not seen yet, each in its own transaction, and records them.
/// </summary>
public sealed class Migrator(Db db, ILogger<Migrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                name       VARCHAR(200) PRIMARY KEY,
                applied_at VARCHAR(40) NOT NULL
            )
            """);
        var applied = (await connection.QueryAsync<string>("SELECT name FROM schema_migrations")).ToHashSet();

        foreach (var (name, sql) in Scripts(db.Dialect.MigrationFolder))
        {
            if (applied.Contains(name)) continue;
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (@name, @appliedAt)",
                new { name, appliedAt = DateTimeOffset.UtcNow.ToString("O") }, transaction);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Applied migration {Migration}", name);
        }
    }

    private static IEnumerable<(string Name, string Sql)> Scripts(string folder)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var prefix = $"db/{folder}/";
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            yield return (resource[prefix.Length..], reader.ReadToEnd());
        }
    }
}
