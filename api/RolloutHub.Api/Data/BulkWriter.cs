using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace RolloutHub.Api.Data;

/// <summary>The type of a column a <see cref="BulkWriter"/> fills.</summary>
public enum BulkType { Text, Date, Number, Money, Integer, BigInteger, Boolean }

public sealed record BulkColumn(string Name, BulkType Type);

/// <summary>
/// Writes many rows into one table, the fastest way each database offers, without holding
/// them all in memory: PostgreSQL's binary COPY, SQL Server's bulk copy (in batches), and a
/// prepared multi-row INSERT on SQLite, bound through SQLitePCL (in-process: no round trips to save).
/// Values are given in column order: string, DateOnly, double (or decimal), decimal for Money, int, long, bool, or null.
/// </summary>
public abstract class BulkWriter : IAsyncDisposable
{
    public static async Task<BulkWriter> OpenAsync(DbConnection connection, DbTransaction transaction, string table,
        IReadOnlyList<BulkColumn> columns, CancellationToken cancellationToken)
    {
        switch (connection)
        {
            case NpgsqlConnection npgsql:
                var copy = $"COPY {table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";
                return new PostgresCopy(await npgsql.BeginBinaryImportAsync(copy, cancellationToken), columns);
            case SqlConnection sql:
                return new SqlServerBulkCopy(sql, (SqlTransaction)transaction, table, columns);
            case SqliteConnection sqlite:
                return new PreparedInsert(sqlite, table, columns);
            default:
                throw new NotSupportedException(connection.GetType().Name);
        }
    }

    public abstract ValueTask WriteAsync(object?[] values, CancellationToken cancellationToken);

    /// <summary>Finishes the load; without it, disposing abandons the rows written.</summary>
    public abstract ValueTask CompleteAsync(CancellationToken cancellationToken);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // Money stays decimal (as exact text on SQLite); other numbers go in as double.
    private static object? Normalise(object? value, BulkType type) => (value, type) switch
    {
        (decimal d, BulkType.Money) => d,
        (decimal d, _) => (double)d,
        _ => value,
    };

    private sealed class PostgresCopy(NpgsqlBinaryImporter importer, IReadOnlyList<BulkColumn> columns) : BulkWriter
    {
        private readonly BulkType[] _kinds = columns.Select(c => c.Type).ToArray();
        private readonly NpgsqlDbType[] _types = columns.Select(c => c.Type switch
        {
            BulkType.Text => NpgsqlDbType.Text,
            BulkType.Date => NpgsqlDbType.Date,
            BulkType.Number => NpgsqlDbType.Double,
            BulkType.Money => NpgsqlDbType.Numeric,
            BulkType.Integer => NpgsqlDbType.Integer,
            BulkType.BigInteger => NpgsqlDbType.Bigint,
            _ => NpgsqlDbType.Boolean,
        }).ToArray();

        public override async ValueTask WriteAsync(object?[] values, CancellationToken cancellationToken)
        {
            await importer.StartRowAsync(cancellationToken);
            for (var i = 0; i < _types.Length; i++)
            {
                if (Normalise(values[i], _kinds[i]) is { } value) await importer.WriteAsync(value, _types[i], cancellationToken);
                else await importer.WriteNullAsync(cancellationToken);
            }
        }

        // The connection stays in COPY mode until the importer is disposed, so finish both here.
        public override async ValueTask CompleteAsync(CancellationToken cancellationToken)
        {
            await importer.CompleteAsync(cancellationToken);
            await importer.DisposeAsync();
        }

        public override ValueTask DisposeAsync() => importer.DisposeAsync();
    }

    private sealed class SqlServerBulkCopy : BulkWriter
    {
        private const int BatchSize = 10_000;
        private readonly SqlBulkCopy _copy;
        private readonly DataTable _batch = new();
        private readonly BulkType[] _types;

        public SqlServerBulkCopy(SqlConnection connection, SqlTransaction transaction, string table, IReadOnlyList<BulkColumn> columns)
        {
            _copy = new SqlBulkCopy(connection, SqlBulkCopyOptions.Default, transaction)
            {
                DestinationTableName = table, BatchSize = BatchSize, BulkCopyTimeout = 0,
            };
            _types = columns.Select(c => c.Type).ToArray();
            foreach (var column in columns)
            {
                _batch.Columns.Add(column.Name, column.Type switch
                {
                    BulkType.Text => typeof(string),
                    BulkType.Date => typeof(DateTime),
                    BulkType.Number => typeof(double),
                    BulkType.Money => typeof(decimal),
                    BulkType.Integer => typeof(int),
                    BulkType.BigInteger => typeof(long),
                    _ => typeof(bool),
                });
                _copy.ColumnMappings.Add(column.Name, column.Name);
            }
        }

        public override async ValueTask WriteAsync(object?[] values, CancellationToken cancellationToken)
        {
            var row = _batch.NewRow();
            for (var i = 0; i < values.Length; i++)
                row[i] = Normalise(values[i], _types[i]) switch
                {
                    null => DBNull.Value,
                    DateOnly d => d.ToDateTime(TimeOnly.MinValue),
                    var v => v,
                };
            _batch.Rows.Add(row);
            if (_batch.Rows.Count >= BatchSize) await FlushAsync(cancellationToken);
        }

        public override async ValueTask CompleteAsync(CancellationToken cancellationToken) => await FlushAsync(cancellationToken);

        private async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (_batch.Rows.Count == 0) return;
            await _copy.WriteToServerAsync(_batch, cancellationToken);
            _batch.Clear();
        }

        public override ValueTask DisposeAsync()
        {
            ((IDisposable)_copy).Dispose();
            _batch.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>
    /// SQLite: one prepared INSERT of <see cref="RowsPerStatement"/> rows, bound and stepped through
    /// SQLitePCL directly. Through ADO.NET each row cost a command execution (a data reader, the
    /// parameters' types inferred again); here a row costs its bindings, and one step inserts many.
    /// The rows are copied (the caller may reuse its array) until a statement's worth is there;
    /// those of a last, partial statement go in one at a time.
    /// </summary>
    private sealed class PreparedInsert : BulkWriter
    {
        /// <summary>Rows per statement.</summary>
        internal const int RowsPerStatement = 64;

        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _many, _one;
        private readonly BulkType[] _types;
        private readonly object?[][] _rows;
        private byte[] _utf8 = new byte[256];
        private int _pending;

        public PreparedInsert(SqliteConnection connection, string table, IReadOnlyList<BulkColumn> columns)
        {
            _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
            _types = columns.Select(c => c.Type).ToArray();
            _rows = Enumerable.Range(0, RowsPerStatement).Select(_ => new object?[columns.Count]).ToArray();
            var insert = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ";
            var row = $"({string.Join(", ", columns.Select(_ => "?"))})";
            _many = Prepare(insert + string.Join(", ", Enumerable.Repeat(row, RowsPerStatement)));
            _one = Prepare(insert + row);
        }

        public override ValueTask WriteAsync(object?[] values, CancellationToken cancellationToken)
        {
            Array.Copy(values, _rows[_pending], _types.Length);
            if (++_pending < RowsPerStatement) return ValueTask.CompletedTask;
            cancellationToken.ThrowIfCancellationRequested();
            for (var r = 0; r < RowsPerStatement; r++) Bind(_many, r * _types.Length, _rows[r]);
            Step(_many);
            _pending = 0;
            return ValueTask.CompletedTask;
        }

        public override ValueTask CompleteAsync(CancellationToken cancellationToken)
        {
            for (var r = 0; r < _pending; r++)
            {
                Bind(_one, 0, _rows[r]);
                Step(_one);
            }
            _pending = 0;
            return ValueTask.CompletedTask;
        }

        private sqlite3_stmt Prepare(string sql)
        {
            SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_db, sql, out sqlite3_stmt statement), _db);
            return statement;
        }

        private void Step(sqlite3_stmt statement)
        {
            var rc = raw.sqlite3_step(statement);
            // After a failed step, reset returns the error itself; either way the statement is ready again.
            var reset = raw.sqlite3_reset(statement);
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(reset != raw.SQLITE_OK ? reset : rc, _db);
        }

        // As Microsoft.Data.Sqlite binds them: dates as yyyy-MM-dd text, booleans as 0/1, money as exact text.
        private void Bind(sqlite3_stmt statement, int offset, object?[] values)
        {
            for (var i = 0; i < _types.Length; i++)
            {
                var index = offset + i + 1;
                var rc = Normalise(values[i], _types[i]) switch
                {
                    null => raw.sqlite3_bind_null(statement, index),
                    string text => BindText(statement, index, text),
                    DateOnly date => BindDate(statement, index, date),
                    int number => raw.sqlite3_bind_int64(statement, index, number),
                    long number => raw.sqlite3_bind_int64(statement, index, number),
                    double number => raw.sqlite3_bind_double(statement, index, number),
                    bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
                    decimal money => BindText(statement, index, Money.Text(money)),
                    var other => throw new NotSupportedException($"A {other.GetType().Name} cannot be written in bulk."),
                };
                if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
            }
        }

        private int BindText(sqlite3_stmt statement, int index, string text)
        {
            var length = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
            if (length > _utf8.Length) _utf8 = new byte[Math.Max(length, _utf8.Length * 2)];
            var written = System.Text.Encoding.UTF8.GetBytes(text, _utf8);
            return raw.sqlite3_bind_text(statement, index, _utf8.AsSpan(0, written));
        }

        private int BindDate(sqlite3_stmt statement, int index, DateOnly date)
        {
            date.TryFormat(_utf8, out var written, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            return raw.sqlite3_bind_text(statement, index, _utf8.AsSpan(0, written));
        }

        public override ValueTask DisposeAsync()
        {
            raw.sqlite3_finalize(_many);
            raw.sqlite3_finalize(_one);
            return ValueTask.CompletedTask;
        }
    }
}
