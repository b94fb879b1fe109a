using AgentWorkflows.Workflows.Contracts;
using Temporalio.Common;
using Temporalio.Workflows;

namespace AgentWorkflows.Workflows;

/// <summary>
/// Timeouts and retry policies of each activity of the audit. Each call builds fresh options, so no
/// mutable object is shared between runs.
/// </summary>
public static class AuditActivityOptions
{
    /// <summary>How long a scan may go without a heartbeat before Temporal retries it elsewhere.</summary>
    public static readonly TimeSpan ScanHeartbeatTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Error types no retry can fix: the same request would fail the same way.</summary>
    public static IReadOnlyList<string> PermanentErrorTypes { get; } =
    [
        ErrorTypes.InvalidInput,
        ErrorTypes.IdentityMismatch,
        ErrorTypes.AwsPrefix + "AccessDenied",
        ErrorTypes.AwsPrefix + "ValidationError",
        ErrorTypes.AwsPrefix + "MalformedPolicyDocument",
        ErrorTypes.AwsPrefix + "InvalidIdentityToken",
    ];

    /// <summary>
    /// Errors that only a fresh session fixes. Activities that use the session do not retry them; the
    /// workflow assumes the role again and reruns the call once.
    /// </summary>
    public static IReadOnlyList<string> SessionErrorTypes { get; } =
        [ErrorTypes.SessionExpired, ErrorTypes.AwsPrefix + "ExpiredToken"];

    /// <summary>AssumeRole: a few quick attempts; permanent STS errors stop at once.</summary>
    public static ActivityOptions AssumeRole(CancellationToken token) => new()
    {
        StartToCloseTimeout = TimeSpan.FromSeconds(30),
        RetryPolicy = Retry(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 3, PermanentErrorTypes),
        CancellationToken = token,
    };

    /// <summary>GetCallerIdentity with the session: a few quick attempts.</summary>
    public static ActivityOptions VerifyIdentity(CancellationToken token) => new()
    {
        StartToCloseTimeout = TimeSpan.FromSeconds(30),
        RetryPolicy = Retry(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 3, SessionScoped()),
        CancellationToken = token,
    };

    /// <summary>Account-level Block Public Access (one call; a denied read is a gap, not an error).</summary>
    public static ActivityOptions ReadAccountBlock(CancellationToken token) => new()
    {
        StartToCloseTimeout = TimeSpan.FromMinutes(1),
        RetryPolicy = Retry(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 5, SessionScoped()),
        CancellationToken = token,
    };

    /// <summary>One ListBuckets page; throttling backs off.</summary>
    public static ActivityOptions ListBucketsPage(CancellationToken token) => new()
    {
        StartToCloseTimeout = TimeSpan.FromMinutes(2),
        RetryPolicy = Retry(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 5, SessionScoped()),
        CancellationToken = token,
    };

    /// <summary>
    /// One batch of 100 buckets. It heartbeats, so a cancelled workflow waits until the scan has stopped
    /// using the session before the report and the revocation run.
    /// </summary>
    public static ActivityOptions ScanBucketBatch(CancellationToken token) => new()
    {
        StartToCloseTimeout = TimeSpan.FromMinutes(15),
        HeartbeatTimeout = ScanHeartbeatTimeout,
        RetryPolicy = Retry(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1), 5, SessionScoped()),
        CancellationType = ActivityCancellationType.WaitCancellationCompleted,
        CancellationToken = token,
    };

    /// <summary>The final report: retried with backoff because the run must not end without it.</summary>
    public static ActivityOptions WriteReport(CancellationToken token) => new()
    {
        StartToCloseTimeout = TimeSpan.FromMinutes(2),
        RetryPolicy = Retry(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 5, [ErrorTypes.InvalidInput]),
        CancellationToken = token,
    };

    /// <summary>Revocation with the worker's own identity: retried, a live session is the worst outcome.</summary>
    public static ActivityOptions RevokeSession(CancellationToken token) => new()
    {
        StartToCloseTimeout = TimeSpan.FromMinutes(1),
        RetryPolicy = Retry(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 8, [ErrorTypes.InvalidInput]),
        CancellationToken = token,
    };

    /// <summary>
    /// The proof that the session is now denied. IAM takes seconds to propagate a new deny, so the
    /// activity fails (retryably) while the session still works; 10 attempts span about two minutes.
    /// </summary>
    public static ActivityOptions ProveRevoked(CancellationToken token) => new()
    {
        StartToCloseTimeout = TimeSpan.FromSeconds(30),
        RetryPolicy = Retry(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(20), 10, [ErrorTypes.InvalidInput]),
        CancellationToken = token,
    };

    private static List<string> SessionScoped() => [.. PermanentErrorTypes, .. SessionErrorTypes];

    private static RetryPolicy Retry(
        TimeSpan initial, TimeSpan maximum, int attempts, IReadOnlyCollection<string> nonRetryable) => new()
    {
        InitialInterval = initial,
        BackoffCoefficient = 2,
        MaximumInterval = maximum,
        MaximumAttempts = attempts,
        NonRetryableErrorTypes = nonRetryable,
    };
}
