namespace RolloutHub.Api.Auth;

/// <summary>The four roles.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Executive = "executive";
    public const string Champion = "champion";
    public const string Hr = "hr";

    public static readonly IReadOnlyList<string> All = [Admin, Executive, Champion, Hr];
}

/// <summary>
/// Authorisation policies, one per line of the README's roles table. Admin is in every one.
/// Endpoint groups name a policy; an endpoint without one is refused by the fallback policy.
/// </summary>
public static class Policies
{
    /// <summary>Dashboards, KPIs, departments, use cases and waves: every role.</summary>
    public const string ReadDashboards = "read:dashboards";
    /// <summary>Budget, alerts, job runs: admin, executive.</summary>
    public const string ReadManagement = "read:management";
    /// <summary>The champions directory (names, contacts, departments): everyone, it is how people find help.</summary>
    public const string ReadChampions = "read:champions";
    /// <summary>Outcome reports: admin, executive, and champions for their own departments (the handler filters).</summary>
    public const string ReadOutcomes = "read:outcomes";
    public const string ReadEmployees = "read:employees";
    public const string ReadTrainingNeeds = "read:training-needs";
    public const string ReadUsage = "read:usage";
    public const string WriteUsage = "write:usage";
    public const string ProposeUseCases = "write:use-case-proposals";
    public const string WriteGateReviews = "write:gate-reviews";
    public const string Import = "write:imports";
    /// <summary>The AI tools' exports: admins, and champions for files whose matched employees are all theirs.</summary>
    public const string ImportSources = "write:source-imports";
    /// <summary>Who holds an unused licence seat, by employee: admins and HR.</summary>
    public const string ReadSeats = "read:seats";
    public const string AdminOnly = "admin";

    public static readonly IReadOnlyDictionary<string, string[]> RolesByPolicy = new Dictionary<string, string[]>
    {
        [ReadDashboards] = [Roles.Admin, Roles.Executive, Roles.Champion, Roles.Hr],
        [ReadManagement] = [Roles.Admin, Roles.Executive],
        [ReadChampions] = [Roles.Admin, Roles.Executive, Roles.Champion, Roles.Hr],
        [ReadOutcomes] = [Roles.Admin, Roles.Executive, Roles.Champion],
        [ReadEmployees] = [Roles.Admin, Roles.Hr, Roles.Champion],
        [ReadTrainingNeeds] = [Roles.Admin, Roles.Executive, Roles.Hr],
        [ReadUsage] = [Roles.Admin, Roles.Champion],
        [WriteUsage] = [Roles.Admin, Roles.Champion],
        [ProposeUseCases] = [Roles.Admin, Roles.Champion],
        [WriteGateReviews] = [Roles.Admin, Roles.Executive],
        [Import] = [Roles.Admin, Roles.Champion, Roles.Hr],
        [ImportSources] = [Roles.Admin, Roles.Champion],
        [ReadSeats] = [Roles.Admin, Roles.Hr],
        [AdminOnly] = [Roles.Admin],
    };

    /// <summary>
    /// The policies a role satisfies, in the table's order: what <c>GET /me</c> answers as the
    /// caller's capabilities, so that the dashboard shows the doors this very table opens.
    /// </summary>
    public static IReadOnlyList<string> Of(string role) =>
        RolesByPolicy.Where(p => p.Value.Contains(role)).Select(p => p.Key).ToList();
}
