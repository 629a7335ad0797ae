using System.Data.Common;
using Dapper;

namespace RolloutHub.Api.Features.Kpis;

/// <summary>A department's code and name, for the per-department series.</summary>
public sealed record DepartmentName
{
    public required string Code { get; init; }
    public required string Name { get; init; }

    /// <summary>Every department by code: the per-department answers list them all, those without employees or snapshots included.</summary>
    public static Task<IEnumerable<DepartmentName>> AllAsync(DbConnection connection, DbTransaction? transaction) =>
        connection.QueryAsync<DepartmentName>("SELECT code, name FROM departments ORDER BY code", transaction: transaction);
}
