using AgentWorkflows.Activities.Scanning;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Scanning;

public sealed class S3CallRunnerTests
{
    private static readonly S3AuditOptions Options = new()
    {
        ThrottleBaseDelay = TimeSpan.FromMilliseconds(100),
        ThrottleMaxDelay = TimeSpan.FromSeconds(1),
    };

    [Theory]
    [InlineData(1, 0.0, 50)]
    [InlineData(1, 1.0, 100)]
    [InlineData(2, 0.0, 100)]
    [InlineData(3, 1.0, 400)]
    [InlineData(5, 1.0, 1000)]
    [InlineData(30, 0.5, 750)]
    public void BackOffDelay_Attempt_DoublesWithJitterUpToTheCap(int attempt, double random, int milliseconds)
    {
        using var limiter = new S3CallLimiter(1);
        var runner = new S3CallRunner(
            _ => throw new InvalidOperationException(), Options, TimeProvider.System, limiter);

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), runner.BackOffDelay(attempt, random));
    }
}
