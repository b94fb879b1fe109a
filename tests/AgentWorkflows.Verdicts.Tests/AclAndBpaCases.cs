using static AgentWorkflows.Activities.Verdicts.AccessVerdict;
using static AgentWorkflows.Verdicts.Tests.BucketBuilder;
using static AgentWorkflows.Verdicts.Tests.Policies;

namespace AgentWorkflows.Verdicts.Tests;

/// <summary>Rows for ACL grants, Object Ownership, Block Public Access and GetBucketPolicyStatus.</summary>
internal static class AclAndBpaCases
{
    private const string PublicGet = "PublicRead stmt#0 * s3:GetObject";
    private const string NeutralisedGet = "NeutralisedByBpa<-PublicRead stmt#0 * s3:GetObject";
    private const string NeutralisedAcl = "NeutralisedByBpa<-PublicAclRead acl AllUsers READ";
    private const string OtherCanonicalUser = "be0d6b1c2a9f4e3d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d";

    public static IEnumerable<VerdictCase> All() => Acls().Concat(BlockPublicAccess()).Concat(PolicyStatus());

    private static BucketBuilder PublicPolicy() => Clean().Policy(Doc(Allow("\"*\"", "\"s3:GetObject\"")));

    private static BucketBuilder PublicAcl() => Clean().Ownership("ObjectWriter").Grant(AllUsers, "READ");

    private static IEnumerable<VerdictCase> Acls()
    {
        yield return new("Acl_AllUsersWrite_PublicAclWrite",
            Clean().Ownership("ObjectWriter").Grant(AllUsers, "WRITE").Build(), Public,
            ["PublicAclWrite acl AllUsers WRITE"]);
        yield return new("Acl_AllUsersReadAcp_PublicAclRead",
            Clean().Ownership("ObjectWriter").Grant(AllUsers, "READ_ACP").Build(), Public,
            ["PublicAclRead acl AllUsers READ_ACP"]);
        yield return new("Acl_AllUsersWriteAcp_PublicAclWrite",
            Clean().Ownership("ObjectWriter").Grant(AllUsers, "WRITE_ACP").Build(), Public,
            ["PublicAclWrite acl AllUsers WRITE_ACP"]);
        yield return new("Acl_AllUsersFullControl_PublicAclWrite",
            Clean().Ownership("ObjectWriter").Grant(AllUsers, "FULL_CONTROL").Build(), Public,
            ["PublicAclWrite acl AllUsers FULL_CONTROL"]);
        yield return new("Acl_AuthenticatedUsersWrite_AnyAuthenticatedAwsAccount",
            Clean().Ownership("ObjectWriter").Grant(AuthenticatedUsers, "WRITE").Build(), Public,
            ["AnyAuthenticatedAwsAccount acl AuthenticatedUsers WRITE"]);
        yield return new("Acl_OtherCanonicalUser_NotPublic",
            Clean().Ownership("ObjectWriter").Grant(OtherCanonicalUser, "READ").Build(), NotPublic, []);
        yield return new("Acl_EmailGrantee_NotPublic",
            Clean().Ownership("ObjectWriter").Grant("someone@example.com", "FULL_CONTROL").Build(), NotPublic, []);
        yield return new("Acl_OwnershipAbsentMeansObjectWriter_Public",
            Clean().OwnershipAbsent().Grant(AllUsers, "READ").Build(), Public, ["PublicAclRead acl AllUsers READ"]);
        yield return new("Acl_BucketOwnerPreferred_Public",
            Clean().Ownership("BucketOwnerPreferred").Grant(AllUsers, "READ").Build(), Public,
            ["PublicAclRead acl AllUsers READ"]);
        yield return new("Acl_BucketOwnerEnforced_NeverAReason",
            Clean().Grant(AllUsers, "FULL_CONTROL").Grant(AuthenticatedUsers, "READ").Build(), NotPublic, []);
    }

    private static IEnumerable<VerdictCase> BlockPublicAccess()
    {
        yield return new("Bpa_BucketIgnorePublicAcls_Neutralises",
            PublicAcl().BucketBpa(false, true, false, false).Build(), NotPublic,
            ["NeutralisedByBpa<-PublicAclRead acl AllUsers READ"]);
        yield return new("Bpa_AccountIgnorePublicAcls_Neutralises",
            PublicAcl().AccountBpa(false, true, false, false).Build(), NotPublic,
            ["NeutralisedByBpa<-PublicAclRead acl AllUsers READ"]);
        yield return new("Bpa_AccountBlockPublicAclsOnly_AclStaysPublic",
            PublicAcl().AccountBpa(true, false, false, false).Build(), Public, ["PublicAclRead acl AllUsers READ"]);
        yield return new("Bpa_BlockPublicPolicyBothLevels_PolicyStaysPublic",
            PublicPolicy().AccountBpa(false, false, true, false).BucketBpa(false, false, true, false).Build(),
            Public, [PublicGet]);
        yield return new("Bpa_BucketRestrictPublicBuckets_Neutralises",
            PublicPolicy().BucketBpa(false, false, false, true).Build(), NotPublic,
            ["NeutralisedByBpa<-PublicRead stmt#0 * s3:GetObject"]);
        yield return new("Bpa_AccountRestrictPublicBuckets_Neutralises",
            PublicPolicy().AccountBpa(false, false, false, true).BucketBpa(false, false, false, false).Build(),
            NotPublic, ["NeutralisedByBpa<-PublicRead stmt#0 * s3:GetObject"]);
        yield return new("Bpa_RestrictDoesNotCoverAcl_Public",
            PublicPolicy().Ownership("ObjectWriter").Grant(AllUsers, "READ").BucketBpa(false, false, false, true)
                .Build(), Public,
            ["NeutralisedByBpa<-PublicRead stmt#0 * s3:GetObject", "PublicAclRead acl AllUsers READ"]);
        yield return new("Bpa_IgnoreAclsDoesNotCoverPolicy_Public",
            PublicPolicy().Ownership("ObjectWriter").Grant(AllUsers, "READ").BucketBpa(false, true, false, false)
                .Build(), Public,
            [PublicGet, "NeutralisedByBpa<-PublicAclRead acl AllUsers READ"]);
        yield return new("Bpa_AllFourAtAccount_NeutralisesBoth",
            PublicPolicy().Ownership("ObjectWriter").Grant(AllUsers, "READ").AccountBpa(true, true, true, true)
                .Build(), NotPublic,
            [NeutralisedGet, NeutralisedAcl]);
        yield return new("Bpa_FlagsSplitAcrossLevels_CombinedPerFlag",
            PublicPolicy().Ownership("ObjectWriter").Grant(AllUsers, "READ")
                .AccountBpa(false, true, false, false).BucketBpa(false, false, false, true).Build(), NotPublic,
            [NeutralisedGet, NeutralisedAcl]);
        yield return new("Bpa_IgnoreAclsWithOwnerEnforced_NoAclFinding",
            Clean().Grant(AllUsers, "READ").BucketBpa(false, true, false, false).Build(), NotPublic, []);
    }

    private static IEnumerable<VerdictCase> PolicyStatus()
    {
        yield return new("Status_AgreesPublic_Public", PublicPolicy().S3SaysPublic(true).Build(), Public, [PublicGet]);
        yield return new("Status_AgreesNotPublic_NotPublic",
            Clean().Policy(Doc(Allow("""{"AWS": "111122223333"}""", "\"s3:GetObject\""))).S3SaysPublic(false).Build(),
            NotPublic, []);
        yield return new("Status_S3SaysPublicRulesDoNot_PublicAndReview",
            Clean().Policy(Doc(Allow("\"*\"", "\"s3:GetObject\"",
                """{"StringEquals": {"aws:PrincipalAccount": "444455556666"}}"""))).S3SaysPublic(true).Build(),
            Public,
            [
                "CrossAccountLimited stmt#0 * s3:GetObject", "PublicPerPolicyStatus status",
                "PolicyStatusDisagreement status",
            ]);
        yield return new("Status_RulesSayPublicS3DoesNot_PublicAndReview",
            PublicPolicy().S3SaysPublic(false).Build(), Public, [PublicGet, "PolicyStatusDisagreement status"]);
        yield return new("Status_PublicWhenPolicyDenied_Public",
            Clean().PolicyDenied().S3SaysPublic(true).Build(), Public, ["PublicPerPolicyStatus status"],
            ["s3:GetBucketPolicy"]);
        yield return new("Status_PublicWhenPolicyDeniedButRestricted_Unknown",
            Clean().PolicyDenied().S3SaysPublic(true).AccountBpa(false, false, false, true).Build(), Unknown,
            ["NeutralisedByBpa<-PublicPerPolicyStatus status"], ["s3:GetBucketPolicy"]);
        yield return new("Status_NotPublicWhenPolicyDenied_Unknown",
            Clean().PolicyDenied().S3SaysPublic(false).Build(), Unknown, [], ["s3:GetBucketPolicy"]);
    }
}
