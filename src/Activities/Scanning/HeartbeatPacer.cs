namespace AgentWorkflows.Activities.Scanning;

/// <summary>
/// Decides when a scan heartbeats its checkpoint: on the first finished bucket, then once
/// <c>everyBuckets</c> more have finished or <c>interval</c> has passed since the last heartbeat, and
/// whenever asked outright (before a throttling wait, when the batch stops). A heartbeat is built and
/// sent under one lock, so a newer checkpoint is never followed by an older one.
/// </summary>
internal sealed class HeartbeatPacer(Action send, TimeProvider time, int everyBuckets, TimeSpan interval)
{
    private readonly object gate = new();
    private int finishedSinceLast;
    private bool sentAny;
    private DateTimeOffset lastSent = time.GetUtcNow();
    private int sent;

    /// <summary>Heartbeats sent so far.</summary>
    public int Sent
    {
        get
        {
            lock (gate)
            {
                return sent;
            }
        }
    }

    /// <summary>One more bucket finished; heartbeats when one is due.</summary>
    public void BucketFinished()
    {
        lock (gate)
        {
            finishedSinceLast++;
            var due = !sentAny || finishedSinceLast >= everyBuckets || time.GetUtcNow() - lastSent >= interval;
            if (due)
            {
                SendLocked();
            }
        }
    }

    /// <summary>Heartbeats now, whatever the pace.</summary>
    public void Now()
    {
        lock (gate)
        {
            SendLocked();
        }
    }

    private void SendLocked()
    {
        send();
        sentAny = true;
        finishedSinceLast = 0;
        lastSent = time.GetUtcNow();
        sent++;
    }
}
