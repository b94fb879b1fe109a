using AgentWorkflows.Activities.Reporting;
using AgentWorkflows.Activities.Verdicts;
using AgentWorkflows.Workflows.Contracts;

namespace AgentWorkflows.Activities.Scanning;

/// <summary>
/// The verdicts of one batch as they come in, from several buckets at once. It restores what an earlier
/// attempt finished and renders the heartbeat checkpoint and the stored part.
/// </summary>
internal sealed class BatchProgress(int batchIndex, IReadOnlyList<string> bucketNames)
{
    private readonly object gate = new();
    private readonly BucketVerdict?[] verdicts = new BucketVerdict?[bucketNames.Count];

    public int Finished
    {
        get
        {
            lock (gate)
            {
                return verdicts.Count(v => v is not null);
            }
        }
    }

    /// <summary>
    /// Takes over the buckets a checkpoint finished; entries that do not match this batch are ignored.
    /// </summary>
    /// <returns>How many buckets were taken over.</returns>
    public int Restore(ScanCheckpoint? checkpoint)
    {
        if (checkpoint is null || checkpoint.BatchIndex != batchIndex)
        {
            return 0;
        }

        return Restore(checkpoint.Done.Select(done => (done.Index, done.Verdict)));
    }

    /// <summary>Takes over the verdicts of a part stored by an earlier attempt of this batch.</summary>
    public int Restore(BatchPart? part)
    {
        if (part is null || part.BatchIndex != batchIndex || !part.BucketNames.SequenceEqual(bucketNames))
        {
            return 0;
        }

        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < bucketNames.Count; index++)
        {
            positions.TryAdd(bucketNames[index], index);
        }

        return Restore(part.Verdicts
            .Where(v => positions.ContainsKey(v.BucketName))
            .Select(v => (positions[v.BucketName], v)));
    }

    /// <summary>Positions of the buckets still to scan, in batch order.</summary>
    public IReadOnlyList<int> Pending()
    {
        lock (gate)
        {
            return Enumerable.Range(0, verdicts.Length).Where(i => verdicts[i] is null).ToList();
        }
    }

    public void Complete(int index, BucketVerdict verdict)
    {
        lock (gate)
        {
            verdicts[index] = verdict;
        }
    }

    public ScanCheckpoint Checkpoint()
    {
        lock (gate)
        {
            var done = new List<ScannedBucket>();
            for (var index = 0; index < verdicts.Length; index++)
            {
                if (verdicts[index] is { } verdict)
                {
                    done.Add(new ScannedBucket(index, verdict));
                }
            }

            return new ScanCheckpoint(batchIndex, done);
        }
    }

    /// <summary>The part to store; <paramref name="complete"/> is false for the findings of a stopped batch.</summary>
    public BatchPart ToPart(bool complete)
    {
        lock (gate)
        {
            var finished = verdicts.OfType<BucketVerdict>().ToList();
            return new BatchPart(batchIndex, complete, bucketNames, finished);
        }
    }

    public VerdictCounts Counts()
    {
        lock (gate)
        {
            return ReportAssembler.Count(verdicts.OfType<BucketVerdict>());
        }
    }

    private int Restore(IEnumerable<(int Index, BucketVerdict Verdict)> done)
    {
        var restored = 0;
        lock (gate)
        {
            foreach (var (index, verdict) in done)
            {
                var matches = index >= 0 && index < verdicts.Length
                    && string.Equals(bucketNames[index], verdict.BucketName, StringComparison.Ordinal);
                if (matches && verdicts[index] is null)
                {
                    verdicts[index] = verdict;
                    restored++;
                }
            }
        }

        return restored;
    }
}
