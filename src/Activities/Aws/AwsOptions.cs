namespace AgentWorkflows.Activities.Aws;

/// <summary>
/// How the worker reaches AWS. Bound from the configuration section <see cref="SectionName"/> and
/// validated at start by <see cref="AwsOptionsValidator"/>. Endpoint overrides exist for local emulators;
/// in production all of them stay unset.
/// </summary>
public sealed class AwsOptions
{
    /// <summary>Configuration section the options bind from.</summary>
    public const string SectionName = "Aws";

    /// <summary>Region of the worker's clients (STS, S3 listing, S3 Control). Default us-east-1.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>STS endpoint override, for example <c>http://127.0.0.1:4566</c>.</summary>
    public Uri? StsEndpoint { get; set; }

    /// <summary>IAM endpoint override; used as is.</summary>
    public Uri? IamEndpoint { get; set; }

    /// <summary>S3 endpoint override; combine with <see cref="S3ForcePathStyle"/> for emulators.</summary>
    public Uri? S3Endpoint { get; set; }

    /// <summary>
    /// S3 Control endpoint override, used as is: no account-id host prefix is added to it (real AWS
    /// uses <c>https://ACCOUNT.s3-control.REGION.amazonaws.com</c>).
    /// </summary>
    public Uri? S3ControlEndpoint { get; set; }

    /// <summary>Address buckets as <c>endpoint/bucket</c> instead of <c>bucket.endpoint</c>.</summary>
    public bool S3ForcePathStyle { get; set; }

    /// <summary>
    /// Base64 of 32 random bytes that seals session credentials. Every worker of a task queue needs the
    /// same key; when absent each process draws its own, and sessions cannot move between workers.
    /// </summary>
    public string? SealingKey { get; set; }

    /// <summary>Timeout of one HTTP request of the signed IAM / S3 Control client.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Retries the AWS SDK clients make inside one activity attempt before Temporal's retry policy
    /// takes over. Zero leaves every retry to Temporal.
    /// </summary>
    public int MaxSdkRetries { get; set; } = 2;
}
