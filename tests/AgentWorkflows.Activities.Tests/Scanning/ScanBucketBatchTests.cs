using AgentWorkflows.Activities.Reporting;
using AgentWorkflows.Activities.Scanning;
using AgentWorkflows.Activities.Verdicts;
using AgentWorkflows.AwsFake;
using AgentWorkflows.Workflows.Contracts;
using Temporalio.Converters;
using Temporalio.Exceptions;
using Temporalio.Testing;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Scanning;

public sealed class ScanBucketBatchTests : IAsyncLifetime
{
    private static readonly string[] BucketActions =
    [
        "GetBucketLocation", "GetPublicAccessBlock", "GetBucketPolicyStatus", "GetBucketPolicy", "GetBucketAcl",
        "GetBucketOwnershipControls",
    ];

    private AuditFixture aws = null!;

    public async ValueTask InitializeAsync() => aws = await AuditFixture.StartAsync();

    public async ValueTask DisposeAsync() => await aws.DisposeAsync();

    [Fact]
    public async Task ScanBucketBatchAsync_EveryS3Read_SignedByTheAssumedSessionNotTheWorker()
    {
        aws.AddBucket("signed-1");
        aws.AddBucket("signed-2", "eu-west-2");

        await aws.ScanAsync("signed-1", "signed-2");

        var session = Assert.Single(aws.Fake.Sessions);
        Assert.StartsWith("ASIA", session.AccessKeyId, StringComparison.Ordinal);
        var reads = aws.BucketReads("signed-1").Concat(aws.BucketReads("signed-2")).ToList();
        Assert.Equal(12, reads.Count);
        Assert.All(reads, r => Assert.Equal(session.AccessKeyId, r.AccessKeyId));
        Assert.All(reads, r => Assert.Equal(session.AssumedRoleArn, r.PrincipalArn));
        Assert.DoesNotContain(aws.Fake.Requests, r => r.Service == "s3" && r.AccessKeyId == aws.Worker.AccessKeyId);
    }

    [Fact]
    public async Task ScanBucketBatchAsync_ManyBuckets_AtMostSixS3CallsEach()
    {
        var names = Enumerable.Range(0, 10).Select(i => $"many-{i:D2}").ToArray();
        foreach (var name in names)
        {
            aws.AddBucket(name, name.EndsWith('7') ? "ap-southeast-2" : "us-east-1");
        }

        var (result, part) = await aws.ScanAsync(names);

        Assert.Equal(10, result.Counts.NotPublic);
        Assert.Equal(names, part.Verdicts.Select(v => v.BucketName));
        foreach (var name in names)
        {
            // The location comes first; the other five run at once, in any order.
            var actions = aws.BucketReads(name).Select(r => r.Action).ToList();
            Assert.Equal(BucketActions[0], actions[0]);
            Assert.Equal(BucketActions.Order(StringComparer.Ordinal), actions.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task ScanBucketBatchAsync_LegacyEuAndEmptyLocation_ReadInTheirRegionsWithoutRedirect()
    {
        aws.AddBucket("legacy-eu", "eu-west-1").LocationConstraint = "EU";
        aws.AddBucket("plain-us");

        var (_, part) = await aws.ScanAsync("legacy-eu", "plain-us");

        Assert.Equal("eu-west-1", part.Verdicts.Single(v => v.BucketName == "legacy-eu").Region);
        Assert.Equal("us-east-1", part.Verdicts.Single(v => v.BucketName == "plain-us").Region);
        Assert.All(part.Verdicts, v => Assert.Equal(AccessVerdict.NotPublic, v.Verdict));
        Assert.DoesNotContain(aws.Fake.Requests, r => r.StatusCode == 301);
    }

    [Fact]
    public async Task ScanBucketBatchAsync_LocationUnreadable_FollowsThePermanentRedirectOnce()
    {
        aws.AddBucket("moved-away", "eu-central-1");
        aws.Fake.InjectFault(new FakeFault("GetBucketLocation", "AccessDenied", 403, Bucket: "moved-away"));

        var (_, part) = await aws.ScanAsync("moved-away");

        var verdict = Assert.Single(part.Verdicts);
        Assert.Equal("eu-central-1", verdict.Region);
        Assert.Equal(AccessVerdict.NotPublic, verdict.Verdict);
        var reads = aws.BucketReads("moved-away");
        Assert.Single(reads, r => r.StatusCode == 301);
        Assert.Equal(7, reads.Count);
    }

    [Theory]
    [InlineData("EU", "us-east-1")]
    [InlineData("", "ap-northeast-1")]
    public async Task ScanBucketBatchAsync_LocationDisagreesWithRegion_FollowsTheRedirectOnceToTheRightVerdict(
        string location, string region)
    {
        var bucket = aws.AddBucket("misplaced", region);
        bucket.LocationConstraint = location;
        bucket.Policy = PublicPolicy("misplaced");

        var (result, part) = await aws.ScanAsync("misplaced");

        var verdict = Assert.Single(part.Verdicts);
        Assert.Equal(region, verdict.Region);
        Assert.Equal(AccessVerdict.Public, verdict.Verdict);
        Assert.Equal(1, result.Counts.Public);
        var reads = aws.BucketReads("misplaced");
        Assert.Equal(
            BucketActions.Order(StringComparer.Ordinal),
            reads.Where(r => r.StatusCode is 200 or 404).Select(r => r.Action).Order(StringComparer.Ordinal));
        Assert.All(BucketActions, action => Assert.InRange(
            reads.Count(r => r.Action == action && r.StatusCode == 301), 0, 1));
        Assert.Equal(reads.Count - 6, reads.Count(r => r.StatusCode == 301));
        Assert.InRange(reads.Count, 7, 11);
    }

    [Fact]
    public async Task ScanBucketBatchAsync_ThrottledTwice_RetriesWithBackOffAndSucceeds()
    {
        aws.AddBucket("busy");
        aws.Fake.InjectFault(new FakeFault("GetBucketAcl", "SlowDown", 503, Bucket: "busy", Times: 2));

        var (_, part) = await aws.ScanAsync("busy");

        Assert.Equal(AccessVerdict.NotPublic, Assert.Single(part.Verdicts).Verdict);
        Assert.Equal(3, aws.BucketReads("busy").Count(r => r.Action == "GetBucketAcl"));
        var waits = aws.Time.Waits;
        Assert.Equal(2, waits.Count);
        Assert.InRange(waits[0], TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200));
        Assert.InRange(waits[1], TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400));
    }

    [Fact]
    public async Task ScanBucketBatchAsync_ThrottledOnEveryAttempt_FailsRetryableAndKeepsFinishedBuckets()
    {
        aws.Options.ThrottleMaxAttempts = 3;
        aws.Options.MaxConcurrency = 1;
        aws.AddBucket("calm");
        aws.AddBucket("stormy");
        aws.Fake.InjectFault(new FakeFault("GetBucketPolicyStatus", "Throttling", 503, Bucket: "stormy"));

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => aws.ScanAsync("calm", "stormy"));

        Assert.Equal("Aws.Throttling", failure.ErrorType);
        Assert.False(failure.NonRetryable);
        Assert.Equal(3, aws.BucketReads("stormy").Count(r => r.Action == "GetBucketPolicyStatus"));
        var part = await aws.ReadPartAsync(0);
        Assert.NotNull(part);
        Assert.False(part.Complete);
        Assert.Equal(["calm"], part.Verdicts.Select(v => v.BucketName));
    }

    [Fact]
    public async Task ScanBucketBatchAsync_ExpiredToken_FailsSessionExpiredAndNextRunScansOnlyTheRest()
    {
        aws.Options.MaxConcurrency = 1;
        aws.AddBucket("exp-1");
        aws.AddBucket("exp-2");
        aws.AddBucket("exp-3");
        aws.Fake.InjectFault(new FakeFault("GetBucketAcl", "ExpiredToken", 400, Bucket: "exp-2"));

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(
            () => aws.ScanAsync("exp-1", "exp-2", "exp-3"));

        Assert.Equal(ErrorTypes.SessionExpired, failure.ErrorType);
        Assert.False(failure.NonRetryable);
        var partial = await aws.ReadPartAsync(0);
        Assert.NotNull(partial);
        Assert.False(partial.Complete);
        Assert.Equal(["exp-1"], partial.Verdicts.Select(v => v.BucketName));

        aws.Fake.ClearFaults();
        aws.Fake.ClearRequests();
        var (result, part) = await aws.ScanAsync("exp-1", "exp-2", "exp-3");

        Assert.Equal(new VerdictCounts(0, 3, 0), result.Counts);
        Assert.True(part.Complete);
        Assert.Empty(aws.BucketReads("exp-1"));
        Assert.Equal(6, aws.BucketReads("exp-2").Count);
    }

    [Fact]
    public async Task ScanBucketBatchAsync_RetryWithHeartbeatDetails_ResumesWithoutRescanning()
    {
        aws.Options.MaxConcurrency = 1;
        aws.AddBucket("hb-1").Policy = PublicPolicy("hb-1");
        aws.AddBucket("hb-2");
        var session = await aws.AssumeAsync();
        var input = aws.Batch(session, ["hb-1", "hb-2"]);
        var beats = new List<ScanCheckpoint>();
        var first = new ActivityEnvironment { Heartbeater = details => beats.Add((ScanCheckpoint)details[0]!) };
        await first.RunAsync(() => aws.Activities().ScanBucketBatchAsync(input));
        var afterFirstBucket = beats.First(b => b.Done.Count == 1);
        File.Delete(Path.Combine(aws.Reports.Path, ReportKeys.Part(AuditFixture.RunKey, 0)));
        aws.Fake.ClearRequests();

        var retry = new ActivityEnvironment
        {
            Info = ActivityEnvironment.DefaultInfo with
            {
                Attempt = 2,
                HeartbeatDetails = [DataConverter.Default.PayloadConverter.ToPayload(afterFirstBucket)],
            },
        };
        var result = await retry.RunAsync(() => aws.Activities().ScanBucketBatchAsync(input));

        Assert.Equal(new VerdictCounts(1, 1, 0), result.Counts);
        Assert.Empty(aws.BucketReads("hb-1"));
        Assert.Equal(6, aws.BucketReads("hb-2").Count);
        var part = await aws.ReadPartAsync(0);
        Assert.Equal(["hb-1", "hb-2"], part!.Verdicts.Select(v => v.BucketName));
    }

    [Fact]
    public async Task ScanBucketBatchAsync_CancelledAtHeartbeat_StoresPartialFindingsThenPropagates()
    {
        aws.Options.MaxConcurrency = 1;
        aws.AddBucket("cx-1");
        aws.AddBucket("cx-2");
        aws.AddBucket("cx-3");
        var session = await aws.AssumeAsync();
        var input = aws.Batch(session, ["cx-1", "cx-2", "cx-3"]);
        ActivityEnvironment env = null!;
        env = new ActivityEnvironment
        {
            Heartbeater = details =>
            {
                if (((ScanCheckpoint)details[0]!).Done.Count == 1)
                {
                    env.Cancel();
                }
            },
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => env.RunAsync(() => aws.Activities().ScanBucketBatchAsync(input)));

        var part = await aws.ReadPartAsync(0);
        Assert.NotNull(part);
        Assert.False(part.Complete);
        Assert.Equal(["cx-1", "cx-2", "cx-3"], part.BucketNames);
        Assert.Equal(["cx-1"], part.Verdicts.Select(v => v.BucketName));
        Assert.Empty(aws.BucketReads("cx-3"));
    }

    [Fact]
    public async Task ScanBucketBatchAsync_SameBatchTwice_OverwritesOnePart()
    {
        aws.AddBucket("twice");
        await aws.ScanAsync("twice");

        var (result, _) = await aws.ScanAsync("twice");

        Assert.EndsWith("/wf-scan/run-1/parts/batch-00000.json", result.PartLocation, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(aws.Reports.Path, "wf-scan", "run-1", "parts")));
    }

    private static string PublicPolicy(string bucket) =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\"," +
        $"\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::{bucket}/*\"}}]}}";
}
