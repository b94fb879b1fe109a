using AgentWorkflows.Activities.Scanning;
using AgentWorkflows.AwsFake;
using AgentWorkflows.Workflows.Contracts;
using Temporalio.Testing;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Scanning;

/// <summary>How a scan spends its S3 calls and heartbeats: the shared limiter, concurrent reads, paced beats.</summary>
public sealed class ScanPacingTests : IAsyncLifetime
{
    private AuditFixture aws = null!;

    public async ValueTask InitializeAsync() => aws = await AuditFixture.StartAsync();

    public async ValueTask DisposeAsync() => await aws.DisposeAsync();

    [Fact]
    public async Task ScanBucketBatchAsync_OneBucket_ReadsTheFiveConfigurationsAtOnceAfterTheLocation()
    {
        aws.Options.MaxConcurrency = 1;
        aws.Fake.Latency = TimeSpan.FromMilliseconds(50);
        aws.AddBucket("together", "eu-west-2");

        var (result, _) = await aws.ScanAsync("together");

        Assert.Equal(1, result.Counts.NotPublic);
        Assert.Equal(5, aws.Limiter.PeakInFlight);
        Assert.Equal(6, aws.BucketReads("together").Count);
        Assert.Equal("GetBucketLocation", aws.BucketReads("together")[0].Action);
    }

    [Fact]
    public async Task ScanBucketBatchAsync_TwoScansSharingTheLimiter_NeverExceedItsSlotsAndFillThem()
    {
        aws.Limiter = new S3CallLimiter(3);
        aws.Options.MaxConcurrency = 4;
        aws.Fake.Latency = TimeSpan.FromMilliseconds(30);
        var first = Enumerable.Range(0, 6).Select(i => $"left-{i}").ToArray();
        var second = Enumerable.Range(0, 6).Select(i => $"right-{i}").ToArray();
        foreach (var name in first.Concat(second))
        {
            aws.AddBucket(name);
        }

        var session = await aws.AssumeAsync();
        var activities = aws.Activities();
        var scans = new[]
        {
            new ActivityEnvironment().RunAsync(() => activities.ScanBucketBatchAsync(aws.Batch(session, first, 0))),
            new ActivityEnvironment().RunAsync(() => activities.ScanBucketBatchAsync(aws.Batch(session, second, 1))),
        };
        var results = await Task.WhenAll(scans);

        Assert.All(results, r => Assert.Equal(6, r.Counts.NotPublic));
        Assert.Equal(3, aws.Limiter.PeakInFlight);
        Assert.Equal(0, aws.Limiter.InFlight);
        Assert.Equal(72, first.Concat(second).Sum(b => aws.BucketReads(b).Count));
    }

    [Fact]
    public async Task ScanBucketBatchAsync_SixtyBuckets_HeartbeatsFirstBucketThenEveryTwentyOnly()
    {
        aws.Options.HeartbeatEveryBuckets = 20;

        // One bucket at a time: with more, another bucket may finish between a bucket's completion and its
        // heartbeat, and the checkpoint would count it too.
        aws.Options.MaxConcurrency = 1;
        var names = Enumerable.Range(0, 60).Select(i => $"beat-{i:D2}").ToArray();
        foreach (var name in names)
        {
            aws.AddBucket(name);
        }

        var session = await aws.AssumeAsync();
        var beats = new List<ScanCheckpoint>();
        var environment = new ActivityEnvironment
        {
            Heartbeater = details =>
            {
                lock (beats)
                {
                    beats.Add((ScanCheckpoint)details[0]!);
                }
            },
        };
        var result = await environment.RunAsync(() => aws.Activities().ScanBucketBatchAsync(aws.Batch(session, names)));

        Assert.Equal(60, result.Counts.NotPublic);
        Assert.Equal([1, 21, 41], beats.Select(b => b.Done.Count));
        Assert.Equal(60, (await aws.ReadPartAsync(0))!.Verdicts.Count);
    }

    [Fact]
    public async Task ScanBucketBatchAsync_Throttled_HeartbeatsBeforeEveryWait()
    {
        aws.Options.HeartbeatEveryBuckets = 100;
        aws.Options.MaxConcurrency = 1;
        aws.AddBucket("first-one");
        aws.AddBucket("slow-one");
        aws.Fake.InjectFault(new FakeFault("GetBucketAcl", "SlowDown", 503, Bucket: "slow-one", Times: 2));
        var session = await aws.AssumeAsync();
        var beats = new List<int>();
        var environment = new ActivityEnvironment
        {
            Heartbeater = details => beats.Add(((ScanCheckpoint)details[0]!).Done.Count),
        };

        await environment.RunAsync(
            () => aws.Activities().ScanBucketBatchAsync(aws.Batch(session, ["first-one", "slow-one"])));

        Assert.Equal([1, 1, 1], beats);
        Assert.Equal(2, aws.Time.Waits.Count);
    }
}
