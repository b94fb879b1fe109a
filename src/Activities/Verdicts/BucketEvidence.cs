using AgentWorkflows.Workflows.Contracts;

namespace AgentWorkflows.Activities.Verdicts;

/// <summary>How one S3 read ended.</summary>
public enum ReadStatus
{
    /// <summary>The read returned a configuration.</summary>
    Present,

    /// <summary>S3 answered that none is set (for example 404 NoSuchBucketPolicy).</summary>
    Absent,

    /// <summary>S3 answered 403: the session lacks <see cref="S3Read{T}.Permission"/>.</summary>
    Denied,

    /// <summary>Any other error; <see cref="S3Read{T}.Detail"/> says which.</summary>
    Failed,
}

/// <summary>
/// The outcome of one read of a bucket's configuration. <see cref="Permission"/> is the IAM action the
/// read needs (for example <c>s3:GetBucketPolicy</c>), so a denied read can name what was missing.
/// </summary>
public sealed record S3Read<T>(ReadStatus Status, T? Value, string Permission, string? Detail = null)
{
    public static S3Read<T> Found(T value, string permission) => new(ReadStatus.Present, value, permission);

    public static S3Read<T> None(string permission) => new(ReadStatus.Absent, default, permission);

    public static S3Read<T> Denied(string permission, string? detail = null) =>
        new(ReadStatus.Denied, default, permission, detail);

    public static S3Read<T> Error(string permission, string detail) =>
        new(ReadStatus.Failed, default, permission, detail);
}

/// <summary>An ACL grantee kind, as S3 writes it in the ACL XML.</summary>
public enum GranteeKind
{
    CanonicalUser,
    Group,
    Email,
}

/// <summary>
/// One ACL grant. For groups <see cref="Grantee"/> is the group URI, for example
/// <c>http://acs.amazonaws.com/groups/global/AllUsers</c>; <see cref="Permission"/> is READ, WRITE,
/// READ_ACP, WRITE_ACP or FULL_CONTROL.
/// </summary>
public sealed record AclGrant(GranteeKind Kind, string Grantee, string Permission);

/// <summary>
/// Everything read about one bucket, as the verdict rules need it. Reads that were denied or failed
/// stay in the evidence so the verdict can name the gap instead of guessing.
/// </summary>
/// <param name="AccountBlock">Account-level BPA: Present with flags, Absent (all false), or a gap.</param>
/// <param name="BucketBlock">Bucket-level BPA (GetPublicAccessBlock on the bucket).</param>
/// <param name="PolicyJson">The bucket policy document (GetBucketPolicy).</param>
/// <param name="PolicyStatusIsPublic">S3's own judgement (GetBucketPolicyStatus).</param>
/// <param name="Acl">Grants of the bucket ACL (GetBucketAcl).</param>
/// <param name="ObjectOwnership">
/// <c>BucketOwnerEnforced</c>, <c>BucketOwnerPreferred</c> or <c>ObjectWriter</c>
/// (GetBucketOwnershipControls; Absent means ObjectWriter, the old default).
/// </param>
public sealed record BucketEvidence(
    string BucketName,
    string Region,
    string OwnerAccountId,
    S3Read<PublicAccessBlockFlags> AccountBlock,
    S3Read<PublicAccessBlockFlags> BucketBlock,
    S3Read<string> PolicyJson,
    S3Read<bool> PolicyStatusIsPublic,
    S3Read<IReadOnlyList<AclGrant>> Acl,
    S3Read<string> ObjectOwnership);
