namespace RolloutHub.Api.Features.Waves;

/// <summary>The waves' shared reads, injected into the handlers (and other features) that need them.</summary>
public static class WavesRegistration
{
    public static IServiceCollection AddWaves(this IServiceCollection services)
    {
        services.AddScoped<WaveQueries>();
        services.AddScoped<WeeklyDepths>();
        services.AddScoped<WaveProgressQuery>();
        services.AddScoped<WaveReadinessQuery>();
        return services;
    }
}
