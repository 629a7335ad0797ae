using System.Reflection;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Data;

namespace RolloutHub.Api.Infrastructure;

/// <summary>A request that writes: it runs in one transaction and marks the data as changed.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>;

public static class MediationRegistration
{
    /// <summary>
    /// MediatR 5.1.0 has no DI package on this registry: register the service factory,
    /// the mediator, every handler and validator of this assembly, and the behaviours.
    /// </summary>
    public static IServiceCollection AddMediation(this IServiceCollection services)
    {
        // A rule stops at its first failure: "required" then "too long" would be noise, and a
        // null collection must not reach the rules that look inside it.
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        // Validation messages are English whatever the request's Accept-Language or the machine's
        // locale: the dashboard words problems from their codes and field names.
        ValidatorOptions.Global.LanguageManager.Culture = System.Globalization.CultureInfo.GetCultureInfo("en");
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(Auth.PrincipalBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddScoped(typeof(IValidator<>), typeof(DateBoundsValidator<>));
        services.AddScoped(typeof(IValidator<>), typeof(KeyTextValidator<>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TransactionBehavior<,>));

        var openInterfaces = new[] { typeof(IRequestHandler<,>), typeof(IValidator<>) };
        foreach (var type in Assembly.GetExecutingAssembly().GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && openInterfaces.Contains(i.GetGenericTypeDefinition())))
                services.AddScoped(contract, type);
        return services.AddQueries();
    }
}

/// <summary>Runs the request's FluentValidation validators; any failure becomes a 400 problem.</summary>
public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
            failures.AddRange((await validator.ValidateAsync(request, cancellationToken)).Errors);
        if (failures.Count > 0)
            throw new RequestValidationException(failures
                .GroupBy(f => JsonName(f.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).ToArray()));
        return await next();
    }

    private static string JsonName(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}

/// <summary>Wraps every command in one transaction and records that the data changed.</summary>
public sealed class TransactionBehavior<TRequest, TResponse>(DbSession session) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand<TResponse> || session.Transaction is not null) return await next();
        await session.BeginAsync(cancellationToken);
        try
        {
            var response = await next();
            await session.CommitAsync(cancellationToken);
            return response;
        }
        catch
        {
            await session.RollbackAsync();
            throw;
        }
    }
}
