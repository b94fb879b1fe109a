namespace AgentWorkflows.Activities.Scanning;

/// <summary>How the bucket scan paces itself. Bound from the <c>S3Audit</c> configuration section.</summary>
public sealed class S3AuditOptions
{
    /// <summary>Configuration section these options bind from.</summary>
    public const string SectionName = "S3Audit";

    /// <summary>
    /// Buckets of one batch read at the same time. Each bucket reads its location, then its five
    /// configurations at once; every call also waits for a slot of <see cref="MaxS3CallsInFlight"/>.
    /// </summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>
    /// S3 calls in flight at most for the whole worker process, shared by every scan activity it runs.
    /// Scans in flight times <see cref="MaxConcurrency"/> should exceed it so that the slots stay busy.
    /// </summary>
    public int MaxS3CallsInFlight { get; set; } = 64;

    /// <summary>A scan heartbeats its checkpoint at the latest after this many more finished buckets.</summary>
    public int HeartbeatEveryBuckets { get; set; } = 25;

    /// <summary>
    /// A scan heartbeats its checkpoint at the latest when a bucket finishes this long after the last
    /// heartbeat; it must stay well below the scan's heartbeat timeout.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts of one S3 call that S3 throttles (SlowDown, Throttling, 503) before giving up.</summary>
    public int ThrottleMaxAttempts { get; set; } = 8;

    /// <summary>Back-off before the second attempt of a throttled call; it doubles with each attempt.</summary>
    public TimeSpan ThrottleBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest back-off between two attempts of a throttled call.</summary>
    public TimeSpan ThrottleMaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long storing the partial findings may take once the batch was cancelled.</summary>
    public TimeSpan PartialWriteTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
