using AgentWorkflows.AwsFake;
using AgentWorkflows.Workflows.Contracts;
using Temporalio.Testing;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Scanning;

public sealed class AccountAndListTests : IAsyncLifetime
{
    private AuditFixture aws = null!;

    public async ValueTask InitializeAsync() => aws = await AuditFixture.StartAsync();

    public async ValueTask DisposeAsync() => await aws.DisposeAsync();

    [Fact]
    public async Task ReadAccountPublicAccessBlockAsync_FlagsSet_ReturnsThemReadBySession()
    {
        var account = aws.Fake.GetAccount(AuditFixture.AccountId);
        account.PublicAccessBlock = new FakePublicAccessBlock(true, false, true, false);

        var block = await ReadAccountBlockAsync();

        Assert.Equal(new PublicAccessBlockFlags(true, false, true, false), block.Flags);
        Assert.Null(block.Gap);
        var session = Assert.Single(aws.Fake.Sessions);
        Assert.Equal(session.AccessKeyId, Assert.Single(aws.Fake.Requests, r => r.Service == "s3control").AccessKeyId);
    }

    [Fact]
    public async Task ReadAccountPublicAccessBlockAsync_NoneConfigured_AllFalse()
    {
        var block = await ReadAccountBlockAsync();

        Assert.Equal(PublicAccessBlockFlags.None, block.Flags);
        Assert.Null(block.Gap);
    }

    [Fact]
    public async Task ReadAccountPublicAccessBlockAsync_Denied_GapNamesThePermission()
    {
        aws.Fake.InjectFault(new FakeFault("GetPublicAccessBlock", "AccessDenied", 403, Service: "s3control"));

        var block = await ReadAccountBlockAsync();

        Assert.Null(block.Flags);
        Assert.Contains("s3:GetAccountPublicAccessBlock", block.Gap, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListBucketsPageAsync_PrefixAndPageSize_PagesThroughMatchingBuckets()
    {
        foreach (var name in new[] { "team-a", "team-b", "team-c", "other" })
        {
            aws.AddBucket(name);
        }

        var session = await aws.AssumeAsync();
        var env = new ActivityEnvironment();
        var firstInput = new ListBucketsPageInput(session, "team-", null, 2);
        var first = await env.RunAsync(() => aws.Activities().ListBucketsPageAsync(firstInput));
        var secondInput = firstInput with { ContinuationToken = first.ContinuationToken };
        var second = await env.RunAsync(() => aws.Activities().ListBucketsPageAsync(secondInput));

        Assert.Equal(["team-a", "team-b"], first.BucketNames);
        Assert.NotNull(first.ContinuationToken);
        Assert.Equal(["team-c"], second.BucketNames);
        Assert.Null(second.ContinuationToken);
        Assert.All(
            aws.Fake.Requests.Where(r => r.Action == "ListBuckets"),
            r => Assert.Equal(aws.Fake.Sessions[0].AccessKeyId, r.AccessKeyId));
    }

    private async Task<AccountPublicAccessBlock> ReadAccountBlockAsync()
    {
        var session = await aws.AssumeAsync();
        return await new ActivityEnvironment().RunAsync(() => aws.Activities()
            .ReadAccountPublicAccessBlockAsync(new AccountPublicAccessBlockInput(session, AuditFixture.AccountId)));
    }
}
