namespace AgentWorkflows.Activities.Scanning;

/// <summary>How the bucket scan paces itself. Bound from the <c>S3Audit</c> configuration section.</summary>
public sealed class S3AuditOptions
{
    /// <summary>Configuration section these options bind from.</summary>
    public const string SectionName = "S3Audit";

    /// <summary>Buckets of one batch read at the same time (each with up to six S3 calls in a row).</summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>Attempts of one S3 call that S3 throttles (SlowDown, Throttling, 503) before giving up.</summary>
    public int ThrottleMaxAttempts { get; set; } = 8;

    /// <summary>Back-off before the second attempt of a throttled call; it doubles with each attempt.</summary>
    public TimeSpan ThrottleBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest back-off between two attempts of a throttled call.</summary>
    public TimeSpan ThrottleMaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long storing the partial findings may take once the batch was cancelled.</summary>
    public TimeSpan PartialWriteTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
