using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RolloutHub.Api.Infrastructure;

/// <summary>
/// What every operation of the OpenAPI document says the same way, so that clients generated from
/// it (HR's integrators use it) get stable names and know every problem an operation can answer:
/// an <c>operationId</c> derived from the method and the route, the problem answers the pipeline
/// can give (400 for parameters or a body, 401 and 403 behind a policy, 404 for a route key), a
/// description for every tag, and server addresses without a trailing slash. Redocly's recommended
/// rules judge the result in <c>make test</c>.
/// </summary>
internal static class OpenApiConventions
{
    /// <summary>The tags the endpoint groups use, described once.</summary>
    public static readonly IReadOnlyDictionary<string, string> TagDescriptions = new Dictionary<string, string>
    {
        ["Alerts"] = "Alerts raised by the alert job (declining departments, inactive champions, overdue reviews, budget overruns, waves behind target), their acknowledgement and webhook deliveries.",
        ["Audit"] = "The audit log: every write, who made it and what changed (admins).",
        ["Budget"] = "Budget lines, spend, and the budget summary: plan against actual and the cost at full scale.",
        ["Champions"] = "The champions directory: who helps in each department.",
        ["Collectors"] = "Scheduled collectors that fetch usage from the AI vendors' APIs.",
        ["Demo"] = "The demonstration organisation's one-click sign-in (only on a seeded demo instance).",
        ["Departments"] = "The organisation's departments.",
        ["Employees"] = "The roster: pseudonymous employee keys, departments, employment dates, training tiers, seats and e-mail.",
        ["Identities"] = "Who is who in each AI tool: an employee's identifier in another system (e-mail, GitHub, Viva).",
        ["Imports"] = "CSV imports (all or nothing, dry run) and the AI tools' own exports (sources).",
        ["Jobs"] = "Runs of the scheduled jobs (KPI computation, collectors) and asking for a recompute.",
        ["KPIs"] = "The five KPIs, adoption quality and tools per period, for the organisation and each department, read from the KPI job's snapshots.",
        ["Outcome reports"] = "Business outcomes champions report: tickets avoided, employees helped, satisfaction, blockers.",
        ["Settings"] = "The installation's settings: thresholds, hourly cost, currency, privacy group size.",
        ["Sources"] = "How fresh each AI tool's data is.",
        ["Tokens"] = "API tokens: issue, list and revoke (admins).",
        ["Training needs"] = "What each department and employee still needs to learn (HR).",
        ["Usage events"] = "Who used which use case when: logged by champions or imported from the tools.",
        ["Use cases"] = "The use-case library, its governance and its indicators.",
        ["Waves"] = "The rollout in waves: departments, targets, readiness, progress and gate reviews.",
    };

    public static void Add(OpenApiOptions options)
    {
        options.AddOperationTransformer((operation, context, _) =>
        {
            var description = context.Description;
            operation.OperationId ??= OperationId(description.HttpMethod ?? "GET", description.RelativePath ?? "");
            AddProblemAnswers(operation, description, context.Document);
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.License ??= new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-Proprietary" };
            foreach (var server in document.Servers ?? [])
                if (server.Url is { Length: > 1 } url && url.EndsWith('/')) server.Url = url.TrimEnd('/');
            var used = (document.Paths ?? new OpenApiPaths()).Values
                .SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
                .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
                .Select(t => t.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
            document.Tags ??= new HashSet<OpenApiTag>();
            foreach (var name in used.Where(n => !document.Tags.Any(t => t.Name == n)))
                document.Tags.Add(new OpenApiTag { Name = name });
            foreach (var tag in document.Tags)
                if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var text)) tag.Description ??= text;
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// <c>GET /api/v1/waves/{code}/progress</c> → <c>getWavesByCodeProgress</c>: the method, then each
    /// route segment after /api/v1 in PascalCase, a route key as <c>By…</c>. Unique because routes are.
    /// </summary>
    public static string OperationId(string method, string relativePath)
    {
        var name = new StringBuilder(method.ToLowerInvariant());
        var segments = relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var start = segments.Length >= 2 && segments[0] == "api" && segments[1] == "v1" ? 2 : 0;
        if (segments.Length == start) name.Append("Root");
        foreach (var segment in segments.Skip(start))
        {
            var key = segment.StartsWith('{');
            if (key) name.Append("By");
            var word = segment.Trim('{', '}').Split(':')[0];
            foreach (var part in word.Split('-', '_', '.'))
                if (part.Length > 0) name.Append(char.ToUpper(part[0], CultureInfo.InvariantCulture)).Append(part[1..]);
        }
        return name.ToString();
    }

    private static void AddProblemAnswers(OpenApiOperation operation, Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description, OpenApiDocument? document)
    {
        operation.Responses ??= new OpenApiResponses();
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var hasInput = description.ParameterDescriptions.Any(p =>
            p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Query
            || p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body)
            || operation.RequestBody is not null;
        var hasKey = (description.RelativePath ?? "").Contains('{');

        if (hasInput) Add("400", "The request is not valid: the problem's `errors` name each field.");
        if (!anonymous)
        {
            Add("401", "No token, or a token that is unknown, expired or revoked.");
            Add("403", "The token's role (or a champion's departments) does not allow this.");
        }
        if (hasKey) Add("404", "Nothing has this key.");
        if (!operation.Responses.Keys.Any(k => k.StartsWith('4')))
            Add("429", "Too many requests from this address: wait and try again.");

        void Add(string status, string text)
        {
            if (operation.Responses.ContainsKey(status)) return;
            operation.Responses[status] = new OpenApiResponse
            {
                Description = text,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
                },
            };
        }
    }
}
