using AgentWorkflows.Workflows;
using AgentWorkflows.Workflows.Contracts;
using Temporalio.Exceptions;

namespace AgentWorkflows.Activities.Identity;

/// <summary>
/// Guards the identity activities repeat, so a bad value fails before any AWS call even when a caller
/// skipped the workflow's validation. Failures are non-retryable <see cref="ErrorTypes.InvalidInput"/>.
/// </summary>
public static class IdentityRules
{
    /// <summary>STS's minimum session duration.</summary>
    public const int MinDurationSeconds = 900;

    /// <summary>The most a chained role session (assumed by an assumed-role session) may last.</summary>
    public const int MaxChainedDurationSeconds = 3600;

    /// <summary>STS's maximum session duration for a role.</summary>
    public const int MaxDurationSeconds = 43200;

    /// <summary>The role name in <paramref name="roleArn"/>, after any path; fails on a malformed ARN.</summary>
    public static string RoleNameOf(string roleArn)
    {
        if (!InputValidation.TryParseRoleArn(roleArn, out _, out var roleName))
        {
            throw Invalid($"Role ARN '{roleArn}' does not match arn:aws:iam::<12-digit account>:role/[path/]name.");
        }

        return roleName;
    }

    /// <summary>Fails unless <paramref name="sessionName"/> is 2–64 characters of <c>[\w+=,.@-]</c>.</summary>
    public static void CheckSessionName(string sessionName)
    {
        if (!InputValidation.IsStsName(sessionName))
        {
            throw Invalid($"Role session name '{sessionName}' must be 2 to 64 characters of [\\w+=,.@-].");
        }
    }

    /// <summary>
    /// Fails unless <paramref name="runId"/> is null or a non-empty session tag value, since the revocation
    /// deny compares it with the session's run-id tag.
    /// </summary>
    public static void CheckRunId(string? runId)
    {
        if (runId is not null && (runId.Length == 0 || !SessionNaming.IsTagValue(runId)))
        {
            throw Invalid(
                $"Run id '{runId}' cannot match session tag {SessionNaming.RunTagKey}: it must be 1 to " +
                $"{SessionNaming.MaxTagValueLength} characters of letters, digits, spaces and _.:/=+-@.");
        }
    }

    /// <summary>Checks an AssumeRole input: ARN, session name, duration 900–43200 s.</summary>
    public static void CheckAssumeRole(AssumeRoleInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        RoleNameOf(input.RoleArn);
        CheckSessionName(input.SessionName);
        if (input.DurationSeconds is < MinDurationSeconds or > MaxDurationSeconds)
        {
            throw Invalid($"Session duration {input.DurationSeconds} s is outside AssumeRole's range of " +
                $"{MinDurationSeconds} to {MaxDurationSeconds} s.");
        }
    }

    /// <summary>A non-retryable <see cref="ErrorTypes.InvalidInput"/> failure.</summary>
    public static ApplicationFailureException Invalid(string message) =>
        new(message, ErrorTypes.InvalidInput, nonRetryable: true);
}
