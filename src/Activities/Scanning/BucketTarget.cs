namespace AgentWorkflows.Activities.Scanning;

/// <summary>
/// A bucket being read and the region its reads go to. Several reads of the bucket run at once, so the
/// region moves at most once, on the first redirect, and every read shares the move.
/// </summary>
internal sealed class BucketTarget(string name)
{
    private readonly object gate = new();
    private string region = BucketRegions.Default;
    private bool moved;
    private int calls;

    public string Name { get; } = name;

    public string Region
    {
        get
        {
            lock (gate)
            {
                return region;
            }
        }

        set
        {
            lock (gate)
            {
                region = value;
            }
        }
    }

    /// <summary>S3 calls sent for this bucket, attempts and redirects included.</summary>
    public int Calls => Volatile.Read(ref calls);

    public void CountCall() => Interlocked.Increment(ref calls);

    /// <summary>
    /// A read sent to <paramref name="from"/> was told the bucket lives in <paramref name="to"/>. The first
    /// such answer moves the bucket; a read that raced it and names the same region follows along.
    /// </summary>
    /// <returns>True when the read should be sent again to <paramref name="to"/>.</returns>
    public bool TryFollowRedirect(string from, string to)
    {
        lock (gate)
        {
            if (!moved && string.Equals(region, from, StringComparison.Ordinal))
            {
                region = to;
                moved = true;
                return true;
            }

            return moved && string.Equals(region, to, StringComparison.Ordinal);
        }
    }
}
