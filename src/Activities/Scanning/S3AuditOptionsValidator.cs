using Microsoft.Extensions.Options;

namespace AgentWorkflows.Activities.Scanning;

/// <summary>Rejects <see cref="S3AuditOptions"/> that could not pace a scan, naming the value and the rule.</summary>
public sealed class S3AuditOptionsValidator : IValidateOptions<S3AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, S3AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxConcurrency is < 1 or > 256)
        {
            failures.Add($"S3Audit:MaxConcurrency {options.MaxConcurrency} is outside 1 to 256.");
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
