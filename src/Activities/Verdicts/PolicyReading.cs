namespace AgentWorkflows.Activities.Verdicts;

/// <summary>One Allow statement that is public in S3's sense, before Block Public Access.</summary>
internal sealed record PolicyGrant(
    int Index,
    string? Sid,
    string Principal,
    IReadOnlyList<string> Actions,
    AccessClasses Classes,
    string Rule);

/// <summary>What the bucket policy grants: its public statements and its limited cross-account ones.</summary>
internal sealed record PolicyReading(IReadOnlyList<PolicyGrant> PublicGrants, IReadOnlyList<Finding> Limited)
{
    public bool IsPublic => PublicGrants.Count > 0;
}
