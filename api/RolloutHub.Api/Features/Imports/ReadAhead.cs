using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace RolloutHub.Api.Features.Imports;

/// <summary>
/// Parsing on one core while the database writes on the other: the items of a parser are read
/// on another thread, a few batches ahead of the writes, so that the two overlap instead of
/// adding up. The queue is bounded, so memory still does not grow with the file. Whatever the
/// parser throws (a bad header, text that is not UTF-8) is thrown here, once the parsing thread
/// has stopped.
/// </summary>
internal static class ReadAhead
{
    public static async IAsyncEnumerable<List<T>> BatchesAsync<T>(
        IEnumerable<T> items, int batchSize, int batchesAhead, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queue = Channel.CreateBounded<List<T>>(new BoundedChannelOptions(batchesAhead) { SingleReader = true, SingleWriter = true });
        ExceptionDispatchInfo? failure = null;
        var reading = Task.Run(async () =>
        {
            try
            {
                var batch = new List<T>(batchSize);
                foreach (var item in items)
                {
                    batch.Add(item);
                    if (batch.Count < batchSize) continue;
                    await queue.Writer.WriteAsync(batch, stop.Token);
                    batch = new List<T>(batchSize);
                }
                if (batch.Count > 0) await queue.Writer.WriteAsync(batch, stop.Token);
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                queue.Writer.Complete();
            }
        }, CancellationToken.None);
        try
        {
            while (await queue.Reader.WaitToReadAsync(cancellationToken))
                while (queue.Reader.TryRead(out var batch))
                    yield return batch;
        }
        finally
        {
            // The writer stopped early (an error, a cancelled request): the parser stops too.
            await stop.CancelAsync();
            await reading;
        }
        failure?.Throw();
    }
}
