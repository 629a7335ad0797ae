using System.Data.Common;

namespace RolloutHub.Api.Data;

/// <summary>
/// The connection (and, for commands, the transaction) of one request. Handlers take it
/// from DI; <see cref="Infrastructure.TransactionBehavior{TRequest,TResponse}"/> opens the
/// transaction before a command's handler and commits it after, so one request is one
/// transaction.
/// </summary>
public sealed class DbSession(Db db) : IAsyncDisposable
{
    private DbConnection? _connection;
    private IDisposable? _writeTurn;

    public DbTransaction? Transaction { get; private set; }
    public SqlDialect Dialect => db.Dialect;

    public async Task<DbConnection> ConnectionAsync(CancellationToken cancellationToken = default) =>
        _connection ??= await db.OpenAsync(cancellationToken);

    public async Task<DbTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        if (Transaction is not null) throw new InvalidOperationException("A transaction is already open.");
        var connection = await ConnectionAsync(cancellationToken);
        _writeTurn = await db.EnterWriteAsync(cancellationToken);
        try
        {
            Transaction = await connection.BeginTransactionAsync(cancellationToken);
        }
        catch
        {
            EndWriteTurn();
            throw;
        }
        return Transaction;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (Transaction is null) return;
        try
        {
            await Transaction.CommitAsync(cancellationToken);
            await Transaction.DisposeAsync();
            Transaction = null;
        }
        finally
        {
            EndWriteTurn();
        }
    }

    public async Task RollbackAsync()
    {
        if (Transaction is null) return;
        try
        {
            await Transaction.RollbackAsync();
            await Transaction.DisposeAsync();
            Transaction = null;
        }
        finally
        {
            EndWriteTurn();
        }
    }

    private void EndWriteTurn()
    {
        _writeTurn?.Dispose();
        _writeTurn = null;
    }

    public async ValueTask DisposeAsync()
    {
        await RollbackAsync();
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
