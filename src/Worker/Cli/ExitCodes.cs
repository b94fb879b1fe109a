using AgentWorkflows.Workflows.Contracts;

namespace AgentWorkflows.Worker.Cli;

/// <summary>Process exit codes, stable for scheduled jobs.</summary>
public static class ExitCodes
{
    /// <summary>Every bucket was audited and none is public.</summary>
    public const int Clean = 0;

    /// <summary>
    /// Bad arguments or configuration, a failed or cancelled run that had found no public bucket, or UNKNOWN
    /// verdicts.
    /// </summary>
    public const int Error = 1;

    /// <summary>At least one bucket is public, also when the run then failed or was cancelled.</summary>
    public const int PublicFound = 2;

    /// <summary>
    /// The exit code of a finished audit. Public buckets win over everything else; an audit with gaps is
    /// not clean, because an UNKNOWN bucket may be public.
    /// </summary>
    public static int FromResult(S3AuditResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Counts.Public > 0)
        {
            return PublicFound;
        }

        return result.Outcome == AuditOutcome.Succeeded && result.Counts.Unknown == 0 ? Clean : Error;
    }
}
