using System.Reflection;

namespace RolloutHub.Api.Infrastructure;

/// <summary>
/// A read shared by several handlers or jobs: a plain class injected where it is needed, so that
/// no handler sends another request through the mediator. It runs on the caller's
/// <see cref="Data.DbSession"/> (and so in its transaction, if any).
/// </summary>
public interface IQuery;

public static class QueryRegistration
{
    /// <summary>Registers every <see cref="IQuery"/> class of this assembly, scoped, as itself.</summary>
    public static IServiceCollection AddQueries(this IServiceCollection services)
    {
        foreach (var type in Assembly.GetExecutingAssembly().GetTypes()
                     .Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false } && typeof(IQuery).IsAssignableFrom(t)))
            services.AddScoped(type);
        return services;
    }
}
