using AgentWorkflows.Activities.Verdicts;
using AgentWorkflows.Workflows.Contracts;

namespace AgentWorkflows.Verdicts.Tests;

/// <summary>
/// Writes a bucket's configuration as a test reads it. Starts from the defaults of the field cases:
/// account 111122223333, example-bucket in us-east-1, no BPA at either level (404), no policy (404),
/// policy status 404, BucketOwnerEnforced, and an ACL that grants only the owner.
/// </summary>
internal sealed class BucketBuilder
{
    public const string Owner = "111122223333";
    public const string AllUsers = "http://acs.amazonaws.com/groups/global/AllUsers";
    public const string AuthenticatedUsers = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    public const string LogDelivery = "http://acs.amazonaws.com/groups/s3/LogDelivery";
    private const string OwnerCanonicalId = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";

    private S3Read<PublicAccessBlockFlags> accountBlock = S3Read<PublicAccessBlockFlags>.None(
        "s3:GetAccountPublicAccessBlock");
    private S3Read<PublicAccessBlockFlags> bucketBlock = S3Read<PublicAccessBlockFlags>.None(
        "s3:GetBucketPublicAccessBlock");
    private S3Read<string> policy = S3Read<string>.None("s3:GetBucketPolicy");
    private S3Read<bool> policyStatus = S3Read<bool>.None("s3:GetBucketPolicyStatus");
    private S3Read<IReadOnlyList<AclGrant>> acl = S3Read<IReadOnlyList<AclGrant>>.Found(
        [new AclGrant(GranteeKind.CanonicalUser, OwnerCanonicalId, "FULL_CONTROL")], "s3:GetBucketAcl");
    private S3Read<string> ownership = S3Read<string>.Found("BucketOwnerEnforced", "s3:GetBucketOwnershipControls");

    public static BucketBuilder Clean() => new();

    public BucketBuilder Policy(string json)
    {
        policy = S3Read<string>.Found(json, "s3:GetBucketPolicy");
        return this;
    }

    public BucketBuilder PolicyDenied()
    {
        policy = S3Read<string>.Denied("s3:GetBucketPolicy", "AccessDenied");
        return this;
    }

    public BucketBuilder PolicyFailed(string detail)
    {
        policy = S3Read<string>.Error("s3:GetBucketPolicy", detail);
        return this;
    }

    public BucketBuilder S3SaysPublic(bool isPublic)
    {
        policyStatus = S3Read<bool>.Found(isPublic, "s3:GetBucketPolicyStatus");
        return this;
    }

    public BucketBuilder PolicyStatusDenied()
    {
        policyStatus = S3Read<bool>.Denied("s3:GetBucketPolicyStatus");
        return this;
    }

    /// <summary>Adds grants to the owner-only ACL.</summary>
    public BucketBuilder Grant(string grantee, string permission)
    {
        var kind = grantee.StartsWith("http", StringComparison.Ordinal) ? GranteeKind.Group
            : grantee.Contains('@', StringComparison.Ordinal) ? GranteeKind.Email
            : GranteeKind.CanonicalUser;
        acl = S3Read<IReadOnlyList<AclGrant>>.Found(
            [.. acl.Value ?? [], new AclGrant(kind, grantee, permission)], "s3:GetBucketAcl");
        return this;
    }

    public BucketBuilder AclDenied()
    {
        acl = S3Read<IReadOnlyList<AclGrant>>.Denied("s3:GetBucketAcl", "AccessDenied");
        return this;
    }

    public BucketBuilder Ownership(string setting)
    {
        ownership = S3Read<string>.Found(setting, "s3:GetBucketOwnershipControls");
        return this;
    }

    /// <summary>404 OwnershipControlsNotFoundError: the old default, ObjectWriter.</summary>
    public BucketBuilder OwnershipAbsent()
    {
        ownership = S3Read<string>.None("s3:GetBucketOwnershipControls");
        return this;
    }

    public BucketBuilder OwnershipDenied()
    {
        ownership = S3Read<string>.Denied("s3:GetBucketOwnershipControls");
        return this;
    }

    public BucketBuilder OwnershipFailed(string detail)
    {
        ownership = S3Read<string>.Error("s3:GetBucketOwnershipControls", detail);
        return this;
    }

    /// <summary>
    /// Account-level BPA, flags in the case file's order:
    /// {BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets}.
    /// </summary>
    public BucketBuilder AccountBpa(bool blockAcls, bool ignoreAcls, bool blockPolicy, bool restrict)
    {
        accountBlock = S3Read<PublicAccessBlockFlags>.Found(
            new PublicAccessBlockFlags(blockAcls, ignoreAcls, blockPolicy, restrict), "s3:GetAccountPublicAccessBlock");
        return this;
    }

    public BucketBuilder AccountBpaDenied()
    {
        accountBlock = S3Read<PublicAccessBlockFlags>.Denied("s3:GetAccountPublicAccessBlock");
        return this;
    }

    /// <summary>Bucket-level BPA, same flag order as <see cref="AccountBpa"/>.</summary>
    public BucketBuilder BucketBpa(bool blockAcls, bool ignoreAcls, bool blockPolicy, bool restrict)
    {
        bucketBlock = S3Read<PublicAccessBlockFlags>.Found(
            new PublicAccessBlockFlags(blockAcls, ignoreAcls, blockPolicy, restrict), "s3:GetBucketPublicAccessBlock");
        return this;
    }

    public BucketBuilder BucketBpaDenied()
    {
        bucketBlock = S3Read<PublicAccessBlockFlags>.Denied("s3:GetBucketPublicAccessBlock");
        return this;
    }

    public BucketBuilder BucketBpaFailed(string detail)
    {
        bucketBlock = S3Read<PublicAccessBlockFlags>.Error("s3:GetBucketPublicAccessBlock", detail);
        return this;
    }

    public BucketEvidence Build(string bucketName = "example-bucket") =>
        new(bucketName, "us-east-1", Owner, accountBlock, bucketBlock, policy, policyStatus, acl, ownership);
}
