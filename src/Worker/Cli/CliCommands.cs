using AgentWorkflows.Workflows.Contracts;

namespace AgentWorkflows.Worker.Cli;

/// <summary>What the command line was asked to do.</summary>
public abstract record CliCommand;

/// <summary>
/// <c>--help</c> or <c>help</c>: print the usage and exit 0. No arguments at all is a usage error instead, so
/// a script that lost its command does not pass.
/// </summary>
public sealed record HelpCommand : CliCommand;

/// <summary><c>worker</c>: run the worker until Ctrl+C or SIGTERM.</summary>
public sealed record WorkerCommand : CliCommand;

/// <summary><c>audit s3 ...</c>: run one audit with an in-process worker and wait for its result.</summary>
/// <param name="Duration">Session duration; null leaves the workflow's default (15 minutes).</param>
/// <param name="WorkflowId">Workflow id; null derives one from the account and the start time.</param>
public sealed record AuditS3Command(
    string RoleArn,
    string AccountId,
    string AgentId,
    string? ExternalId,
    TimeSpan? Duration,
    string? BucketPrefix,
    ReportDestination Report,
    string? WorkflowId) : CliCommand
{
    /// <summary>The workflow input this command asks for.</summary>
    public S3AuditInput ToInput() => new(
        AccountId: AccountId,
        RoleArn: RoleArn,
        AgentId: AgentId,
        Report: Report,
        ExternalId: ExternalId,
        SessionDurationSeconds: Duration is { } d ? (int)d.TotalSeconds : null,
        BucketPrefix: BucketPrefix);

    /// <summary>Leaves the external id out: it is not a secret, but nothing gains from echoing it.</summary>
    public override string ToString() =>
        $"audit s3 --role-arn {RoleArn} --account {AccountId} --agent-id {AgentId}";
}

/// <summary>The outcome of parsing: a command, or an error that names the bad argument.</summary>
public sealed record CliParseResult(CliCommand? Command, string? Error)
{
    public static CliParseResult Ok(CliCommand command) => new(command, null);

    public static CliParseResult Fail(string error) => new(null, error);
}
