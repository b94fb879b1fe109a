using AgentWorkflows.Activities.Scanning;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Scanning;

public sealed class HeartbeatPacerTests
{
    [Fact]
    public void BucketFinished_IntervalPassedSinceLastBeat_BeatsBeforeTheBucketCountIsReached()
    {
        var clock = new FakeTimeProvider();
        var sent = 0;
        var pacer = new HeartbeatPacer(() => sent++, clock, everyBuckets: 100, TimeSpan.FromSeconds(2));

        pacer.BucketFinished();
        pacer.BucketFinished();
        clock.Advance(TimeSpan.FromSeconds(1.9));
        pacer.BucketFinished();
        var beforeInterval = sent;
        clock.Advance(TimeSpan.FromSeconds(0.1));
        pacer.BucketFinished();

        Assert.Equal(1, beforeInterval);
        Assert.Equal(2, sent);
        Assert.Equal(2, pacer.Sent);
    }

    [Fact]
    public void Now_AnyTime_BeatsAndRestartsTheBucketCount()
    {
        var clock = new FakeTimeProvider();
        var sent = 0;
        var pacer = new HeartbeatPacer(() => sent++, clock, everyBuckets: 3, TimeSpan.FromMinutes(1));

        pacer.BucketFinished();
        pacer.BucketFinished();
        pacer.BucketFinished();
        pacer.Now();
        pacer.BucketFinished();
        pacer.BucketFinished();

        Assert.Equal(2, sent);
    }
}
