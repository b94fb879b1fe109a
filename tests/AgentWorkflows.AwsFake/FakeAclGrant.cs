namespace AgentWorkflows.AwsFake;

/// <summary>
/// One grant of a bucket ACL. Exactly one of <see cref="CanonicalUserId"/>, <see cref="GroupUri"/> and
/// <see cref="EmailAddress"/> names the grantee; use the factory methods.
/// </summary>
/// <param name="Permission">FULL_CONTROL, READ, WRITE, READ_ACP or WRITE_ACP.</param>
public sealed record FakeAclGrant(
    string Permission,
    string? CanonicalUserId = null,
    string? DisplayName = null,
    string? GroupUri = null,
    string? EmailAddress = null)
{
    /// <summary>Group URI of everyone, authenticated or not.</summary>
    public const string AllUsers = "http://acs.amazonaws.com/groups/global/AllUsers";

    /// <summary>Group URI of every AWS account.</summary>
    public const string AuthenticatedUsers = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

    /// <summary>Group URI of the S3 log delivery service.</summary>
    public const string LogDelivery = "http://acs.amazonaws.com/groups/s3/LogDelivery";

    /// <summary>A grant to a canonical user (an account).</summary>
    public static FakeAclGrant ToCanonicalUser(string canonicalUserId, string permission, string? displayName = null) =>
        new(permission, CanonicalUserId: canonicalUserId, DisplayName: displayName);

    /// <summary>A grant to a predefined group such as <see cref="AllUsers"/>.</summary>
    public static FakeAclGrant ToGroup(string groupUri, string permission) => new(permission, GroupUri: groupUri);

    /// <summary>A grant to an account named by e-mail.</summary>
    public static FakeAclGrant ToEmail(string emailAddress, string permission) =>
        new(permission, EmailAddress: emailAddress);
}
