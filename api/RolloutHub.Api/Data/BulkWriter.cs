using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace RolloutHub.Api.Data;

/// <summary>The type of a column a <see cref="BulkWriter"/> fills.</summary>
public enum BulkType { Text, Date, Number, Money, Integer, BigInteger, Boolean }

public sealed record BulkColumn(string Name, BulkType Type);

/// <summary>
/// Writes many rows into one table, the fastest way each database offers, without holding
/// them all in memory: PostgreSQL's binary COPY, SQL Server's bulk copy (in batches), and a
/// prepared INSERT bound per row on SQLite (in-process, so a statement per row is cheap).
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
            case SqliteConnection:
                return new PreparedInsert(connection, transaction, table, columns);
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

    private sealed class PreparedInsert : BulkWriter
    {
        private readonly DbCommand _insert;
        private readonly DbParameter[] _parameters;
        private readonly BulkType[] _types;

        public PreparedInsert(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<BulkColumn> columns)
        {
            _types = columns.Select(c => c.Type).ToArray();
            _insert = connection.CreateCommand();
            _insert.Transaction = transaction;
            _insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) " +
                                  $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
            _parameters = columns.Select((_, i) =>
            {
                var p = _insert.CreateParameter();
                p.ParameterName = $"@p{i}";
                _insert.Parameters.Add(p);
                return p;
            }).ToArray();
            _insert.Prepare();
        }

        public override async ValueTask WriteAsync(object?[] values, CancellationToken cancellationToken)
        {
            for (var i = 0; i < _parameters.Length; i++)
                _parameters[i].Value = (Normalise(values[i], _types[i]) is decimal money ? Money.Text(money) : Normalise(values[i], _types[i])) ?? DBNull.Value;
            await _insert.ExecuteNonQueryAsync(cancellationToken);
        }

        public override ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public override ValueTask DisposeAsync() => _insert.DisposeAsync();
    }
}
