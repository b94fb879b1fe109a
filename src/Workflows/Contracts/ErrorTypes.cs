namespace AgentWorkflows.Workflows.Contracts;

/// <summary>
/// Stable error types of the application failures the activities raise. Operators search for these,
/// and the workflow branches on some of them, so they never change once shipped.
/// </summary>
public static class ErrorTypes
{
    /// <summary>The workflow input broke a rule; the message names the value and the rule.</summary>
    public const string InvalidInput = "InvalidInput";

    /// <summary>GetCallerIdentity did not return the session we assumed.</summary>
    public const string IdentityMismatch = "IdentityMismatch";

    /// <summary>The session's credentials expired or could not be unsealed: assume again.</summary>
    public const string SessionExpired = "SessionExpired";

    /// <summary>A freshly minted session would already need renewal (clock skew, or a too-short role limit).</summary>
    public const string SessionTooShort = "SessionTooShort";

    /// <summary>The account holds more buckets than one run audits; split it with a bucket prefix.</summary>
    public const string AuditTooLarge = "AuditTooLarge";

    /// <summary>The revoked session was still allowed after the bounded wait.</summary>
    public const string RevocationUnproven = "RevocationUnproven";

    /// <summary>The report could not be written after its retries.</summary>
    public const string ReportNotWritten = "ReportNotWritten";

    /// <summary>Any fault inside workflow code that was not an activity failure.</summary>
    public const string WorkflowFault = "WorkflowFault";

    /// <summary>Prefix of types mapped from AWS error codes: <c>Aws.AccessDenied</c>, <c>Aws.Throttling</c>.</summary>
    public const string AwsPrefix = "Aws.";
}
