namespace RolloutHub.Api.Features.Employees;

/// <summary>
/// Who is employed when (docs/DEFINITIONS.md#headcount), as SQL over the employees table: employed
/// at some time in [start, end] means no start date or one on or before the end, and no leaving
/// date or one after the start. The KPI engine's in-memory twin is
/// <see cref="Kpis.Engine.EmployeeFacts.EmployedDuring"/>; both say the same thing.
/// </summary>
public static class Employment
{
    /// <summary>A SQL condition on employees aliased <paramref name="alias"/> (empty for none), with the two dates as SQL parameters.</summary>
    public static string During(string alias, string startParameter, string endParameter)
    {
        var e = alias.Length == 0 ? "" : alias + ".";
        return $"({e}joined_on IS NULL OR {e}joined_on <= {endParameter}) AND ({e}left_on IS NULL OR {e}left_on > {startParameter})";
    }

    /// <summary>Employed on one day.</summary>
    public static string On(string alias, string dayParameter) => During(alias, dayParameter, dayParameter);
}
