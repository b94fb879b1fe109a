using AgentWorkflows.Activities.Verdicts;

namespace AgentWorkflows.Verdicts.Tests;

/// <summary>
/// One table row: a bucket's configuration and what the rules must say about it. <see cref="Findings"/>
/// lists every finding as <c>Kind evidence</c> (see <see cref="FindingText"/>), in any order;
/// <see cref="Gaps"/> lists the missing permissions in the order the evidence holds the reads.
/// </summary>
public sealed record VerdictCase(
    string Id,
    BucketEvidence Evidence,
    AccessVerdict Verdict,
    string[] Findings,
    string[]? Gaps = null)
{
    public override string ToString() => Id;
}
