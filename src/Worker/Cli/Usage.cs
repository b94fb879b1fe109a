namespace AgentWorkflows.Worker.Cli;

/// <summary>The help text.</summary>
public static class Usage
{
    /// <summary>Usage of every command.</summary>
    public const string Text = """
        Usage:
          agentworkflows audit s3 --role-arn ARN --account ID --agent-id ID [options]
          agentworkflows worker
          agentworkflows --help

        audit s3   Audit every S3 bucket of an account for public access under a short-lived role
                   session, write the report, then revoke the session. Runs an in-process worker.
                   Connects to TEMPORAL_ADDRESS, or starts Temporal's local dev server when it is unset.
          --role-arn ARN          audit role, arn:aws:iam::ACCOUNT:role/NAME (required)
          --account ID            12-digit account to audit (required)
          --agent-id ID           who asks; becomes the session's source identity (required)
          --external-id ID        external id the role's trust policy requires
          --duration D            session duration, 15m to 1h (e.g. 15m, 900s); default 15m
          --bucket-prefix P       audit only buckets whose names start with P
          --report-bucket B       write the report to s3://B/...
          --report-prefix P       folder under --report-bucket (s3://B/P/WORKFLOW/RUN/...)
          --report-dir DIR        write the report to a local directory (default ./reports)
          --workflow-id ID        workflow id (default s3-audit-ACCOUNT-TIME)

        worker     Run the worker until Ctrl+C or SIGTERM; needs TEMPORAL_ADDRESS. Exits 0 after
                   Ctrl+C or SIGTERM (even while still connecting), 1 when it cannot start or fails.

        Exit codes of audit s3: 0 clean, 2 public buckets found (also when the run then failed or
        was cancelled), 1 error (bad arguments or configuration, Temporal unreachable, Ctrl+C or
        SIGTERM before the workflow started, a failed or cancelled run without public buckets, or
        buckets whose verdict is UNKNOWN).
        Configuration comes from the environment; see README.md.
        """;
}
