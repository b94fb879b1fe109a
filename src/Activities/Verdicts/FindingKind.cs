using System.Text.Json.Serialization;

namespace AgentWorkflows.Activities.Verdicts;

/// <summary>What an auditor needs to know about one grant. The names are stable: reports keep them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FindingKind>))]
public enum FindingKind
{
    /// <summary>The bucket policy lets anyone read objects or configuration (s3:Get*).</summary>
    PublicRead,

    /// <summary>The bucket policy lets anyone list the bucket (s3:List*).</summary>
    PublicList,

    /// <summary>The bucket policy lets anyone write, delete or reconfigure (s3:Put*, s3:Delete*, s3:*).</summary>
    PublicWrite,

    /// <summary>The bucket policy is public for actions outside S3's read, list and write families.</summary>
    PublicOther,

    /// <summary>S3's own policy status says public while the policy itself could not be read.</summary>
    PublicPerPolicyStatus,

    /// <summary>The ACL gives AllUsers READ or READ_ACP.</summary>
    PublicAclRead,

    /// <summary>The ACL gives AllUsers WRITE, WRITE_ACP or FULL_CONTROL.</summary>
    PublicAclWrite,

    /// <summary>The ACL gives the AuthenticatedUsers group (any AWS account in the world) a permission.</summary>
    AnyAuthenticatedAwsAccount,

    /// <summary>A grant to others that a fixed principal or condition limits (org, account, VPC, IP).</summary>
    CrossAccountLimited,

    /// <summary>A public grant that Block Public Access neutralises now; it is exposed if that is turned off.</summary>
    NeutralisedByBpa,

    /// <summary>GetBucketPolicyStatus disagrees with this engine's reading of the policy.</summary>
    PolicyStatusDisagreement,
}
