namespace RolloutHub.Api.Features.Collectors;

/// <summary>
/// Reads one vendor API and imports what it gets through the same pipeline as an uploaded file
/// (<see cref="Sources.RunSourceImport"/>), so that figures are the same whichever way data came.
/// </summary>
public interface ICollector
{
    /// <summary>The collector's name in the API (<c>/api/v1/collectors/{name}</c>) and its job in job_runs (<c>collector-{name}</c>).</summary>
    string Name { get; }

    /// <summary>The source its data is imported as.</summary>
    string Source { get; }

    /// <summary>Whether the keys it needs are set (it may then be run by hand).</summary>
    bool Configured { get; }

    /// <summary>Whether it runs on its schedule.</summary>
    bool Enabled { get; }

    /// <summary>Its Quartz cron (UTC).</summary>
    string Schedule { get; }

    /// <summary>What is missing, in words, when it is not configured.</summary>
    string NotConfigured { get; }

    Task<CollectorOutcome> CollectAsync(CollectorRun run, CancellationToken cancellationToken);
}

/// <summary>What a run brought: days (or reports) imported, rows read and events written, seats marked.</summary>
public sealed record CollectorOutcome(int Imports, long RowsRead, long Inserted, long Updated, long UnmatchedUsers, int SeatsMarked)
{
    public static readonly CollectorOutcome None = new(0, 0, 0, 0, 0, 0);

    public CollectorOutcome Add(Sources.SourceImportResult result) =>
        this with
        {
            Imports = Imports + 1,
            RowsRead = RowsRead + result.RowsRead,
            Inserted = Inserted + result.Inserted,
            Updated = Updated + result.Updated,
            UnmatchedUsers = UnmatchedUsers + result.UnmatchedUsers,
        };
}

/// <summary>The collectors, by name.</summary>
public sealed class CollectorRegistry(IEnumerable<ICollector> collectors)
{
    public IReadOnlyList<ICollector> All { get; } = collectors.ToList();

    public ICollector? Find(string name) => All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    public static string JobName(string collector) => $"collector-{collector}";
}
