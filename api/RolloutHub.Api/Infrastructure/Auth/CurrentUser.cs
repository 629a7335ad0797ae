using System.Security.Claims;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Auth;

/// <summary>
/// Who is calling: the request's token (name, role and, for champions, their departments), or
/// the system principal that background work sets explicitly (<see cref="ActAsSystem"/>).
/// Anything else, code running outside a request that did not say who it acts as, has no
/// rights at all: it is not an admin, may act for no department, and its requests are refused.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    public const string DepartmentClaim = "rollouthub:department";

    /// <summary>The role of the scheduler's own work (KPI runs, alert evaluations); never carried by a token.</summary>
    public const string SystemRole = "system";

    private ClaimsPrincipal? _system;

    /// <summary>
    /// Makes this scope act as the system principal, named after the job: background work that
    /// sends requests calls this on the scope it creates, before sending anything.
    /// </summary>
    public void ActAsSystem(string job)
    {
        if (accessor.HttpContext is not null)
            throw new InvalidOperationException("A request cannot act as the system principal.");
        _system = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, $"system:{job}"), new Claim(ClaimTypes.Role, SystemRole)], "system"));
    }

    private ClaimsPrincipal? Principal =>
        _system ?? (accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user : null);

    /// <summary>A token of a known role was presented, or the system principal was set.</summary>
    public bool IsKnown => IsSystem || Roles.All.Contains(Role);

    public bool IsSystem => _system is not null;
    public string Name => Principal?.Identity?.Name ?? "anonymous";
    public string Role => Principal?.FindFirstValue(ClaimTypes.Role) ?? "";
    public bool IsAdmin => IsSystem || Role == Roles.Admin;
    public bool IsChampion => !IsSystem && Role == Roles.Champion;
    public IReadOnlyList<string> DepartmentCodes =>
        Principal?.FindAll(DepartmentClaim).Select(c => c.Value).ToArray() ?? [];

    /// <summary>Champions act for their own departments only; other known roles as their policy allows; nobody else.</summary>
    public bool MayActFor(string departmentCode) => IsChampion ? DepartmentCodes.Contains(departmentCode) : IsKnown;

    public void EnsureMayActFor(string departmentCode)
    {
        if (!MayActFor(departmentCode))
            throw new ForbiddenException(IsKnown
                ? $"Champions may act only for their own departments; '{departmentCode}' is not one of them."
                : "No principal: this work runs neither in a request nor as the system.");
    }

    /// <summary>Refuses code that runs outside a request without having set the system principal.</summary>
    public void EnsureKnown()
    {
        if (!IsKnown) throw new ForbiddenException("No principal: this work runs neither in a request nor as the system.");
    }

    /// <summary>Small groups are hidden from everyone but admins (and the system's own computations).</summary>
    public bool SeesSmallGroups => IsAdmin;
}
