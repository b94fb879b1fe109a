using AgentWorkflows.Workflows.Contracts;

namespace AgentWorkflows.Workflows;

/// <summary>What <see cref="S3AuditWorkflow.GetProgress"/> answers: where the run is and what it counted.</summary>
/// <param name="Phase">One of the <see cref="AuditPhase"/> names.</param>
/// <param name="SessionsMinted">Sessions assumed so far (renewals included); all are revoked at the end.</param>
public sealed record AuditProgress(
    string Phase,
    int BucketsListed,
    int BatchesStarted,
    int BatchesCompleted,
    VerdictCounts Counts,
    int SessionsMinted);

/// <summary>Phases of a run, as <see cref="AuditProgress.Phase"/> reports them.</summary>
public static class AuditPhase
{
    public const string Validating = "Validating";
    public const string AssumingRole = "AssumingRole";
    public const string ReadingAccountBlock = "ReadingAccountBlock";
    public const string Scanning = "Scanning";
    public const string WritingReport = "WritingReport";
    public const string Revoking = "Revoking";
    public const string ProvingRevocation = "ProvingRevocation";
    public const string Done = "Done";
}
