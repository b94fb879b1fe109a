using AgentWorkflows.Activities.Reporting;
using AgentWorkflows.Activities.Tests.Scanning;
using AgentWorkflows.Workflows.Contracts;
using Amazon.Runtime;
using Amazon.S3;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Reporting;

/// <summary>How <see cref="S3ReportStore"/> turns its key prefix into object keys.</summary>
public sealed class S3ReportStoreTests
{
    // Never called: LocationOf only formats. Explicit credentials and a loopback endpoint all the same.
    private static AmazonS3Client OfflineClient() => new(
        new BasicAWSCredentials("AKIDEXAMPLE", "not-a-secret"),
        new AmazonS3Config { ServiceURL = "http://127.0.0.1:1", ForcePathStyle = true });

    [Theory]
    [InlineData("s3-audit", "s3://audit-reports/s3-audit/wf/run/report.json")]
    [InlineData("s3-audit/", "s3://audit-reports/s3-audit/wf/run/report.json")]
    [InlineData("team/s3-audit", "s3://audit-reports/team/s3-audit/wf/run/report.json")]
    [InlineData("", "s3://audit-reports/wf/run/report.json")]
    [InlineData(null, "s3://audit-reports/wf/run/report.json")]
    public void LocationOf_PrefixWithOrWithoutSlash_KeysLieInsideThePrefixFolder(string? prefix, string expected)
    {
        using var client = OfflineClient();
        var store = new S3ReportStore(client, "audit-reports", prefix);

        Assert.Equal(expected, store.LocationOf("wf/run/report.json"));
    }

    [Fact]
    public void Constructor_PrefixStartingWithSlash_IsRefused()
    {
        using var client = OfflineClient();

        var error = Assert.Throws<ArgumentException>(() => new S3ReportStore(client, "audit-reports", "/s3-audit"));

        Assert.Contains("'/s3-audit'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanBucketBatchAsync_PrefixWithoutSlash_WritesThePartUnderThePrefixFolder()
    {
        await using var aws = await AuditFixture.StartAsync();
        aws.AddBucket("private-bucket");
        var destination = new ReportDestination(Bucket: AuditFixture.ReportBucket, KeyPrefix: "s3-audit");
        var session = await aws.AssumeAsync();
        var env = new Temporalio.Testing.ActivityEnvironment();
        var scan = await env.RunAsync(() => aws.Activities().ScanBucketBatchAsync(
            aws.Batch(session, ["private-bucket"], report: destination)));

        const string run = $"s3://{AuditFixture.ReportBucket}/s3-audit/wf-scan/run-1/";
        Assert.Equal(run + "parts/batch-00000.json", scan.PartLocation);
        Assert.Contains(
            "s3-audit/wf-scan/run-1/parts/batch-00000.json",
            aws.Fake.GetBucket(AuditFixture.ReportBucket).Objects.Keys);
    }
}
