using RolloutHub.Api.Features.Employees;
using Dapper;
using MediatR;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.UseCases;

namespace RolloutHub.Api.Features.Training;

/// <summary>
/// What training each department and employee needs, as of a day: the modules (a
/// use-case code or a general module) that apply, and who completed which. Shared by the
/// department and employee views of training needs.
/// </summary>
public sealed record TrainingCatalogue
{
    /// <summary>The general module every casual user starts with (<c>Training:GeneralModule</c>, default AI-BASICS).</summary>
    public required string GeneralModule { get; init; }
    public IReadOnlyDictionary<string, DepartmentModules> Departments { get; init; } = new Dictionary<string, DepartmentModules>();
    /// <summary>Employees employed on the day, by key.</summary>
    public IReadOnlyList<TraineeRecord> Employees { get; init; } = [];
}

public sealed record DepartmentModules
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    /// <summary>Production use cases applicable to the department, by code.</summary>
    public IReadOnlyList<TrainingModule> UseCases { get; init; } = [];
    /// <summary>The applicable production use case most used by the department lately (else by everyone, else the first by code).</summary>
    public TrainingModule? QuickStart { get; init; }
}

public sealed record TrainingModule
{
    public required string Code { get; init; }
    public required string Title { get; init; }
}

public sealed record TraineeRecord
{
    public required string EmployeeKey { get; init; }
    public required string DepartmentCode { get; init; }
    public string? TrainingTier { get; init; }
    /// <summary>A usage event in the 28 days ending on the day.</summary>
    public bool Active { get; init; }
    public IReadOnlySet<string> Completed { get; init; } = new HashSet<string>();
}

/// <summary>The training catalogue on a day, for the departments given (every one when null).</summary>
public sealed class TrainingCatalogueQuery(DbSession session, IConfiguration configuration) : Infrastructure.IQuery
{
    public const string DefaultGeneralModule = "AI-BASICS";
    /// <summary>Activity window: 28 days, as long as the idle-seat window.</summary>
    public const int ActiveWindowDays = 28;
    /// <summary>"Most used lately": the uses of the last 90 days.</summary>
    public const int QuickStartWindowDays = 90;

    private sealed record ModuleRow
    {
        public required string DepartmentCode { get; init; }
        public required string Code { get; init; }
        public required string Title { get; init; }
    }

    private sealed record DepartmentRow
    {
        public required string Code { get; init; }
        public required string Name { get; init; }
    }

    private sealed record UsageRow
    {
        public required string DepartmentCode { get; init; }
        public required string UseCaseCode { get; init; }
        public long Uses { get; init; }
    }

    private sealed record EmployeeRow
    {
        public required string EmployeeKey { get; init; }
        public required string DepartmentCode { get; init; }
        public string? TrainingTier { get; init; }
        public long Active { get; init; }
    }

    private sealed record CompletionRow
    {
        public required string EmployeeKey { get; init; }
        public required string ModuleCode { get; init; }
    }

    public async Task<TrainingCatalogue> ReadAsync(DateOnly asOf, IReadOnlyList<string>? departmentCodes, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var dialect = session.Dialect;
        var scope = new
        {
            everyDepartment = departmentCodes is null ? 1 : 0,
            codes = (departmentCodes ?? []).Append("").ToArray(),
            asOf = asOf,
            activeFrom = asOf.AddDays(-(ActiveWindowDays - 1)),
            usageFrom = asOf.AddDays(-(QuickStartWindowDays - 1)),
        };
        var departments = await connection.QueryAsync<DepartmentRow>(
            $"SELECT code, name FROM departments WHERE @everyDepartment = 1 OR {dialect.In("code", "@codes")} ORDER BY code", scope, tx);
        var modules = (await connection.QueryAsync<ModuleRow>($"""
            SELECT d.code AS department_code, u.code, u.title
            FROM departments d
            JOIN use_cases u ON u.status = 'production' AND {Applicability.AppliesTo("u.code", "d.code")}
            WHERE @everyDepartment = 1 OR {dialect.In("d.code", "@codes")}
            ORDER BY d.code, u.code
            """, scope, tx)).ToLookup(m => m.DepartmentCode);
        var usage = (await connection.QueryAsync<UsageRow>("""
            SELECT e.department_code, u.use_case_code, SUM(u.uses) AS uses
            FROM usage_events u JOIN employees e ON e.employee_key = u.employee_key
            WHERE u.occurred_on BETWEEN @usageFrom AND @asOf
            GROUP BY e.department_code, u.use_case_code
            """, scope, tx)).ToList();
        var organisationUses = usage.GroupBy(u => u.UseCaseCode).ToDictionary(g => g.Key, g => g.Sum(u => u.Uses));
        var departmentUses = usage.ToDictionary(u => (u.DepartmentCode, u.UseCaseCode), u => u.Uses);

        // Employees employed on the day, and whether they used AI in the 28 days up to it.
        var employees = await connection.QueryAsync<EmployeeRow>($"""
            SELECT e.employee_key, e.department_code, e.training_tier,
                   CASE WHEN a.employee_key IS NULL THEN 0 ELSE 1 END AS active
            FROM employees e
            LEFT JOIN (SELECT DISTINCT employee_key FROM usage_events WHERE occurred_on BETWEEN @activeFrom AND @asOf) a
                   ON a.employee_key = e.employee_key
            WHERE {Employment.On("e", "@asOf")}
              AND (@everyDepartment = 1 OR {dialect.In("e.department_code", "@codes")})
            ORDER BY e.employee_key
            """, scope, tx);
        var completions = (await connection.QueryAsync<CompletionRow>($"""
            SELECT t.employee_key, t.module_code
            FROM training_completions t JOIN employees e ON e.employee_key = t.employee_key
            WHERE t.completed_on <= @asOf AND (@everyDepartment = 1 OR {dialect.In("e.department_code", "@codes")})
            """, scope, tx)).ToLookup(c => c.EmployeeKey, c => c.ModuleCode);

        return new TrainingCatalogue
        {
            GeneralModule = configuration["Training:GeneralModule"] is { Length: > 0 } general ? general : DefaultGeneralModule,
            Departments = departments.ToDictionary(d => d.Code, d =>
            {
                var applicable = modules[d.Code].Select(m => new TrainingModule { Code = m.Code, Title = m.Title }).ToList();
                return new DepartmentModules
                {
                    Code = d.Code, Name = d.Name, UseCases = applicable,
                    QuickStart = applicable
                        .OrderByDescending(m => departmentUses.GetValueOrDefault((d.Code, m.Code)))
                        .ThenByDescending(m => organisationUses.GetValueOrDefault(m.Code))
                        .ThenBy(m => m.Code, StringComparer.Ordinal)
                        .FirstOrDefault(),
                };
            }),
            Employees = employees.Select(e => new TraineeRecord
            {
                EmployeeKey = e.EmployeeKey, DepartmentCode = e.DepartmentCode, TrainingTier = e.TrainingTier, Active = e.Active == 1,
                Completed = completions[e.EmployeeKey].ToHashSet(),
            }).ToList(),
        };
    }
}
