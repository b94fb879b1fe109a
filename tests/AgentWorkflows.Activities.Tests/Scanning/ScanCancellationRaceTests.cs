using AgentWorkflows.AwsFake;
using Temporalio.Testing;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Scanning;

/// <summary>
/// An S3 error whose answer arrives just as the activity is cancelled is no longer mapped to a verdict; the
/// batch must still keep its finished buckets and end cancelled rather than with that raw error. Today
/// Parallel.ForEachAsync already reports such a loop as cancelled; this guards the outcome whatever drives
/// the loop.
/// </summary>
public sealed class ScanCancellationRaceTests : IAsyncLifetime
{
    private AuditFixture aws = null!;

    public async ValueTask InitializeAsync() => aws = await AuditFixture.StartAsync();

    public async ValueTask DisposeAsync() => await aws.DisposeAsync();

    [Fact]
    public async Task ScanBucketBatchAsync_S3ErrorArrivesAsCancelled_StoresPartialPartAndEndsCancelled()
    {
        aws.Options.MaxConcurrency = 1;
        aws.AddBucket("race-1");
        aws.AddBucket("race-2");
        aws.AddBucket("race-3");
        aws.Fake.InjectFault(new FakeFault("GetBucketLocation", "InternalError", 500, Bucket: "race-2"));
        var session = await aws.AssumeAsync();
        var input = aws.Batch(session, ["race-1", "race-2", "race-3"]);
        var env = new ActivityEnvironment();
        aws.WrapS3 = s3 => LocationErrorHook.Wrap(s3, "race-2", env.Cancel);

        var error = await Record.ExceptionAsync(
            () => env.RunAsync(() => aws.Activities().ScanBucketBatchAsync(input)));

        Assert.IsAssignableFrom<OperationCanceledException>(error);
        var part = await aws.ReadPartAsync(0);
        Assert.NotNull(part);
        Assert.False(part.Complete);
        Assert.Equal(["race-1", "race-2", "race-3"], part.BucketNames);
        Assert.Equal(["race-1"], part.Verdicts.Select(v => v.BucketName));
        Assert.Empty(aws.BucketReads("race-3"));
    }
}
