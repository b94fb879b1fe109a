using System.Security.Cryptography;
using System.Text;

namespace AgentWorkflows.AwsFake;

/// <summary>A seeded AWS account: owner of users, roles and buckets.</summary>
public sealed class FakeAccount
{
    internal FakeAccount(string accountId)
    {
        AccountId = accountId;
        CanonicalUserId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("canonical:" + accountId)));
        DisplayName = "owner-" + accountId;
    }

    /// <summary>12-digit account id.</summary>
    public string AccountId { get; }

    /// <summary>64-hex canonical user id, used as bucket owner in ListBuckets and ACLs.</summary>
    public string CanonicalUserId { get; }

    /// <summary>Owner display name in ListBuckets and ACL owners.</summary>
    public string DisplayName { get; set; }

    /// <summary>
    /// Account-level Block Public Access (S3 Control GetPublicAccessBlock); null answers 404
    /// NoSuchPublicAccessBlockConfiguration.
    /// </summary>
    public FakePublicAccessBlock? PublicAccessBlock { get; set; }
}
