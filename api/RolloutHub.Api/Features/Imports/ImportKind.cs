using RolloutHub.Api.Infrastructure;
namespace RolloutHub.Api.Features.Imports;

public enum StagingType { Text, Date, Number, Money, Integer, Boolean }

public sealed record StagingColumn(string Name, StagingType Type);

/// <summary>A check that every staged value names an existing row: lines found by the SQL are errors.</summary>
public sealed record ReferenceCheck(string Column, string MissingLinesSql, Infrastructure.CsvErrorCode Code, string Message);

/// <summary>
/// One import kind: its CSV columns, how a row becomes staged values, and the
/// SQL that checks references, counts changes and upserts the staged rows by key. The
/// staged rows sit in the temporary table <c>import_staging</c>, with their CSV line.
/// </summary>
public abstract class ImportKind
{
    public abstract string Name { get; }
    public abstract IReadOnlyList<CsvColumn> Columns { get; }
    public abstract IReadOnlyList<StagingColumn> Staging { get; }

    /// <summary>The staging columns that make the key; a key twice in one file is an error.</summary>
    public abstract IReadOnlyList<string> Key { get; }

    /// <summary>Roles, besides admin, that may run this import (the README's roles table).</summary>
    public abstract IReadOnlyList<string> Roles { get; }

    /// <summary>Reads one CSV row into <paramref name="values"/> (in <see cref="Staging"/> order).</summary>
    public abstract void Read(CsvImportRow row, object?[] values);

    public virtual IReadOnlyList<ReferenceCheck> References => [];

    /// <summary>
    /// For champions (own departments only): SQL returning the first staged line
    /// outside <c>@departmentCodes</c>, or nothing.
    /// </summary>
    public virtual string? OutsideScopeSql(Data.SqlDialect dialect) => null;

    /// <summary>
    /// SQL returning one row (inserted, updated) for the staged rows against the table, comparing
    /// only <paramref name="columns"/>: the staging columns the file has (an absent column
    /// changes nothing, so it cannot make a row "updated").
    /// </summary>
    public string CountSql(IReadOnlyList<string> columns, Data.SqlDialect dialect) => $"""
        SELECT
            COALESCE(SUM(CASE WHEN t.{Key[0]} IS NULL THEN 1 ELSE 0 END), 0) AS inserted,
            COALESCE(SUM(CASE WHEN t.{Key[0]} IS NOT NULL AND {Differs(columns, dialect)} THEN 1 ELSE 0 END), 0) AS updated
        FROM import_staging s
        LEFT JOIN {Table} t ON {string.Join(" AND ", Key.Select(k => $"t.{k} = s.{k}"))}
        """;

    /// <summary>
    /// Staging columns that are not columns of <see cref="Table"/>: the kind stores them itself after
    /// the merge (<see cref="AfterMergeAsync"/>), and says how they differ (<see cref="DiffersElsewhere"/>).
    /// </summary>
    public virtual IReadOnlyList<string> StoredElsewhere => [];

    /// <summary>The columns the merge copies into <see cref="Table"/>: those of <paramref name="columns"/> stored there.</summary>
    public IReadOnlyList<string> Merged(IReadOnlyList<string> columns) => columns.Except(StoredElsewhere).ToList();

    /// <summary>For a column of <see cref="StoredElsewhere"/>: a condition true when the stored row t differs from the staged row s.</summary>
    protected virtual string DiffersElsewhere(string column, Data.SqlDialect dialect) =>
        throw new InvalidOperationException($"{Name} does not say how {column} differs.");

    /// <summary>A condition true when the stored row t differs from the staged row s in one of <paramref name="columns"/> besides the key.</summary>
    protected string Differs(IReadOnlyList<string> columns, Data.SqlDialect? dialect = null)
    {
        var compared = columns.Except(Key).ToList();
        return compared.Count == 0 ? "1 = 0" : $"({string.Join("\n    OR ", compared.Select(c => StoredElsewhere.Contains(c)
            ? DiffersElsewhere(c, dialect ?? throw new ArgumentNullException(nameof(dialect)))
            : $"t.{c} IS DISTINCT FROM s.{c}"))})";
    }

    /// <summary>A condition true for a staged row s that is new or differs from the stored row t (joined on the key).</summary>
    protected string NewOrDiffers(IReadOnlyList<string> columns) => $"(t.{Key[0]} IS NULL OR {Differs(columns)})";

    /// <summary>
    /// The staging columns a file fills: those whose CSV column is in its header, and those not
    /// read from a column of their own. A column absent from the file leaves that field of
    /// existing rows as it is; only an empty cell clears it.
    /// </summary>
    public IReadOnlyList<string> PresentColumns(Func<string, bool> inHeader) =>
        Staging.Select(c => c.Name)
            .Where(name => Key.Contains(name) || inHeader(name) || !Columns.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
            .ToList();

    /// <summary>
    /// The table the rows are merged into: each staging column is the table column of the same
    /// name. The merge (written once per dialect by <see cref="Data.SqlDialect.InsertFrom"/>)
    /// inserts new keys, updates keys whose values differ and leaves the rest.
    /// </summary>
    public abstract string Table { get; }

    /// <summary>
    /// For dated facts: a SELECT of the distinct <c>occurred_on</c> dates whose KPIs the merge
    /// changes (new and, for a moved row, old dates), marked before the merge.
    /// </summary>
    public virtual string? ChangedDatesSql(IReadOnlyList<string> columns) => null;

    /// <summary>
    /// <see cref="ChangedDatesSql"/> for a table of dated facts: the KPIs of both the new date and,
    /// for a moved row, the old one change.
    /// </summary>
    protected string OccurredOnChangedSql(IReadOnlyList<string> columns)
    {
        var on = string.Join(" AND ", Key.Select(k => $"t.{k} = s.{k}"));
        return $"""
            SELECT s.occurred_on FROM import_staging s LEFT JOIN {Table} t ON {on} WHERE {NewOrDiffers(columns)}
            UNION
            SELECT t.occurred_on FROM import_staging s JOIN {Table} t ON {on} WHERE {NewOrDiffers(columns)}
            """;
    }

    /// <summary>Checks that SQL cannot express simply; runs on the staged rows.</summary>
    public virtual Task<IReadOnlyList<Infrastructure.CsvLineError>> CheckAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, Data.SqlDialect dialect) =>
        Task.FromResult<IReadOnlyList<Infrastructure.CsvLineError>>([]);

    /// <summary>Work after the merge, in the same transaction; <paramref name="columns"/> are the staging columns the file has.</summary>
    public virtual Task AfterMergeAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, Data.SqlDialect dialect,
        IReadOnlyList<string> columns) => Task.CompletedTask;

    /// <summary>True when a change of this kind can move every KPI period (e.g. the roster).</summary>
    public virtual bool ChangesAllPeriods => false;

    protected static CsvColumn Required(string name) => new(name, true);
    protected static CsvColumn Optional(string name) => new(name, false);
    protected static StagingColumn Text(string name) => new(name, StagingType.Text);
    protected static StagingColumn Date(string name) => new(name, StagingType.Date);
    protected static StagingColumn Number(string name) => new(name, StagingType.Number);
    protected static StagingColumn Money(string name) => new(name, StagingType.Money);
    protected static StagingColumn Integer(string name) => new(name, StagingType.Integer);
    protected static StagingColumn Boolean(string name) => new(name, StagingType.Boolean);

    protected static ReferenceCheck Department(string column = "department_code") => new(column,
        $"SELECT line FROM import_staging s WHERE s.{column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM departments d WHERE d.code = s.{column})",
        CsvErrorCode.UnknownDepartment, "Unknown department");

    protected static ReferenceCheck Employee() => new("employee_key",
        "SELECT line FROM import_staging s WHERE s.employee_key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM employees e WHERE e.employee_key = s.employee_key)",
        CsvErrorCode.UnknownEmployee, "Unknown employee");

    protected static ReferenceCheck UseCase(string column = "use_case_code") => new(column,
        $"SELECT line FROM import_staging s WHERE s.{column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM use_cases u WHERE u.code = s.{column})",
        CsvErrorCode.UnknownUseCase, "Unknown use case");
}

public static class ImportKinds
{
    public static readonly IReadOnlyList<ImportKind> All =
    [
        new DepartmentsImport(), new EmployeesImport(), new UseCasesImport(), new UsageEventsImport(),
        new OutcomesImport(), new TrainingsImport(), new SpendImport(), new IdentitiesImport(),
    ];

    public static ImportKind? Find(string name) =>
        All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));
}
