using AgentWorkflows.Activities.Verdicts;
using static AgentWorkflows.Activities.Verdicts.AccessVerdict;
using static AgentWorkflows.Verdicts.Tests.BucketBuilder;
using static AgentWorkflows.Verdicts.Tests.Policies;

namespace AgentWorkflows.Verdicts.Tests;

/// <summary>The S3 field cases of shared/cases/README.md, each with the expected value written there.</summary>
internal static class FieldCases
{
    public static IEnumerable<VerdictCase> All()
    {
        yield return new("S1",
            Clean().Policy(Doc(Allow("\"*\"", "\"s3:GetObject\"",
                """{"StringEquals": {"aws:sourcevpce": "vpce-0123456789abcdef0"}}"""))).Build(),
            NotPublic, ["CrossAccountLimited stmt#0 * s3:GetObject"]);

        yield return new("S2",
            Clean().Policy(Doc(Allow("\"*\"", "\"s3:GetObject\"", """{"StringLike": {"aws:SourceVpc": "vpc-*"}}""")))
                .Build(),
            Public, ["PublicRead stmt#0 * s3:GetObject"]);

        yield return new("S3",
            Clean().Policy(Doc(Allow("""{"AWS": "*"}""", """["s3:GetObject*", "s3:List*"]"""))).Build(),
            Public,
            ["PublicRead stmt#0 AWS:* s3:GetObject*,s3:List*", "PublicList stmt#0 AWS:* s3:GetObject*,s3:List*"]);

        yield return new("S4",
            Clean().Ownership("ObjectWriter").Grant(AllUsers, "READ").BucketBpa(true, false, false, false).Build(),
            Public, ["PublicAclRead acl AllUsers READ"]);

        yield return new("S5",
            Clean().Ownership("ObjectWriter").Grant(AuthenticatedUsers, "READ").Grant(LogDelivery, "WRITE").Build(),
            Public, ["AnyAuthenticatedAwsAccount acl AuthenticatedUsers READ"]);

        yield return new("S6",
            Clean().Ownership("ObjectWriter").Grant(LogDelivery, "WRITE").Build(),
            NotPublic, []);

        yield return new("S7",
            Clean().Grant(AllUsers, "READ").Policy(Doc(Allow("\"*\"", "\"s3:GetObject\""))).Build(),
            Public, ["PublicRead stmt#0 * s3:GetObject"]);

        yield return new("S8A", Clean().Build("bucket-a"), NotPublic, []);

        yield return new("S8B", Clean().PolicyDenied().AclDenied().Build("bucket-b"),
            Unknown, [], ["s3:GetBucketPolicy", "s3:GetBucketAcl"]);
    }
}
