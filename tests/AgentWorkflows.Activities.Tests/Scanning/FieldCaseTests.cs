using AgentWorkflows.Activities.Verdicts;
using AgentWorkflows.AwsFake;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Scanning;

/// <summary>
/// The S3 field cases of shared/cases/README.md, end to end: the configuration is seeded in the fake,
/// read through the real AWS SDK by ScanBucketBatch, and judged by the verdict rules.
/// </summary>
public sealed class FieldCaseTests : IAsyncLifetime
{
    private const string Bucket = "example-bucket";
    private AuditFixture aws = null!;

    public async ValueTask InitializeAsync() => aws = await AuditFixture.StartAsync();

    public async ValueTask DisposeAsync() => await aws.DisposeAsync();

    [Fact]
    public async Task ScanBucketBatchAsync_S1_LowerCaseSourceVpceCondition_NotPublic()
    {
        aws.AddBucket(Bucket).Policy = Policy(
            "\"*\"", "\"s3:GetObject\"", ObjectsOf(Bucket),
            "\"Condition\":{\"StringEquals\":{\"aws:sourcevpce\":\"vpce-0123456789abcdef0\"}}");

        var verdict = await ScanOneAsync();

        Assert.Equal(AccessVerdict.NotPublic, verdict.Verdict);
    }

    [Fact]
    public async Task ScanBucketBatchAsync_S2_WildcardSourceVpcCondition_Public()
    {
        aws.AddBucket(Bucket).Policy = Policy(
            "\"*\"", "\"s3:GetObject\"", ObjectsOf(Bucket),
            "\"Condition\":{\"StringLike\":{\"aws:SourceVpc\":\"vpc-*\"}}");

        var verdict = await ScanOneAsync();

        Assert.Equal(AccessVerdict.Public, verdict.Verdict);
        Assert.Contains(verdict.Findings, f => f.Source == FindingSource.BucketPolicy && f.StatementIndex == 0);
    }

    [Fact]
    public async Task ScanBucketBatchAsync_S3_AwsWildcardListAndRead_Public()
    {
        aws.AddBucket(Bucket).Policy = Policy(
            "{\"AWS\":\"*\"}", "[\"s3:GetObject*\",\"s3:List*\"]",
            $"[\"arn:aws:s3:::{Bucket}\",\"arn:aws:s3:::{Bucket}/*\"]", null);

        var verdict = await ScanOneAsync();

        Assert.Equal(AccessVerdict.Public, verdict.Verdict);
        Assert.Contains(verdict.Findings, f => f.Kind == FindingKind.PublicList);
        Assert.Contains(verdict.Findings, f => f.Kind == FindingKind.PublicRead);
    }

    [Fact]
    public async Task ScanBucketBatchAsync_S4_BlockPublicAclsOnlyOverExistingPublicAcl_Public()
    {
        var bucket = aws.AddBucket(Bucket);
        bucket.ObjectOwnership = "ObjectWriter";
        bucket.Grants = [.. bucket.Grants, FakeAclGrant.ToGroup(FakeAclGrant.AllUsers, "READ")];
        bucket.PublicAccessBlock = new FakePublicAccessBlock(true, false, false, false);

        var verdict = await ScanOneAsync();

        Assert.Equal(AccessVerdict.Public, verdict.Verdict);
        Assert.Contains(
            verdict.Findings, f => f.Source == FindingSource.BucketAcl && f.Principal == FakeAclGrant.AllUsers);
    }

    [Fact]
    public async Task ScanBucketBatchAsync_S5_AuthenticatedUsersRead_Public()
    {
        var bucket = aws.AddBucket(Bucket);
        bucket.ObjectOwnership = "ObjectWriter";
        bucket.Grants =
        [
            .. bucket.Grants,
            FakeAclGrant.ToGroup(FakeAclGrant.AuthenticatedUsers, "READ"),
            FakeAclGrant.ToGroup(FakeAclGrant.LogDelivery, "WRITE"),
        ];

        var verdict = await ScanOneAsync();

        Assert.Equal(AccessVerdict.Public, verdict.Verdict);
        Assert.Contains(verdict.Findings, f => f.Principal == FakeAclGrant.AuthenticatedUsers);
        Assert.DoesNotContain(verdict.Findings, f => f.Principal == FakeAclGrant.LogDelivery);
    }

    [Fact]
    public async Task ScanBucketBatchAsync_S6_OnlyLogDeliveryGrant_NotPublic()
    {
        var bucket = aws.AddBucket(Bucket);
        bucket.ObjectOwnership = "ObjectWriter";
        bucket.Grants = [.. bucket.Grants, FakeAclGrant.ToGroup(FakeAclGrant.LogDelivery, "WRITE")];

        var verdict = await ScanOneAsync();

        Assert.Equal(AccessVerdict.NotPublic, verdict.Verdict);
    }

    [Fact]
    public async Task ScanBucketBatchAsync_S7_OwnerEnforcedWithPublicAclAndPolicy_PublicThroughPolicyOnly()
    {
        var bucket = aws.AddBucket(Bucket);
        bucket.Grants = [.. bucket.Grants, FakeAclGrant.ToGroup(FakeAclGrant.AllUsers, "READ")];
        bucket.Policy = Policy("\"*\"", "\"s3:GetObject\"", ObjectsOf(Bucket), null);

        var verdict = await ScanOneAsync();

        Assert.Equal(AccessVerdict.Public, verdict.Verdict);
        Assert.Contains(verdict.Findings, f => f.Source == FindingSource.BucketPolicy);
        Assert.DoesNotContain(
            verdict.Findings, f => f.Source == FindingSource.BucketAcl && f.Kind != FindingKind.NeutralisedByBpa);
    }

    [Fact]
    public async Task ScanBucketBatchAsync_S8_PolicyAndAclDeniedOnOneBucket_UnknownNamingBothAndBatchCompletes()
    {
        aws.AddBucket("bucket-a");
        aws.AddBucket("bucket-b");
        aws.Fake.InjectFault(new FakeFault("GetBucketPolicy", "AccessDenied", 403, Bucket: "bucket-b"));
        aws.Fake.InjectFault(new FakeFault("GetBucketAcl", "AccessDenied", 403, Bucket: "bucket-b"));

        var (result, part) = await aws.ScanAsync("bucket-a", "bucket-b");

        Assert.Equal(new Workflows.Contracts.VerdictCounts(0, 1, 1), result.Counts);
        Assert.True(part.Complete);
        var a = part.Verdicts.Single(v => v.BucketName == "bucket-a");
        var b = part.Verdicts.Single(v => v.BucketName == "bucket-b");
        Assert.Equal(AccessVerdict.NotPublic, a.Verdict);
        Assert.Equal(AccessVerdict.Unknown, b.Verdict);
        Assert.Equal(
            ["s3:GetBucketAcl", "s3:GetBucketPolicy"],
            b.Gaps.Where(g => g.Status == ReadStatus.Denied).Select(g => g.Permission).Order());
        Assert.Contains("s3:GetBucketPolicy", b.Reason, StringComparison.Ordinal);
        Assert.Contains("s3:GetBucketAcl", b.Reason, StringComparison.Ordinal);
    }

    private static string ObjectsOf(string bucket) => $"\"arn:aws:s3:::{bucket}/*\"";

    private static string Policy(string principal, string actions, string resources, string? condition) =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" + principal +
        ",\"Action\":" + actions + ",\"Resource\":" + resources + (condition is null ? string.Empty : "," + condition) +
        "}]}";

    private async Task<BucketVerdict> ScanOneAsync()
    {
        var (result, part) = await aws.ScanAsync(Bucket);
        Assert.Equal(1, result.Counts.Total);
        return Assert.Single(part.Verdicts);
    }
}
