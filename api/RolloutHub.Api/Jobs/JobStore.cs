using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Impl.AdoJobStore;
using Quartz.Impl.AdoJobStore.Common;
using RolloutHub.Api.Data;

namespace RolloutHub.Api.Jobs;

/// <summary>How often a clustered scheduler checks in, and how late it may be before it is held dead.</summary>
public sealed class JobStoreOptions
{
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(7);
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// Quartz's persistent job store in the application's own database. On PostgreSQL and
/// SQL Server the store is clustered: every API instance runs a scheduler on the same QRTZ_
/// tables (created by the migrations), each fire time is taken by exactly one of them under the
/// store's row lock, and when an instance stops checking in, another takes over its triggers
/// and re-runs the jobs it was running that asked for recovery (RequestRecovery on the KPI job).
/// On SQLite, one process owns the file: the store is not clustered and Quartz creates its
/// tables itself at start.
/// The database is only known once configuration is read (lazily, so that a test host's
/// settings are seen), so the connection, the SQL dialect and the clustering switch are all
/// resolved from <see cref="DatabaseOptions"/> when the scheduler starts.
/// </summary>
public static class JobStore
{
    /// <summary>Points a persistent store at the application's database, whichever it is.</summary>
    public static void UseApplicationDatabase(this IPersistentStoreBuilder store)
    {
        store.UseConnectionProvider(sp =>
        {
            var database = sp.GetRequiredService<DatabaseOptions>();
            var provider = database.Provider switch
            {
                DatabaseProvider.Postgres => DataSourceOptions.Providers.Npgsql,
                DatabaseProvider.SqlServer => DataSourceOptions.Providers.SqlServer,
                _ => DataSourceOptions.Providers.Sqlite,
            };
            return new DbProvider(provider, database.ConnectionString);
        });
        store.UseDriverDelegate(sp => sp.GetRequiredService<DatabaseOptions>().Provider switch
        {
            DatabaseProvider.Postgres => new PostgreSQLDelegate(),
            DatabaseProvider.SqlServer => new SqlServerDelegate(),
            _ => new SQLiteDelegate(),
        });
        store.UseSystemTextJsonSerializer();

        var services = store.Services;
        services.AddOptions<JobStoreOptions>().BindConfiguration("Quartz:Cluster");
        services.AddOptions<ClusteringOptions>().Configure<DatabaseOptions, IOptions<JobStoreOptions>>((clustering, database, options) =>
        {
            clustering.Enabled = database.Provider != DatabaseProvider.Sqlite;
            clustering.CheckinInterval = options.Value.CheckinInterval;
            clustering.CheckinMisfireThreshold = options.Value.CheckinMisfireThreshold;
        });
        // Each node of a cluster needs an id of its own: Quartz:InstanceId when set (operators
        // and the cluster test name their nodes), else generated from host name and start time.
        services.AddOptions<QuartzSchedulerOptions>().Configure<DatabaseOptions, IConfiguration>((scheduler, database, configuration) =>
        {
            if (configuration["Quartz:InstanceId"] is { Length: > 0 } instanceId) scheduler.InstanceId = instanceId;
            else scheduler.GenerateInstanceId = scheduler.GenerateInstanceId || database.Provider != DatabaseProvider.Sqlite;
        });
        // The server databases get their QRTZ_ tables from the migrations (db/postgres,
        // db/sqlserver: 0006_quartz_store.sql), so the application's login needs no DDL rights.
        services.AddOptions<AdoJobStoreOptions>().Configure<DatabaseOptions>((ado, database) =>
            ado.SchemaProvisioning = database.Provider == DatabaseProvider.Sqlite ? SchemaProvisioning.CreateIfMissing : SchemaProvisioning.Validate);
    }
}
