using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using AgentWorkflows.Activities.Verdicts;
using AgentWorkflows.Workflows.Contracts;

namespace AgentWorkflows.Activities.Scanning;

/// <summary>
/// Reads what the verdict rules need about one bucket, in six S3 calls: its region, then with a client
/// for that region, all at once, its Block Public Access, policy status, policy, ACL and ownership controls.
/// </summary>
internal sealed class BucketEvidenceReader(S3CallRunner runner)
{
    public const string LocationPermission = "s3:GetBucketLocation";
    public const string BlockPermission = "s3:GetBucketPublicAccessBlock";
    public const string PolicyStatusPermission = "s3:GetBucketPolicyStatus";
    public const string PolicyPermission = "s3:GetBucketPolicy";
    public const string AclPermission = "s3:GetBucketAcl";
    public const string OwnershipPermission = "s3:GetBucketOwnershipControls";

    private static readonly string[] NoAbsentCodes = [];
    private static readonly string[] NoBlockCodes = [S3ErrorCodes.NoSuchPublicAccessBlock];
    private static readonly string[] NoPolicyCodes = [S3ErrorCodes.NoSuchBucketPolicy];
    private static readonly string[] NoOwnershipCodes = [S3ErrorCodes.NoOwnershipControls];

    public async Task<(BucketEvidence Evidence, int Calls)> ReadAsync(
        string bucket,
        string ownerAccountId,
        S3Read<PublicAccessBlockFlags> accountBlock,
        CancellationToken cancellationToken)
    {
        var target = new BucketTarget(bucket);

        // When the location itself cannot be read the reads start in us-east-1 and follow S3's redirect.
        var location = await runner.ReadAsync(
            target, LocationPermission, NoAbsentCodes,
            async (s3, ct) => (await s3.GetBucketLocationAsync(
                new GetBucketLocationRequest { BucketName = bucket }, ct).ConfigureAwait(false)).Location?.Value,
            cancellationToken).ConfigureAwait(false);

        Task<S3Read<PublicAccessBlockFlags>> bucketBlockTask;
        if (location.Status == ReadStatus.Present)
        {
            target.Region = BucketRegions.FromLocation(location.Value);
            bucketBlockTask = ReadBlockAsync(target, cancellationToken);
        }
        else
        {
            // Without a location the first read finds the region through S3's redirect; the other four
            // then go straight there instead of each being redirected.
            var block = await ReadBlockAsync(target, cancellationToken).ConfigureAwait(false);
            bucketBlockTask = Task.FromResult(block);
        }

        // The five reads depend only on the region, so they run at once: two round trips per bucket.
        var policyStatusTask = runner.ReadAsync(
            target, PolicyStatusPermission, NoPolicyCodes,
            async (s3, ct) => (await s3.GetBucketPolicyStatusAsync(
                new GetBucketPolicyStatusRequest { BucketName = bucket }, ct).ConfigureAwait(false))
                .PolicyStatus?.IsPublic ?? false,
            cancellationToken);

        var policyTask = runner.ReadAsync(
            target, PolicyPermission, NoPolicyCodes,
            async (s3, ct) => PolicyText(await s3.GetBucketPolicyAsync(
                new GetBucketPolicyRequest { BucketName = bucket }, ct).ConfigureAwait(false)),
            cancellationToken);

        var aclTask = runner.ReadAsync(
            target, AclPermission, NoAbsentCodes,
            async (s3, ct) => ToGrants((await s3.GetBucketAclAsync(
                new GetBucketAclRequest { BucketName = bucket }, ct).ConfigureAwait(false)).Grants),
            cancellationToken);

        var ownershipTask = runner.ReadAsync(
            target, OwnershipPermission, NoOwnershipCodes,
            async (s3, ct) => ToOwnership((await s3.GetBucketOwnershipControlsAsync(
                new GetBucketOwnershipControlsRequest { BucketName = bucket }, ct).ConfigureAwait(false))
                .OwnershipControls),
            cancellationToken);

        await Task.WhenAll(bucketBlockTask, policyStatusTask, policyTask, aclTask, ownershipTask)
            .ConfigureAwait(false);
        var bucketBlock = await bucketBlockTask.ConfigureAwait(false);
        var policyStatus = await policyStatusTask.ConfigureAwait(false);
        var policy = await policyTask.ConfigureAwait(false);
        var acl = await aclTask.ConfigureAwait(false);
        var ownership = await ownershipTask.ConfigureAwait(false);

        var evidence = new BucketEvidence(
            bucket,
            target.Region,
            ownerAccountId,
            accountBlock,
            bucketBlock,
            NoneWhenEmpty(policy),
            policyStatus,
            acl,
            ownership);
        return (evidence, target.Calls);
    }

    private Task<S3Read<PublicAccessBlockFlags>> ReadBlockAsync(BucketTarget target, CancellationToken token) =>
        runner.ReadAsync(
            target, BlockPermission, NoBlockCodes,
            async (s3, ct) => ToFlags((await s3.GetPublicAccessBlockAsync(
                new GetPublicAccessBlockRequest { BucketName = target.Name }, ct).ConfigureAwait(false))
                .PublicAccessBlockConfiguration),
            token);

    /// <summary>The account-level block as evidence: flags read, or a gap naming the permission.</summary>
    public static S3Read<PublicAccessBlockFlags> AccountEvidence(AccountPublicAccessBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        const string permission = "s3:GetAccountPublicAccessBlock";
        return block.Flags is { } flags
            ? S3Read<PublicAccessBlockFlags>.Found(flags, permission)
            : S3Read<PublicAccessBlockFlags>.Denied(permission, block.Gap ?? "account block was not read");
    }

    /// <summary>
    /// The SDK answers 404 NoSuchBucketPolicy of GetBucketPolicy without throwing, with the error body
    /// in place of a policy; that is "no policy", never a policy to judge.
    /// </summary>
    private static string PolicyText(GetBucketPolicyResponse response) =>
        response.HttpStatusCode == HttpStatusCode.NotFound ? string.Empty : response.Policy ?? string.Empty;

    private static PublicAccessBlockFlags ToFlags(PublicAccessBlockConfiguration? configuration) =>
        configuration is null
            ? PublicAccessBlockFlags.None
            : new PublicAccessBlockFlags(
                configuration.BlockPublicAcls ?? false,
                configuration.IgnorePublicAcls ?? false,
                configuration.BlockPublicPolicy ?? false,
                configuration.RestrictPublicBuckets ?? false);

    private static IReadOnlyList<AclGrant> ToGrants(List<S3Grant>? grants)
    {
        var result = new List<AclGrant>();
        foreach (var grant in grants ?? [])
        {
            var grantee = grant.Grantee;
            if (grantee is null)
            {
                continue;
            }

            var type = grantee.Type?.Value;
            var (kind, id) = type switch
            {
                "Group" => (GranteeKind.Group, grantee.URI),
                "AmazonCustomerByEmail" => (GranteeKind.Email, grantee.EmailAddress),
                _ => (GranteeKind.CanonicalUser, grantee.CanonicalUser),
            };
            result.Add(new AclGrant(kind, id ?? string.Empty, grant.Permission?.Value ?? string.Empty));
        }

        return result;
    }

    private static string ToOwnership(OwnershipControls? controls) =>
        controls?.Rules?.FirstOrDefault()?.ObjectOwnership?.Value ?? "ObjectWriter";

    private static S3Read<string> NoneWhenEmpty(S3Read<string> policy) =>
        policy.Status == ReadStatus.Present && string.IsNullOrWhiteSpace(policy.Value)
            ? S3Read<string>.None(policy.Permission)
            : policy;
}
