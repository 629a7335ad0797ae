using System.Collections.ObjectModel;
using System.Data.Common;
using Dapper;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Imports;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Sources;

/// <summary>
/// The temporary tables of one source import: <c>source_rows</c> (every event the parser gave,
/// with the number of its user and its position in the file), <c>source_users</c> (each distinct
/// user identifier once) and <c>source_matches</c> (the employee each matched user is). The
/// events that will be merged go to the usual <c>import_staging</c>, shaped like a usage-events
/// import, so that they are counted and merged by the same SQL.
/// </summary>
internal sealed class SourceTables(SqlDialect dialect)
{
    private bool IsSqlServer => dialect.Provider == DatabaseProvider.SqlServer;
    private string Temp(string name) => IsSqlServer ? "#" + name : name;

    public string Rows => Temp("source_rows");
    public string Users => Temp("source_users");
    public string Matches => Temp("source_matches");
    public string Firsts => Temp("source_firsts");
    public string Events => dialect.StagingTable;

    public string CreateAll()
    {
        // On SQLite seq is the rowid, so that keeping the first of each event id is a rowid lookup.
        var seq = dialect.Provider == DatabaseProvider.Sqlite ? "seq INTEGER PRIMARY KEY" : "seq BIGINT NOT NULL PRIMARY KEY";
        string text = dialect.TypeName(Imports.StagingType.Text), date = dialect.TypeName(Imports.StagingType.Date),
            integer = dialect.TypeName(Imports.StagingType.Integer), number = dialect.TypeName(Imports.StagingType.Number);
        return string.Join("\n", new[]
        {
            Create(Rows, $"{seq}, line BIGINT NOT NULL, event_id {text} NOT NULL, occurred_on {date} NOT NULL, user_no INTEGER NOT NULL, use_case_code {text} NOT NULL, uses INTEGER NOT NULL"),
            Create(Users, $"user_no INTEGER NOT NULL PRIMARY KEY, system {text} NOT NULL, external_id {text} NOT NULL"),
            $"CREATE INDEX ix_source_users_identifier ON {Users} (system, external_id);",
            Create(Matches, $"user_no INTEGER NOT NULL PRIMARY KEY, employee_key {text} NOT NULL"),
            Create(Firsts, seq),
            dialect.CreateStaging($"line BIGINT NOT NULL, event_id {text} NOT NULL, occurred_on {date} NOT NULL, employee_key {text} NOT NULL, " +
                                  $"use_case_code {text} NOT NULL, uses INTEGER NOT NULL, minutes_saved {number} NULL"),
        });
    }

    public string DropAll() => string.Join("\n",
        new[] { Rows, Users, Matches, Firsts, Events }.Select(t => $"DROP TABLE IF EXISTS {t};"));

    private string Create(string table, string columns) => IsSqlServer
        ? $"DROP TABLE IF EXISTS {table};\nCREATE TABLE {table} ({columns});"
        : $"DROP TABLE IF EXISTS {table};\nCREATE TEMPORARY TABLE {table} ({columns});";
}

/// <summary>
/// What reading the file left in memory: the counts, each distinct user identifier (a few
/// thousand people, not one entry per row) and each use case the events name, with the title a
/// new one would get. The events themselves went to <c>source_rows</c>.
/// </summary>
internal sealed class StagedSource
{
    public long RowsRead { get; set; }
    public long Skipped { get; set; }
    public List<(string System, string ExternalId)> Users { get; } = [];
    public Dictionary<(string System, string ExternalId), int> UserNumbers { get; } = [];

    /// <summary>Identifiers that match nobody whatever the identities say (concealed report names).</summary>
    public HashSet<int> Concealed { get; } = [];
    public Dictionary<string, string> UseCaseTitles { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Reads a source file with its parser, one record at a time, into <see cref="SourceTables.Rows"/>:
/// memory holds the distinct users and use cases, never the rows.
/// </summary>
internal static class SourceStaging
{
    /// <summary>Records handed from the parser to the writer at a time, and batches read ahead.</summary>
    private const int Batch = 512, BatchesAhead = 8;

    public static async Task<StagedSource> StageAsync(
        DbConnection connection, SourceTables tables, ISourceParser parser, Stream content, string? mediaType,
        IList<CsvLineError> errors, CancellationToken cancellationToken)
    {
        var staged = new StagedSource();
        // Only temporary tables are written here; on SQLite a deferred transaction keeps the
        // database's write lock free for other writers while a large file streams in.
        await using var transaction = await DbTransactions.BeginDeferredAsync(connection, cancellationToken);
        await using (var rows = await BulkWriter.OpenAsync(connection, transaction, tables.Rows,
                         [
                             new("seq", BulkType.BigInteger), new("line", BulkType.BigInteger), new("event_id", BulkType.Text),
                             new("occurred_on", BulkType.Date), new("user_no", BulkType.Integer), new("use_case_code", BulkType.Text),
                             new("uses", BulkType.Integer),
                         ], cancellationToken))
        {
            var values = new object?[7];
            long seq = 0;
            await foreach (var batch in ReadAhead.BatchesAsync(parser.Read(content, mediaType, errors), Batch, BatchesAhead, cancellationToken))
                foreach (var record in batch)
                {
                    staged.RowsRead++;
                    if (record.Skipped)
                    {
                        staged.Skipped++;
                        continue;
                    }
                    var userNo = UserNumber(staged, record);
                    foreach (var e in record.Events)
                    {
                        staged.UseCaseTitles.TryAdd(e.UseCaseCode, e.UseCaseTitle);
                        values[0] = ++seq;
                        values[1] = record.Line;
                        values[2] = e.EventId;
                        values[3] = e.OccurredOn;
                        values[4] = userNo;
                        values[5] = e.UseCaseCode;
                        values[6] = e.Uses;
                        await rows.WriteAsync(values, cancellationToken);
                    }
                }
            await rows.CompleteAsync(cancellationToken);
        }

        // Concealed identifiers are not looked up at all: they match nobody.
        await using (var users = await BulkWriter.OpenAsync(connection, transaction, tables.Users,
                         [new("user_no", BulkType.Integer), new("system", BulkType.Text), new("external_id", BulkType.Text)], cancellationToken))
        {
            var values = new object?[3];
            for (var i = 0; i < staged.Users.Count; i++)
            {
                if (staged.Concealed.Contains(i)) continue;
                values[0] = i;
                values[1] = staged.Users[i].System;
                values[2] = staged.Users[i].ExternalId;
                await users.WriteAsync(values, cancellationToken);
            }
            await users.CompleteAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return staged;
    }

    /// <summary>
    /// A source's user identifiers are compared without case and surrounding spaces: the
    /// identifier is kept lowercased and trimmed, once per (system, identifier).
    /// </summary>
    private static int UserNumber(StagedSource staged, SourceRecord record)
    {
        var key = (record.IdentitySystem.Trim().ToLowerInvariant(), (record.UserId ?? "").Trim().ToLowerInvariant());
        if (staged.UserNumbers.TryGetValue(key, out var number)) return number;
        number = staged.Users.Count;
        staged.Users.Add(key);
        staged.UserNumbers.Add(key, number);
        if (record.Concealed) staged.Concealed.Add(number);
        return number;
    }
}

/// <summary>
/// The parser's errors, of which only the first <see cref="Limit"/> are kept (a file of a
/// million bad lines must not fill memory); <see cref="Total"/> counts them all.
/// </summary>
internal sealed class CappedErrors(int limit) : Collection<CsvLineError>
{
    public int Limit { get; } = limit;
    public int Total { get; private set; }

    protected override void InsertItem(int index, CsvLineError item)
    {
        Total++;
        if (Count < Limit) base.InsertItem(index, item);
    }
}
