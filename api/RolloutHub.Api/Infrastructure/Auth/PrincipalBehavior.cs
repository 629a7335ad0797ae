using MediatR;

namespace RolloutHub.Api.Auth;

/// <summary>
/// Fails closed: a request sent with no principal (outside an HTTP request, by code that did
/// not set the system principal) is refused before any handler runs.
/// </summary>
public sealed class PrincipalBehavior<TRequest, TResponse>(CurrentUser user) : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        user.EnsureKnown();
        return next();
    }
}

public static class SystemScopes
{
    /// <summary>A service scope for background work, acting as the system principal named after <paramref name="job"/>.</summary>
    public static AsyncServiceScope CreateSystemScope(this IServiceScopeFactory scopes, string job)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem(job);
        return scope;
    }
}
