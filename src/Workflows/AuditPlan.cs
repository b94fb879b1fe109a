using AgentWorkflows.Workflows.Contracts;

namespace AgentWorkflows.Workflows;

/// <summary>
/// Everything a run decides before its first activity: the validated input, the session it will ask
/// for and the identity it must then see. Holds no secret.
/// </summary>
/// <param name="RunKey">The run's report folder, <see cref="ReportPath.RunKey"/>.</param>
/// <param name="ExpectedCallerArn">The ARN GetCallerIdentity must return for the session.</param>
public sealed record AuditPlan(
    S3AuditInput Input,
    string WorkflowId,
    string RunId,
    string RunKey,
    string SessionName,
    string ExpectedCallerArn,
    int DurationSeconds,
    IReadOnlyDictionary<string, string> SessionTags)
{
    /// <summary>
    /// Validates the input and the tag values, then derives the session. Throws one non-retryable
    /// <see cref="ErrorTypes.InvalidInput"/> failure that lists every violation.
    /// </summary>
    public static AuditPlan Create(S3AuditInput? input, string workflowId, string runId)
    {
        ArgumentNullException.ThrowIfNull(workflowId);
        ArgumentNullException.ThrowIfNull(runId);

        var violations = InputValidation.Validate(input).ToList();
        if (input is not null && InputValidation.IsStsName(input.AgentId))
        {
            AddIfAny(violations, SessionNaming.TagValueViolation("agentId", SessionNaming.AgentTagKey, input.AgentId));
        }

        AddIfAny(violations, SessionNaming.TagValueViolation("workflow id", SessionNaming.TaskTagKey, workflowId));
        AddIfAny(violations, SessionNaming.TagValueViolation("run id", SessionNaming.RunTagKey, runId));
        if (violations.Count > 0)
        {
            throw InputValidation.Failure(violations);
        }

        var valid = input!;
        var sessionName = valid.RoleSessionName ?? SessionNaming.DeriveSessionName(workflowId, runId);
        return new AuditPlan(
            valid,
            workflowId,
            runId,
            ReportPath.RunKey(workflowId, runId),
            sessionName,
            SessionNaming.ExpectedAssumedRoleArn(valid.RoleArn, sessionName),
            InputValidation.SessionSeconds(valid),
            SessionNaming.SessionTags(valid.AgentId, workflowId, runId));
    }

    private static void AddIfAny(List<string> violations, string? violation)
    {
        if (violation is not null)
        {
            violations.Add(violation);
        }
    }

    /// <summary>The AssumeRole request; the same for the first session and every renewal.</summary>
    public AssumeRoleInput AssumeRoleRequest() =>
        new(Input.RoleArn, SessionName, Input.AgentId, DurationSeconds, SessionTags, Input.ExternalId);
}
