namespace RolloutHub.Api.Features.Demo;

public static class DemoSeedRegistration
{
    public static Task SeedDemonstrationIfAsked(this IServiceProvider services, IConfiguration configuration) => Task.CompletedTask;
}
