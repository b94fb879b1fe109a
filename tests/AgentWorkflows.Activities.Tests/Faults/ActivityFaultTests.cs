using AgentWorkflows.Activities.Tests.Scanning;
using AgentWorkflows.AwsFake;
using AgentWorkflows.Workflows.Contracts;
using Temporalio.Exceptions;
using Temporalio.Testing;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Faults;

/// <summary>Faults from the fake AWS and odd activity inputs: every failure must be an application failure.</summary>
public sealed class ActivityFaultTests : IAsyncLifetime
{
    private AuditFixture aws = null!;

    public async ValueTask InitializeAsync() => aws = await AuditFixture.StartAsync();

    public async ValueTask DisposeAsync() => await aws.DisposeAsync();

    [Theory]
    [InlineData("../escape/run-1")]
    [InlineData("wf//run-1")]
    [InlineData("wf/./run-1")]
    [InlineData("wf\\run-1")]
    public async Task ScanBucketBatchAsync_RunKeyThatClimbsOrHasEmptySegment_FailsNonRetryableInvalidInput(
        string runKey)
    {
        aws.AddBucket("plain-bucket");
        var session = await aws.AssumeAsync();
        var input = aws.Batch(session, ["plain-bucket"]) with { RunKey = runKey };

        var error = await Record.ExceptionAsync(
            () => new ActivityEnvironment().RunAsync(() => aws.Activities().ScanBucketBatchAsync(input)));

        var failure = Assert.IsType<ApplicationFailureException>(error);
        Assert.Equal(ErrorTypes.InvalidInput, failure.ErrorType);
        Assert.True(failure.NonRetryable);
    }

    [Fact]
    public async Task WriteReportAsync_RunKeyThatClimbs_FailsNonRetryableInvalidInput()
    {
        var now = aws.Fake.Time.GetUtcNow();
        var input = new WriteReportInput(
            "../escape/run-1", "wf", "run-1", AuditFixture.AccountId, aws.Role.Arn, "agent-7", "s", null,
            AuditOutcome.Succeeded, null, now, now, 1, null, aws.LocalReports);

        var error = await Record.ExceptionAsync(
            () => new ActivityEnvironment().RunAsync(() => aws.ReportActivities().WriteReportAsync(input)));

        Assert.True(error is null or ApplicationFailureException, $"raw {error?.GetType().Name}: {error?.Message}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("v1")]
    [InlineData("v1..")]
    [InlineData("v1.AAAA.AAAA")]
    [InlineData("garbage-not-sealed")]
    public async Task ScanBucketBatchAsync_UnreadableSealedSession_SessionExpiredFailure(string sealedText)
    {
        aws.AddBucket("plain-bucket");
        var session = await aws.AssumeAsync() is var s ? s with { SealedCredentials = sealedText } : null!;

        var error = await Record.ExceptionAsync(() => new ActivityEnvironment().RunAsync(
            () => aws.Activities().ScanBucketBatchAsync(aws.Batch(session, ["plain-bucket"]))));

        var failure = Assert.IsType<ApplicationFailureException>(error);
        Assert.Equal(ErrorTypes.SessionExpired, failure.ErrorType);
    }

    [Fact]
    public async Task ScanBucketBatchAsync_SealedForAnotherSession_SessionExpiredFailure()
    {
        aws.AddBucket("plain-bucket");
        var session = await aws.AssumeAsync("session-one");
        var other = session with { SessionName = "session-two" };

        var error = await Record.ExceptionAsync(() => new ActivityEnvironment().RunAsync(
            () => aws.Activities().ScanBucketBatchAsync(aws.Batch(other, ["plain-bucket"]))));

        var failure = Assert.IsType<ApplicationFailureException>(error);
        Assert.Equal(ErrorTypes.SessionExpired, failure.ErrorType);
    }

    [Theory]
    [InlineData("AccessDenied", 403, "Aws.AccessDenied", true)]
    [InlineData("InternalError", 500, "Aws.InternalError", false)]
    [InlineData("SlowDown", 503, "Aws.SlowDown", false)]
    [InlineData("ExpiredToken", 400, "SessionExpired", false)]
    public async Task ListBucketsPageAsync_Fault_StableTypeAndRetryability(
        string code, int status, string errorType, bool nonRetryable)
    {
        aws.Fake.InjectFault(new FakeFault("ListBuckets", code, status, Service: "s3"));
        var session = await aws.AssumeAsync();

        var error = await Record.ExceptionAsync(() => new ActivityEnvironment().RunAsync(
            () => aws.Activities().ListBucketsPageAsync(new ListBucketsPageInput(session, null, null, 100))));

        var failure = Assert.IsType<ApplicationFailureException>(error);
        Assert.Equal(errorType, failure.ErrorType);
        Assert.Equal(nonRetryable, failure.NonRetryable);
        Assert.DoesNotContain(aws.Worker.SecretAccessKey, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanBucketBatchAsync_InternalErrorForeverOnPolicy_UnknownNotNotPublic()
    {
        var bucket = aws.AddBucket("broken-policy");
        bucket.Policy = """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}""";
        aws.Fake.InjectFault(new FakeFault("GetBucketPolicy", "InternalError", 500, Bucket: "broken-policy"));
        aws.Fake.InjectFault(new FakeFault("GetBucketPolicyStatus", "InternalError", 500, Bucket: "broken-policy"));

        var error = await Record.ExceptionAsync(async () =>
        {
            var (result, _) = await aws.ScanAsync("broken-policy");
            Assert.Equal(0, result.Counts.NotPublic);
        });

        Assert.True(error is null or ApplicationFailureException, $"{error?.GetType().Name}: {error?.Message}");
    }

    [Fact]
    public async Task ScanBucketBatchAsync_DuplicatePrincipalPolicyOverWire_UnknownNamingTheDuplicate()
    {
        var bucket = aws.AddBucket("dup-keys");
        bucket.Policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"}," +
            "\"Principal\":\"*\",\"Action\":\"s3:GetObject\"}]}";
        bucket.PolicyStatusOverride = false;

        var (result, part) = await aws.ScanAsync("dup-keys");

        Assert.Equal(new VerdictCounts(0, 0, 1), result.Counts);
        var gap = Assert.Single(Assert.Single(part.Verdicts).Gaps);
        Assert.Equal("s3:GetBucketPolicy", gap.Permission);
        Assert.Contains("statement #0: duplicate key \"Principal\"", gap.Description, StringComparison.Ordinal);
    }
}
