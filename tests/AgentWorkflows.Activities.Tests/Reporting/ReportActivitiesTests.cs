using System.Text.Json;
using AgentWorkflows.Activities.Reporting;
using AgentWorkflows.Activities.Verdicts;
using AgentWorkflows.Workflows.Contracts;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Logging.Abstractions;
using Temporalio.Exceptions;
using Temporalio.Testing;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Reporting;

public sealed class ReportActivitiesTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly Aws.AwsClientFactory clients = ReportFixtures.OfflineClients();

    public void Dispose()
    {
        clients.Dispose();
        temp.Dispose();
    }

    [Fact]
    public async Task WriteReportAsync_TwoParts_WritesReportAndSummaryWithCounts()
    {
        var destination = new ReportDestination(LocalDirectory: Path.Combine(temp.Path, "out"));
        await StorePartAsync(destination, 0, true, Verdicts.Of("a", AccessVerdict.Public, "policy statement 0"));
        await StorePartAsync(
            destination, 1, true, Verdicts.Of("b", AccessVerdict.NotPublic), Verdicts.Of("c", AccessVerdict.NotPublic));

        var location = await RunAsync(ReportFixtures.Input(destination, batchCount: 2));

        Assert.Equal(new VerdictCounts(1, 2, 0), location.Counts);
        var reportPath = Path.Combine(
            temp.Path, "out", ReportFixtures.WorkflowId, ReportFixtures.RunId, "report.json");
        Assert.Equal(new Uri(reportPath).AbsoluteUri, location.ReportUri);
        using var json = JsonDocument.Parse(await ReadAsync(location.ReportUri));
        var root = json.RootElement;
        Assert.Equal("Succeeded", root.GetProperty("outcome").GetString());
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/audit/s3-audit-session",
            root.GetProperty("runBy").GetProperty("callerArn").GetString());
        Assert.Equal("agent-7", root.GetProperty("runBy").GetProperty("sourceIdentity").GetString());
        Assert.Equal(ReportFixtures.RunId, root.GetProperty("runBy").GetProperty("runId").GetString());
        Assert.Equal(["a", "b", "c"], root.GetProperty("buckets").EnumerateArray()
            .Select(b => b.GetProperty("bucketName").GetString()));
        Assert.Equal("PUBLIC", root.GetProperty("buckets")[0].GetProperty("verdict").GetString());

        var summary = await ReadAsync(location.SummaryUri);
        Assert.Contains("3 audited; 1 public, 2 not public, 0 unknown", summary, StringComparison.Ordinal);
        Assert.Contains("a (us-east-1): policy statement 0", summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../escape")]
    [InlineData("..")]
    [InlineData("a//b")]
    [InlineData("nightly audit/ünïcode")]
    public async Task WriteReportAsync_WorkflowIdWithPathCharacters_WritesOneFolderInsideTheDestination(
        string workflowId)
    {
        var destination = new ReportDestination(LocalDirectory: Path.Combine(temp.Path, "out"));

        var location = await RunAsync(ReportFixtures.Input(destination, batchCount: 0, workflowId: workflowId));

        var reportPath = new Uri(location.ReportUri).LocalPath;
        var runFolder = Path.GetDirectoryName(reportPath)!;
        var workflowFolder = Path.GetDirectoryName(runFolder)!;
        Assert.Equal(Path.Combine(temp.Path, "out"), Path.GetDirectoryName(workflowFolder));
        Assert.Equal(ReportPath.Segment(workflowId), Path.GetFileName(workflowFolder));
        Assert.True(File.Exists(reportPath));
    }

    [Fact]
    public async Task WriteReportAsync_RunTwice_OverwritesTheSameObjects()
    {
        var destination = new ReportDestination(LocalDirectory: temp.Path);
        await StorePartAsync(destination, 0, true, Verdicts.Of("a", AccessVerdict.Public));
        var first = await RunAsync(ReportFixtures.Input(destination, 1, AuditOutcome.Failed, "first try"));

        var second = await RunAsync(ReportFixtures.Input(destination, 1, AuditOutcome.Succeeded));

        Assert.Equal(first.ReportUri, second.ReportUri);
        Assert.Equal(first.SummaryUri, second.SummaryUri);
        var report = await ReadAsync(second.ReportUri);
        Assert.Contains("\"outcome\": \"Succeeded\"", report, StringComparison.Ordinal);
        Assert.DoesNotContain("first try", report, StringComparison.Ordinal);
        var runDirectory = Path.GetDirectoryName(new Uri(second.ReportUri).LocalPath)!;
        Assert.Equal(["report.json", "summary.txt"], Directory.GetFiles(runDirectory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task WriteReportAsync_MissingAndPartialParts_NamesEveryGap()
    {
        var destination = new ReportDestination(LocalDirectory: temp.Path);
        await StorePartAsync(
            destination, 0, true, Verdicts.Of("a", AccessVerdict.Unknown, "s3:GetBucketPolicy denied"));
        await StorePartAsync(destination, 2, false, Verdicts.Of("e", AccessVerdict.NotPublic));
        var gapBlock = new AccountPublicAccessBlock(
            null, "s3:GetAccountPublicAccessBlock denied (AccessDenied, HTTP 403)");

        var location = await RunAsync(ReportFixtures.Input(
            destination, 3, AuditOutcome.Cancelled, "cancelled by the caller", accountBlock: gapBlock));

        var report = ReportJson.Deserialize<AuditReport>(await ReadAsync(location.ReportUri))!;
        Assert.Equal(AuditOutcome.Cancelled, report.Outcome);
        Assert.Equal([1], report.Batches.Missing);
        Assert.Equal([2], report.Batches.Partial);
        Assert.False(report.AccountBlock.Read);
        Assert.Contains(report.Gaps, g => g.Contains("s3:GetAccountPublicAccessBlock", StringComparison.Ordinal));
        Assert.Contains(report.Gaps, g => g == "batch 1: no findings were stored");
        Assert.Contains(report.Gaps, g => g == "batch 2: stopped after 1 of 2 buckets; not scanned: f");
        Assert.Contains(report.Gaps, g => g == "a: s3:GetBucketPolicy denied");
        Assert.Equal(new VerdictCounts(0, 1, 1), location.Counts);
    }

    [Fact]
    public async Task WriteReportAsync_LocalDirectoryOutsideRoot_FailsNonRetryable()
    {
        var destination = new ReportDestination(LocalDirectory: Path.Combine(temp.Path, "..", "elsewhere"));

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(
            () => RunAsync(ReportFixtures.Input(destination, 0)));

        Assert.Equal(ErrorTypes.InvalidInput, failure.ErrorType);
        Assert.Contains("outside Reports:LocalRoot", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteReportAsync_ErrorTextHoldsAccessKeyIds_ReportHoldsNone()
    {
        var destination = new ReportDestination(LocalDirectory: temp.Path);
        var error = "STS said no for ASIAABCDEFGHIJKLMNOP and AKIAABCDEFGHIJKLMNOP";

        var location = await RunAsync(ReportFixtures.Input(destination, 0, AuditOutcome.Failed, error));

        var report = await ReadAsync(location.ReportUri);
        var summary = await ReadAsync(location.SummaryUri);
        foreach (var text in new[] { report, summary })
        {
            Assert.DoesNotContain("ASIA", text, StringComparison.Ordinal);
            Assert.DoesNotContain("AKIA", text, StringComparison.Ordinal);
            Assert.Contains("STS said no for [redacted key id]", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("AccessDenied", 403, true)]
    [InlineData("NoSuchBucket", 404, true)]
    [InlineData("InternalError", 500, false)]
    [InlineData("SlowDown", 503, false)]
    public void ToFailure_S3Error_PermanentOnlyForDestinationFaults(string code, int status, bool nonRetryable)
    {
        var error = new AmazonS3Exception("boom", ErrorType.Sender, code, "req", (System.Net.HttpStatusCode)status);

        var failure = ReportActivities.ToFailure("s3://reports/x", error);

        Assert.Equal(ErrorTypes.ReportNotWritten, failure.ErrorType);
        Assert.Equal(nonRetryable, failure.NonRetryable);
        Assert.Contains(code, failure.Message, StringComparison.Ordinal);
    }

    private async Task<ReportLocation> RunAsync(WriteReportInput input)
    {
        var activities = new ReportActivities(
            ReportFixtures.LocalStores(clients, temp.Path), TimeProvider.System, NullLogger<ReportActivities>.Instance);
        return await new ActivityEnvironment().RunAsync(() => activities.WriteReportAsync(input));
    }

    private static Task<string> ReadAsync(string fileUri) =>
        File.ReadAllTextAsync(new Uri(fileUri).LocalPath, TestContext.Current.CancellationToken);

    private async Task StorePartAsync(
        ReportDestination destination, int index, bool complete, params BucketVerdict[] verdicts)
    {
        var names = verdicts.Select(v => v.BucketName).ToList();
        if (!complete)
        {
            names.Add("f");
        }

        var store = ReportFixtures.LocalStores(clients, temp.Path).Create(destination);
        var part = new BatchPart(index, complete, names, verdicts);
        await store.PutTextAsync(
            ReportKeys.Part(ReportFixtures.RunKey, index), ReportJson.Serialize(part), "application/json",
            TestContext.Current.CancellationToken);
    }
}
