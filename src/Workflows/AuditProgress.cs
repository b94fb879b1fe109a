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
