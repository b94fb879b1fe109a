using AgentWorkflows.Workflows;
using Microsoft.Extensions.Options;

namespace AgentWorkflows.Activities.Scanning;

/// <summary>Rejects <see cref="S3AuditOptions"/> that could not pace a scan, naming the value and the rule.</summary>
public sealed class S3AuditOptionsValidator : IValidateOptions<S3AuditOptions>
{
    /// <summary>Longest heartbeat interval: a third of the heartbeat timeout the workflow gives a scan.</summary>
    public static readonly TimeSpan MaxHeartbeatInterval = AuditActivityOptions.ScanHeartbeatTimeout / 3;

    public ValidateOptionsResult Validate(string? name, S3AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxConcurrency is < 1 or > 256)
        {
            failures.Add($"S3Audit:MaxConcurrency {options.MaxConcurrency} is outside 1 to 256.");
        }

        if (options.MaxS3CallsInFlight is < 1 or > 1024)
        {
            failures.Add($"S3Audit:MaxS3CallsInFlight {options.MaxS3CallsInFlight} is outside 1 to 1024.");
        }

        if (options.HeartbeatEveryBuckets is < 1 or > 10000)
        {
            failures.Add($"S3Audit:HeartbeatEveryBuckets {options.HeartbeatEveryBuckets} is outside 1 to 10000.");
        }

        if (options.HeartbeatInterval <= TimeSpan.Zero || options.HeartbeatInterval > MaxHeartbeatInterval)
        {
            failures.Add(
                $"S3Audit:HeartbeatInterval {options.HeartbeatInterval} must be above zero and at most " +
                $"{MaxHeartbeatInterval} (a third of the scan's heartbeat timeout).");
        }

        if (options.ThrottleMaxAttempts is < 1 or > 20)
        {
            failures.Add($"S3Audit:ThrottleMaxAttempts {options.ThrottleMaxAttempts} is outside 1 to 20.");
        }

        if (options.ThrottleBaseDelay < TimeSpan.Zero || options.ThrottleBaseDelay > options.ThrottleMaxDelay)
        {
            failures.Add(
                $"S3Audit:ThrottleBaseDelay {options.ThrottleBaseDelay} must be at least zero and at most " +
                $"S3Audit:ThrottleMaxDelay {options.ThrottleMaxDelay}.");
        }

        if (options.PartialWriteTimeout <= TimeSpan.Zero)
        {
            failures.Add($"S3Audit:PartialWriteTimeout {options.PartialWriteTimeout} must be above zero.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
