using static AgentWorkflows.Activities.Verdicts.AccessVerdict;
using static AgentWorkflows.Verdicts.Tests.BucketBuilder;
using static AgentWorkflows.Verdicts.Tests.Policies;

namespace AgentWorkflows.Verdicts.Tests;

/// <summary>
/// Rows for reads that were denied or failed: each read alone on a clean bucket, and the combinations
/// where another source proves public, or where a Block Public Access read decides whether it is in force.
/// </summary>
internal static class GapCases
{
    private const string AccountBpa = "s3:GetAccountPublicAccessBlock";
    private const string BucketBpa = "s3:GetBucketPublicAccessBlock";
    private const string Policy = "s3:GetBucketPolicy";
    private const string Acl = "s3:GetBucketAcl";
    private const string Ownership = "s3:GetBucketOwnershipControls";
    private const string PublicGet = "PublicRead stmt#0 * s3:GetObject";

    public static IEnumerable<VerdictCase> All() => EachReadAlone().Concat(Combinations());

    private static BucketBuilder PublicPolicy() => Clean().Policy(Doc(Allow("\"*\"", "\"s3:GetObject\"")));

    private static BucketBuilder PublicAcl() => Clean().Ownership("ObjectWriter").Grant(AllUsers, "READ");

    private static IEnumerable<VerdictCase> EachReadAlone()
    {
        yield return new("Gap_AccountBpaDenied_Unknown", Clean().AccountBpaDenied().Build(), Unknown, [], [AccountBpa]);
        yield return new("Gap_BucketBpaDenied_Unknown", Clean().BucketBpaDenied().Build(), Unknown, [], [BucketBpa]);
        yield return new("Gap_BucketBpaFailed_Unknown", Clean().BucketBpaFailed("InternalError").Build(), Unknown, [],
            [BucketBpa]);
        yield return new("Gap_PolicyDenied_Unknown", Clean().PolicyDenied().Build(), Unknown, [], [Policy]);
        yield return new("Gap_PolicyFailed_Unknown", Clean().PolicyFailed("SlowDown after 5 attempts").Build(),
            Unknown, [], [Policy]);
        yield return new("Gap_PolicyStatusDenied_Unknown", Clean().PolicyStatusDenied().Build(), Unknown, [],
            ["s3:GetBucketPolicyStatus"]);
        yield return new("Gap_AclDeniedWithOwnerEnforced_Unknown", Clean().AclDenied().Build(), Unknown, [], [Acl]);
        yield return new("Gap_OwnershipDeniedWithCleanAcl_Unknown", Clean().OwnershipDenied().Build(), Unknown, [],
            [Ownership]);
        yield return new("Gap_OwnershipFailed_Unknown", Clean().OwnershipFailed("InternalError").Build(), Unknown, [],
            [Ownership]);
    }

    private static IEnumerable<VerdictCase> Combinations()
    {
        // A proven public grant stays PUBLIC when the read that was denied cannot neutralise it.
        yield return new("Gap_AclDeniedPolicyPublic_Public", PublicPolicy().AclDenied().Build(), Public, [PublicGet],
            [Acl]);
        yield return new("Gap_OwnershipDeniedPolicyPublic_Public", PublicPolicy().OwnershipDenied().Build(), Public,
            [PublicGet], [Ownership]);
        yield return new("Gap_PolicyDeniedAclPublic_Public", PublicAcl().PolicyDenied().Build(), Public,
            ["PublicAclRead acl AllUsers READ"], [Policy]);

        // A denied BPA read leaves open whether the public grant is in force.
        yield return new("Gap_AccountBpaDeniedPolicyPublic_Unknown", PublicPolicy().AccountBpaDenied().Build(),
            Unknown, [PublicGet], [AccountBpa]);
        yield return new("Gap_BucketBpaDeniedAclPublic_Unknown", PublicAcl().BucketBpaDenied().Build(), Unknown,
            ["PublicAclRead acl AllUsers READ"], [BucketBpa]);
        yield return new("Gap_OwnershipDeniedAclPublic_Unknown", PublicAcl().OwnershipDenied().Build(), Unknown,
            ["PublicAclRead acl AllUsers READ"], [Ownership]);
        yield return new("Gap_AccountBpaDeniedAclPublicBucketRestrict_Unknown",
            PublicAcl().AccountBpaDenied().BucketBpa(false, false, false, true).Build(), Unknown,
            ["PublicAclRead acl AllUsers READ"], [AccountBpa]);

        // The other level sets the flag, so the grant is neutralised; the gap still rules out NOT_PUBLIC.
        yield return new("Gap_AccountBpaDeniedBucketRestrict_Unknown",
            PublicPolicy().AccountBpaDenied().BucketBpa(false, false, false, true).Build(), Unknown,
            ["NeutralisedByBpa<-PublicRead stmt#0 * s3:GetObject"], [AccountBpa]);
        yield return new("Gap_BucketBpaDeniedAccountIgnoreAcls_Unknown",
            PublicAcl().BucketBpaDenied().AccountBpa(false, true, false, false).Build(), Unknown,
            ["NeutralisedByBpa<-PublicAclRead acl AllUsers READ"], [BucketBpa]);
        yield return new("Gap_OwnershipDeniedAccountIgnoreAcls_Unknown",
            PublicAcl().OwnershipDenied().AccountBpa(false, true, false, false).Build(), Unknown,
            ["NeutralisedByBpa<-PublicAclRead acl AllUsers READ"], [Ownership]);

        yield return new("Gap_BothBpaDeniedBothPublic_Unknown",
            PublicPolicy().Ownership("ObjectWriter").Grant(AllUsers, "READ").AccountBpaDenied().BucketBpaDenied()
                .Build(), Unknown, [PublicGet, "PublicAclRead acl AllUsers READ"], [AccountBpa, BucketBpa]);
        yield return new("Gap_EveryReadDenied_NamesAll",
            Clean().AccountBpaDenied().BucketBpaDenied().PolicyDenied().PolicyStatusDenied().AclDenied()
                .OwnershipDenied().Build(), Unknown, [],
            [AccountBpa, BucketBpa, Policy, "s3:GetBucketPolicyStatus", Acl, Ownership]);
    }
}
