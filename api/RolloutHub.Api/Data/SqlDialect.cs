using System.Text.RegularExpressions;
using RolloutHub.Api.Features.Imports;

namespace RolloutHub.Api.Data;

/// <summary>What an insert does with a row whose key is already in the table.</summary>
public enum OnConflict
{
    /// <summary>Keep the stored row.</summary>
    Ignore,
    /// <summary>Overwrite the stored row's other columns.</summary>
    Update,
    /// <summary>Overwrite them only when one differs, so unchanged rows are not rewritten.</summary>
    UpdateWhenChanged,
}

/// <summary>
/// The few pieces of SQL that differ between SQLite, PostgreSQL and SQL Server. Everything
/// else is written once, in the subset the three share: no bare boolean expressions (flags
/// are integer parameters compared with <c>= 1</c>), <c>IS DISTINCT FROM</c> (SQL Server 2022),
/// dates as DATE values, instants as fixed-width ISO 8601 UTC text.
/// </summary>
public sealed partial record SqlDialect(DatabaseProvider Provider, string MigrationFolder)
{
    public static SqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqlDialect(provider, "sqlite"),
        DatabaseProvider.Postgres => new SqlDialect(provider, "postgres"),
        DatabaseProvider.SqlServer => new SqlDialect(provider, "sqlserver"),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    private bool IsSqlServer => Provider == DatabaseProvider.SqlServer;

    /// <summary>"LIMIT @limit" or its SQL Server equivalent, placed after ORDER BY.</summary>
    public string Limit(string parameter) => IsSqlServer
        ? $"OFFSET 0 ROWS FETCH NEXT {parameter} ROWS ONLY"
        : $"LIMIT {parameter}";

    /// <summary>
    /// <c>column IN @list</c> for a list parameter. Dapper expands a list into one parameter per
    /// item, except on PostgreSQL, where it sends one array parameter, compared with ANY.
    /// </summary>
    public string In(string column, string listParameter) => Provider == DatabaseProvider.Postgres
        ? $"{column} = ANY({listParameter})"
        : $"{column} IN {listParameter}";

    /// <summary>
    /// The longest list to send in one <see cref="In"/>: SQL Server refuses a command of more than
    /// 2,100 parameters, and Dapper expands a list into one parameter per item. Lists that can be
    /// longer (a client's batch of usage events naming thousands of employees) go in slices of this.
    /// </summary>
    public const int ListSlice = 1_000;

    /// <summary><c>column NOT IN @list</c> for a list parameter (see <see cref="In"/>).</summary>
    public string NotIn(string column, string listParameter) => Provider == DatabaseProvider.Postgres
        ? $"NOT ({column} = ANY({listParameter}))"
        : $"{column} NOT IN {listParameter}";

    /// <summary>
    /// A yes/no column as a condition: a BOOLEAN on PostgreSQL, 0/1 (INTEGER, BIT) elsewhere.
    /// </summary>
    public string IsTrue(string column) => Provider == DatabaseProvider.Postgres ? column : $"{column} = 1";

    /// <summary>
    /// A DATE column (or expression) as <see cref="DateOnly.DayNumber"/>: days since 0001-01-01.
    /// </summary>
    public string DayNumber(string date) => Provider switch
    {
        DatabaseProvider.Postgres => $"({date} - DATE '0001-01-01')",
        DatabaseProvider.SqlServer => $"DATEDIFF(day, CAST('0001-01-01' AS DATE), {date})",
        // julianday('0001-01-01') is 1721425.5
        _ => $"CAST(julianday({date}) - 1721425.5 AS INTEGER)",
    };

    /// <summary>
    /// A condition true when <paramref name="item"/> is one of the codes of <paramref name="list"/>,
    /// a text of codes separated by '|' (as an import stages a list of codes).
    /// </summary>
    public string InList(string list, string item) => Provider switch
    {
        DatabaseProvider.Postgres => $"strpos('|' || {list} || '|', '|' || {item} || '|') > 0",
        DatabaseProvider.SqlServer => $"CHARINDEX(N'|' + {item} + N'|', N'|' + {list} + N'|') > 0",
        _ => $"instr('|' || {list} || '|', '|' || {item} || '|') > 0",
    };

    /// <summary>How many codes a non-empty '|'-separated <paramref name="list"/> holds.</summary>
    public string ListCount(string list) => IsSqlServer
        ? $"(LEN({list}) - LEN(REPLACE({list}, N'|', N'')) + 1)"
        : $"(LENGTH({list}) - LENGTH(REPLACE({list}, '|', '')) + 1)";

    /// <summary>
    /// Ends an INSERT of one row so that it returns its generated <paramref name="column"/>:
    /// RETURNING, or on SQL Server the identity of the statement's scope.
    /// </summary>
    public string ReturningId(string column) => IsSqlServer
        ? "; SELECT CAST(SCOPE_IDENTITY() AS BIGINT)"
        : $"RETURNING {column}";

    /// <summary>
    /// Inserts one row given as <c>(column, value expression)</c> pairs, and on a key already
    /// present does what <paramref name="onConflict"/> says: INSERT … ON CONFLICT on SQLite and
    /// PostgreSQL, MERGE … WITH (HOLDLOCK) on SQL Server (which has no ON CONFLICT).
    /// </summary>
    public string InsertRow(string table, OnConflict onConflict, IReadOnlyList<string> key, params (string Column, string Value)[] values)
    {
        var columns = values.Select(v => v.Column).ToList();
        var row = string.Join(", ", values.Select(v => v.Value));
        return IsSqlServer
            ? Merge(table, onConflict, key, columns, $"(VALUES ({row})) AS s ({string.Join(", ", columns)})")
            : $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({row})\n{OnConflictClause(table, onConflict, key, columns)}";
    }

    /// <summary>
    /// Inserts the rows of <paramref name="source"/> (a table or a parenthesised SELECT whose
    /// columns are named as <paramref name="columns"/>, keys unique), with
    /// <paramref name="onConflict"/> for keys already present. Used for the import merge.
    /// </summary>
    public string InsertFrom(string table, OnConflict onConflict, IReadOnlyList<string> key, IReadOnlyList<string> columns, string source)
    {
        var list = string.Join(", ", columns);
        // SQLite needs a WHERE before ON CONFLICT in INSERT … SELECT, or it reads ON as a join.
        return IsSqlServer
            ? Merge(table, onConflict, key, columns, $"{source} AS s")
            : $"INSERT INTO {table} ({list})\nSELECT {list} FROM {source} AS s WHERE 1 = 1\n{OnConflictClause(table, onConflict, key, columns)}";
    }

    private static string OnConflictClause(string table, OnConflict onConflict, IReadOnlyList<string> key, IReadOnlyList<string> columns)
    {
        var others = columns.Except(key).ToList();
        if (onConflict == OnConflict.Ignore || others.Count == 0) return $"ON CONFLICT ({string.Join(", ", key)}) DO NOTHING";
        var set = string.Join(", ", others.Select(c => $"{c} = excluded.{c}"));
        var clause = $"ON CONFLICT ({string.Join(", ", key)}) DO UPDATE SET {set}";
        return onConflict == OnConflict.UpdateWhenChanged
            ? $"{clause}\nWHERE {string.Join(" OR ", others.Select(c => $"{table}.{c} IS DISTINCT FROM excluded.{c}"))}"
            : clause;
    }

    // HOLDLOCK makes the MERGE take a key-range lock, so that two concurrent upserts of one
    // new key serialise instead of both inserting (MERGE alone is not atomic on that point).
    private static string Merge(string table, OnConflict onConflict, IReadOnlyList<string> key, IReadOnlyList<string> columns, string source)
    {
        var others = columns.Except(key).ToList();
        var on = string.Join(" AND ", key.Select(k => $"t.{k} = s.{k}"));
        var matched = onConflict switch
        {
            _ when others.Count == 0 || onConflict == OnConflict.Ignore => "",
            OnConflict.UpdateWhenChanged =>
                $"WHEN MATCHED AND ({string.Join(" OR ", others.Select(c => $"t.{c} IS DISTINCT FROM s.{c}"))}) THEN\n" +
                $"    UPDATE SET {string.Join(", ", others.Select(c => $"{c} = s.{c}"))}\n",
            _ => $"WHEN MATCHED THEN\n    UPDATE SET {string.Join(", ", others.Select(c => $"{c} = s.{c}"))}\n",
        };
        return $"""
            MERGE INTO {table} WITH (HOLDLOCK) AS t
            USING {source}
            ON {on}
            {matched}WHEN NOT MATCHED THEN
                INSERT ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => $"s.{c}"))});
            """;
    }

    /// <summary>The name of the import's temporary staging table (a #temp table on SQL Server).</summary>
    public string StagingTable => IsSqlServer ? "#import_staging" : "import_staging";

    /// <summary>The import kinds' SQL names <c>import_staging</c>; this points it at <see cref="StagingTable"/>.</summary>
    public string ForStaging(string sql) => IsSqlServer ? StagingName().Replace(sql, StagingTable) : sql;

    [GeneratedRegex(@"(?<![#\w])import_staging\b")]
    private static partial Regex StagingName();

    /// <summary>Drops the staging table if it is there, and creates it with these columns.</summary>
    public string CreateStaging(string columns) => IsSqlServer
        ? $"DROP TABLE IF EXISTS {StagingTable};\nCREATE TABLE {StagingTable} ({columns});"
        : $"DROP TABLE IF EXISTS {StagingTable};\nCREATE TEMPORARY TABLE {StagingTable} ({columns});";

    /// <summary>The column type that stores a staged import value.</summary>
    public string TypeName(StagingType type) => (Provider, type) switch
    {
        // Money stays exact: the decimal as text on SQLite, as in the tables it is copied to.
        (DatabaseProvider.Sqlite, StagingType.Money) => "TEXT",
        (DatabaseProvider.Postgres, StagingType.Money) => "NUMERIC(18, 4)",
        (_, StagingType.Money) => "DECIMAL(18, 4)",
        (DatabaseProvider.Sqlite, StagingType.Number) => "REAL",
        (DatabaseProvider.Sqlite, StagingType.Integer or StagingType.Boolean) => "INTEGER",
        (DatabaseProvider.Sqlite, _) => "TEXT",
        (DatabaseProvider.Postgres, StagingType.Text) => "TEXT",
        (DatabaseProvider.Postgres, StagingType.Date) => "DATE",
        (DatabaseProvider.Postgres, StagingType.Number) => "DOUBLE PRECISION",
        (DatabaseProvider.Postgres, StagingType.Integer) => "INTEGER",
        (DatabaseProvider.Postgres, StagingType.Boolean) => "BOOLEAN",
        (_, StagingType.Text) => "NVARCHAR(4000)",
        (_, StagingType.Date) => "DATE",
        (_, StagingType.Number) => "FLOAT",
        (_, StagingType.Integer) => "INT",
        _ => "BIT",
    };

    /// <summary>Creates the table that records applied migrations, when it is missing.</summary>
    public string CreateMigrationsTable => IsSqlServer
        ? """
          IF OBJECT_ID(N'schema_migrations', N'U') IS NULL
              CREATE TABLE schema_migrations (name NVARCHAR(200) NOT NULL PRIMARY KEY, applied_at NVARCHAR(40) NOT NULL)
          """
        : "CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR(200) PRIMARY KEY, applied_at VARCHAR(40) NOT NULL)";

    /// <summary>
    /// Takes a lock, held by the connection until <see cref="ReleaseMigrationLock"/>, so that
    /// instances starting together migrate one after the other. SQLite serialises writers by
    /// itself, so nothing is needed there.
    /// </summary>
    public string? TakeMigrationLock => Provider switch
    {
        DatabaseProvider.Postgres => $"SELECT pg_advisory_lock({MigrationLockKey})",
        DatabaseProvider.SqlServer =>
            "DECLARE @r INT; EXEC @r = sp_getapplock @Resource = N'rollouthub-migrations', @LockMode = N'Exclusive', " +
            "@LockOwner = N'Session', @LockTimeout = 600000; IF @r < 0 THROW 50000, N'Could not take the migration lock.', 1;",
        _ => null,
    };

    public string? ReleaseMigrationLock => Provider switch
    {
        DatabaseProvider.Postgres => $"SELECT pg_advisory_unlock({MigrationLockKey})",
        DatabaseProvider.SqlServer => "EXEC sp_releaseapplock @Resource = N'rollouthub-migrations', @LockOwner = N'Session';",
        _ => null,
    };

    // An arbitrary constant that names RolloutHub's migration lock among advisory locks.
    private const long MigrationLockKey = 7_406_113_508_240_108_001;
}
