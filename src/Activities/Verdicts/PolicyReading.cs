namespace AgentWorkflows.Activities.Verdicts;

/// <summary>One Allow statement that is public in S3's sense, before Block Public Access.</summary>
internal sealed record PolicyGrant(
    int Index,
    string? Sid,
    string Principal,
    IReadOnlyList<string> Actions,
    AccessClasses Classes,
    string Rule);

/// <summary>
/// What the bucket policy grants: its public statements, its limited cross-account ones, and the parts
/// that could not be read (each naming where it is and what was wrong). A statement with an unreadable
/// part gives no grant or finding; it only adds to <see cref="Problems"/>.
/// </summary>
internal sealed record PolicyReading(
    IReadOnlyList<PolicyGrant> PublicGrants,
    IReadOnlyList<Finding> Limited,
    IReadOnlyList<string> Problems)
{
    public bool IsPublic => PublicGrants.Count > 0;

    /// <summary>
    /// True when a readable statement is public (what could not be read cannot take that back), false
    /// when every part was read and none is public, null when parts could not be read and none is public.
    /// </summary>
    public bool? IsPublicByRules => IsPublic ? true : Problems.Count == 0 ? false : null;
}
