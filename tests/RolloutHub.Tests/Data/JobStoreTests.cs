using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;
using RolloutHub.Api.Data;
using RolloutHub.Api.Jobs;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Data;

/// <summary>Quartz's persistent store on the run's database: clustered on the server databases only.</summary>
public sealed class JobStoreTests
{
    public sealed class Probe : IJob
    {
        public static readonly TaskCompletionSource<string> Fired = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            Fired.TrySetResult(context.Scheduler.SchedulerInstanceId);
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task The_store_lives_in_the_application_database_and_is_clustered_on_server_databases()
    {
        using var database = TestDatabase.Create();
        var options = new DatabaseOptions
        {
            Provider = database.Provider switch { "postgres" => DatabaseProvider.Postgres, "sqlserver" => DatabaseProvider.SqlServer, _ => DatabaseProvider.Sqlite },
            ConnectionString = database.ConnectionString,
        };
        await new Migrator(new Db(options), NullLogger<Migrator>.Instance).MigrateAsync();

        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(options);
        builder.Services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(s => s.InstanceName = "RolloutHub");
            quartz.UsePersistentStore(store => store.UseApplicationDatabase());
            quartz.AddJob<Probe>(job => job.WithIdentity("probe").StoreDurably().RequestRecovery());
            quartz.AddTrigger(trigger => trigger.ForJob("probe").WithIdentity("probe-now").StartNow());
        });
        builder.Services.AddQuartzHostedService();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var instance = await Probe.Fired.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            var metadata = await scheduler.GetMetadata();
            Assert.True(metadata.JobStorePersistent);
            Assert.Equal(options.Provider != DatabaseProvider.Sqlite, metadata.JobStoreClustered);
            if (metadata.JobStoreClustered) Assert.NotEqual("NON_CLUSTERED", instance);
            Assert.True((await scheduler.GetJobDetail(new JobKey("probe")))!.RequestsRecovery);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
