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
        // Several instances may start at once against one server database: one migrates,
        // the others wait for the lock and then find nothing left to apply.
        if (db.Dialect.TakeMigrationLock is { } takeLock) await connection.ExecuteAsync(takeLock, commandTimeout: 0);
        try
        {
            await connection.ExecuteAsync(db.Dialect.CreateMigrationsTable);
            var applied = (await connection.QueryAsync<string>("SELECT name FROM schema_migrations")).ToHashSet();

            foreach (var (name, sql) in Scripts(db.Dialect.MigrationFolder))
            {
                if (applied.Contains(name)) continue;
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await connection.ExecuteAsync(sql, transaction: transaction, commandTimeout: 0);
                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (name, applied_at) VALUES (@name, @appliedAt)",
                    new { name, appliedAt = DateTimeOffset.UtcNow.ToString("O") }, transaction);
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied migration {Migration}", name);
            }
        }
        finally
        {
            if (db.Dialect.ReleaseMigrationLock is { } releaseLock) await connection.ExecuteAsync(releaseLock);
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
