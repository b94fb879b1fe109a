namespace AgentWorkflows.AwsFake;

/// <summary>The four Block Public Access flags of a bucket or an account.</summary>
public sealed record FakePublicAccessBlock(
    bool BlockPublicAcls,
    bool IgnorePublicAcls,
    bool BlockPublicPolicy,
    bool RestrictPublicBuckets)
{
    /// <summary>All four flags on.</summary>
    public static FakePublicAccessBlock AllBlocked { get; } = new(true, true, true, true);
}
