using AgentWorkflows.Activities.Tests.Scanning;
using AgentWorkflows.AwsFake;
using AgentWorkflows.Workflows.Contracts;
using Temporalio.Exceptions;
using Temporalio.Testing;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Reporting;

/// <summary>A scan and its report written to S3 on the fake, with the worker's own credentials.</summary>
public sealed class ReportToS3Tests : IAsyncLifetime
{
    private AuditFixture aws = null!;

    public async ValueTask InitializeAsync() => aws = await AuditFixture.StartAsync();

    public async ValueTask DisposeAsync() => await aws.DisposeAsync();

    private ReportDestination Destination => new(Bucket: AuditFixture.ReportBucket, KeyPrefix: "audits/");

    [Fact]
    public async Task WriteReportAsync_ToS3AfterScan_WritesWithWorkerCredentialsAndNoSecrets()
    {
        aws.AddBucket("open-bucket").Policy =
            "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\"," +
            "\"Resource\":\"arn:aws:s3:::open-bucket/*\"}]}";
        var session = await aws.AssumeAsync();
        var env = new ActivityEnvironment();
        var scan = await env.RunAsync(() => aws.Activities().ScanBucketBatchAsync(
            aws.Batch(session, ["open-bucket"], report: Destination)));

        var location = await env.RunAsync(() => aws.ReportActivities().WriteReportAsync(Input(AuditOutcome.Succeeded)));

        const string run = $"s3://{AuditFixture.ReportBucket}/audits/wf-scan/run-1/";
        Assert.Equal(run + "parts/batch-00000.json", scan.PartLocation);
        Assert.Equal(run + "report.json", location.ReportUri);
        Assert.Equal(run + "summary.txt", location.SummaryUri);
        Assert.Equal(new VerdictCounts(1, 0, 0), location.Counts);
        var writes = aws.Fake.Requests.Where(r => r.Action == "PutObject").ToList();
        Assert.Equal(3, writes.Count);
        Assert.All(writes, w => Assert.Equal(aws.Worker.AccessKeyId, w.AccessKeyId));

        var report = ReadObject("audits/wf-scan/run-1/report.json");
        var summary = ReadObject("audits/wf-scan/run-1/summary.txt");
        Assert.Contains("\"bucketName\": \"open-bucket\"", report, StringComparison.Ordinal);
        Assert.Contains("open-bucket (us-east-1)", summary, StringComparison.Ordinal);
        foreach (var text in new[] { report, summary, ReadObject("audits/wf-scan/run-1/parts/batch-00000.json") })
        {
            Assert.DoesNotContain("ASIA", text, StringComparison.Ordinal);
            Assert.DoesNotContain("AKIA", text, StringComparison.Ordinal);
            Assert.DoesNotContain(aws.Worker.AccessKeyId, text, StringComparison.Ordinal);
            Assert.DoesNotContain(aws.Worker.SecretAccessKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(session.SealedCredentials, text, StringComparison.Ordinal);
            Assert.DoesNotContain("SessionToken", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task WriteReportAsync_ToS3Twice_OverwritesTheSameKeys()
    {
        var env = new ActivityEnvironment();
        await env.RunAsync(() => aws.ReportActivities().WriteReportAsync(Input(AuditOutcome.Failed, "first attempt")));

        await env.RunAsync(() => aws.ReportActivities().WriteReportAsync(Input(AuditOutcome.Cancelled)));

        var bucket = aws.Fake.GetBucket(AuditFixture.ReportBucket);
        Assert.Equal(
            ["audits/wf-scan/run-1/report.json", "audits/wf-scan/run-1/summary.txt"],
            bucket.Objects.Keys.Order(StringComparer.Ordinal));
        var report = ReadObject("audits/wf-scan/run-1/report.json");
        Assert.Contains("\"outcome\": \"Cancelled\"", report, StringComparison.Ordinal);
        Assert.DoesNotContain("first attempt", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteReportAsync_PutObjectDenied_FailsNonRetryableReportNotWritten()
    {
        aws.Fake.InjectFault(new FakeFault("PutObject", "AccessDenied", 403));

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => new ActivityEnvironment()
            .RunAsync(() => aws.ReportActivities().WriteReportAsync(Input(AuditOutcome.Succeeded))));

        Assert.Equal(ErrorTypes.ReportNotWritten, failure.ErrorType);
        Assert.True(failure.NonRetryable);
        Assert.Contains("AccessDenied", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteReportAsync_S3InternalError_FailsRetryable()
    {
        aws.Fake.InjectFault(new FakeFault("PutObject", "InternalError", 500));

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => new ActivityEnvironment()
            .RunAsync(() => aws.ReportActivities().WriteReportAsync(Input(AuditOutcome.Succeeded))));

        Assert.Equal(ErrorTypes.ReportNotWritten, failure.ErrorType);
        Assert.False(failure.NonRetryable);
    }

    private WriteReportInput Input(AuditOutcome outcome, string? error = null) =>
        ReportFixtures.Input(Destination, 1, outcome, error) with
        {
            WorkflowId = "wf-scan",
            RunId = "run-1",
            RunKey = AuditFixture.RunKey,
        };

    private string ReadObject(string key)
    {
        var stored = aws.Fake.GetBucket(AuditFixture.ReportBucket).FindObject(key);
        Assert.NotNull(stored);
        return stored.ContentAsString();
    }
}
