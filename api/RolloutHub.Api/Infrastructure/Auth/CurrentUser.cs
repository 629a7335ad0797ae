using System.Security.Claims;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Auth;

/// <summary>Who is calling: the token's name, role and, for champions, their departments.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    public const string DepartmentClaim = "rollouthub:department";

    private ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public string Name => Principal.Identity?.Name ?? "system";
    public string Role => Principal.FindFirstValue(ClaimTypes.Role) ?? "system";
    public bool IsAdmin => Role == Roles.Admin || accessor.HttpContext is null;
    public bool IsChampion => Role == Roles.Champion;
    public IReadOnlyList<string> DepartmentCodes =>
        Principal.FindAll(DepartmentClaim).Select(c => c.Value).ToArray();

    /// <summary>SPEC §4: champions write for their own departments only; other roles as their policy allows.</summary>
    public bool MayActFor(string departmentCode) => !IsChampion || DepartmentCodes.Contains(departmentCode);

    public void EnsureMayActFor(string departmentCode)
    {
        if (!MayActFor(departmentCode))
            throw new ForbiddenException($"Champions may act only for their own departments; '{departmentCode}' is not one of them.");
    }

    /// <summary>SPEC §3: small groups are hidden from everyone but admins.</summary>
    public bool SeesSmallGroups => IsAdmin;
}
