using MediatR;
using RolloutHub.Api.Auth;

namespace RolloutHub.Api.Features.Tokens;

/// <summary>Who the bearer token belongs to, and what it may do.</summary>
public sealed record Me
{
    public required string Name { get; init; }
    /// <summary>`admin`, `executive`, `champion` or `hr`.</summary>
    public required string Role { get; init; }
    /// <summary>The departments a champion acts for; empty for the other roles.</summary>
    public required IReadOnlyList<string> DepartmentCodes { get; init; }
    /// <summary>
    /// The authorisation policies the role satisfies, from the table the API enforces (for example
    /// `read:dashboards`, `read:management`, `write:usage`, `admin`): a client shows what these open
    /// instead of keeping its own copy of the roles table. Champions' policies still apply to their own departments only.
    /// </summary>
    public required IReadOnlyList<string> Capabilities { get; init; }
}

public sealed record GetMe : IRequest<Me>;

public sealed class GetMeHandler(CurrentUser user) : IRequestHandler<GetMe, Me>
{
    public Task<Me> Handle(GetMe request, CancellationToken cancellationToken) => Task.FromResult(new Me
    {
        Name = user.Name, Role = user.Role, DepartmentCodes = user.DepartmentCodes, Capabilities = Policies.Of(user.Role),
    });
}
