using System.Collections.Concurrent;

namespace AgentWorkflows.AwsFake;

/// <summary>
/// A seeded S3 bucket. Its configuration can be changed at any time, also while requests run; each
/// property is read once per request.
/// </summary>
public sealed class FakeBucket
{
    private readonly ConcurrentDictionary<string, FakeStoredObject> _objects = new(StringComparer.Ordinal);

    internal FakeBucket(FakeAccount owner, string name, string region, DateTimeOffset createdAt)
    {
        Owner = owner;
        Name = name;
        Region = region;
        CreationDate = createdAt;
        Grants = [FakeAclGrant.ToCanonicalUser(owner.CanonicalUserId, "FULL_CONTROL", owner.DisplayName)];
    }

    /// <summary>Bucket name.</summary>
    public string Name { get; }

    /// <summary>Account that owns the bucket.</summary>
    public FakeAccount Owner { get; }

    /// <summary>Region the bucket lives in; requests signed for another region get 301 PermanentRedirect.</summary>
    public string Region { get; }

    /// <summary>
    /// What GetBucketLocation answers. Null derives it from <see cref="Region"/> (empty for us-east-1);
    /// set e.g. <c>EU</c> to mimic legacy buckets.
    /// </summary>
    public string? LocationConstraint { get; set; }

    /// <summary>Creation date listed by ListBuckets.</summary>
    public DateTimeOffset CreationDate { get; set; }

    /// <summary>Bucket policy JSON as GetBucketPolicy returns it; null answers 404 NoSuchBucketPolicy.</summary>
    public string? Policy { get; set; }

    /// <summary>
    /// ACL grants. Starts with FULL_CONTROL for the owner; replace the list to add group or user grants.
    /// </summary>
    public IReadOnlyList<FakeAclGrant> Grants { get; set; }

    /// <summary>
    /// Object ownership rule (BucketOwnerEnforced, BucketOwnerPreferred, ObjectWriter); null answers
    /// 404 OwnershipControlsNotFoundError.
    /// </summary>
    public string? ObjectOwnership { get; set; }

    /// <summary>Bucket-level Block Public Access; null answers 404 NoSuchPublicAccessBlockConfiguration.</summary>
    public FakePublicAccessBlock? PublicAccessBlock { get; set; }

    /// <summary>
    /// Forces GetBucketPolicyStatus's IsPublic. Null computes it from <see cref="Policy"/>: public when an
    /// Allow statement has principal <c>*</c> or <c>{"AWS":"*"}</c> and no Condition.
    /// </summary>
    public bool? PolicyStatusOverride { get; set; }

    /// <summary>Objects in the bucket by key.</summary>
    public IReadOnlyDictionary<string, FakeStoredObject> Objects => _objects;

    /// <summary>Stores an object directly, as if uploaded.</summary>
    public FakeStoredObject PutObject(string key, ReadOnlySpan<byte> content, string contentType, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var stored = new FakeStoredObject(key, content.ToArray(), contentType, ComputeETag(content), at);
        _objects[key] = stored;
        return stored;
    }

    /// <summary>The object stored under <paramref name="key"/>, or null.</summary>
    public FakeStoredObject? FindObject(string key) => _objects.TryGetValue(key, out var found) ? found : null;

    internal string EffectiveLocationConstraint =>
        LocationConstraint ?? (Region == "us-east-1" ? string.Empty : Region);

#pragma warning disable CA5351 // S3 defines single-part ETags as the MD5 of the content; this is no security use.
    private static string ComputeETag(ReadOnlySpan<byte> content) =>
        "\"" + Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(content)) + "\"";
#pragma warning restore CA5351
}
