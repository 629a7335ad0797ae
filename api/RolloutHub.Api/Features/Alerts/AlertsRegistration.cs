using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RolloutHub.Api.Features.Alerts;

/// <summary>Services of rollout management: the clock, alert evaluation and its webhook delivery.</summary>
public static class AlertsRegistration
{
    public static IServiceCollection AddRolloutManagement(this IServiceCollection services)
    {
        // Handlers read "today" from the clock, so tests and `asOf` agree on one notion of it.
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
